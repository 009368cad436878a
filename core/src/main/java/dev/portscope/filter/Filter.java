package dev.portscope.filter;

import dev.portscope.model.Endpoint;
import dev.portscope.model.SocketEntry;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A condition on a socket, as ss's filter expressions state them ({@code dport = :ssh or sport =
 * :ssh}). {@link #test} is the truth for every source; the netlink source also hands the kernel
 * what it can evaluate itself ({@link KernelBytecode}) so that fewer sockets cross into Java.
 */
public sealed interface Filter permits Filter.Always, Filter.Never, Filter.And, Filter.Or, Filter.Not, Filter.PortCompare,
        HostMatch, UserMatch, FactMatch, PathMatch, DeviceMatch {

    /** Whether the socket passes, with {@code facts} for the conditions that need them ({@link FactMatch}). */
    boolean test(SocketEntry socket, Facts facts);

    /** Whether the socket passes a filter that needs no facts. */
    default boolean test(SocketEntry socket) {
        return test(socket, Facts.NONE);
    }

    /** What evaluating {@code f} needs beyond the socket. */
    static Set<FactMatch.Need> needs(Filter f) {
        Set<FactMatch.Need> needs = EnumSet.noneOf(FactMatch.Need.class);
        collectNeeds(f, needs);
        return needs;
    }

    private static void collectNeeds(Filter f, Set<FactMatch.Need> needs) {
        switch (f) {
            case FactMatch m -> needs.add(m.need());
            case And(Filter l, Filter r) -> {
                collectNeeds(l, needs);
                collectNeeds(r, needs);
            }
            case Or(Filter l, Filter r) -> {
                collectNeeds(l, needs);
                collectNeeds(r, needs);
            }
            case Not(Filter inner) -> collectNeeds(inner, needs);
            default -> {
            }
        }
    }

    /**
     * The part of {@code f} a stage can evaluate ({@code known} leaves), for sockets that must then
     * pass {@code f} itself: every other leaf becomes the constant that never loses a match
     * (true, or false under an odd number of nots). Constants fold away, so they survive only as
     * the whole answer. The socket source gets {@code within(f, leaf -> !(leaf instanceof FactMatch))};
     * the kernel gets less still.
     */
    static Filter within(Filter f, Predicate<Filter> known) {
        return within(f, known, true);
    }

    private static Filter within(Filter f, Predicate<Filter> known, boolean positive) {
        return switch (f) {
            case Always a -> a;
            case Never n -> n;
            case Not(Filter inner) -> switch (within(inner, known, !positive)) {
                case Always a -> Never.INSTANCE;
                case Never n -> always();
                case Not(Filter twice) -> twice;
                case Filter other -> new Not(other);
            };
            case And(Filter l, Filter r) -> {
                Filter a = within(l, known, positive);
                Filter b = within(r, known, positive);
                yield a instanceof Never || b instanceof Never ? Never.INSTANCE
                        : a instanceof Always ? b : b instanceof Always ? a : new And(a, b);
            }
            case Or(Filter l, Filter r) -> {
                Filter a = within(l, known, positive);
                Filter b = within(r, known, positive);
                yield a instanceof Always || b instanceof Always ? always()
                        : a instanceof Never ? b : b instanceof Never ? a : new Or(a, b);
            }
            default -> known.test(f) ? f : positive ? always() : Never.INSTANCE;
        };
    }

    /** Every socket passes: no filter. */
    static Filter always() {
        return Always.INSTANCE;
    }

    /** Both must pass. */
    static Filter and(Filter a, Filter b) {
        return new And(a, b);
    }

    /** Either must pass. */
    static Filter or(Filter a, Filter b) {
        return new Or(a, b);
    }

    /** {@code sport = :PORT or dport = :PORT}: the socket uses the port at either end. */
    static Filter usesPort(int port) {
        return or(new PortCompare(End.LOCAL, Comparison.EQ, port), new PortCompare(End.REMOTE, Comparison.EQ, port));
    }

    /** Which end of the socket a condition looks at: {@code sport}/{@code src} or {@code dport}/{@code dst}. */
    enum End {
        LOCAL, REMOTE;

        /** The socket's endpoint at this end. */
        public Endpoint of(SocketEntry socket) {
            return this == LOCAL ? socket.local() : socket.remote();
        }
    }

    /** ss's comparison operators, each with its symbol and word form. */
    enum Comparison {
        EQ("=", "eq"), NE("!=", "ne"), LT("<", "lt"), LE("<=", "le"), GT(">", "gt"), GE(">=", "ge");

        private final String symbol;
        private final String word;

        Comparison(String symbol, String word) {
            this.symbol = symbol;
            this.word = word;
        }

        public String symbol() {
            return symbol;
        }

        public String word() {
            return word;
        }

        boolean holds(int left, int right) {
            return switch (this) {
                case EQ -> left == right;
                case NE -> left != right;
                case LT -> left < right;
                case LE -> left <= right;
                case GT -> left > right;
                case GE -> left >= right;
            };
        }
    }

    /** Matches every socket. */
    enum Always implements Filter {
        INSTANCE;

        @Override
        public boolean test(SocketEntry socket, Facts facts) {
            return true;
        }
    }

    /** Matches no socket. */
    enum Never implements Filter {
        INSTANCE;

        @Override
        public boolean test(SocketEntry socket, Facts facts) {
            return false;
        }
    }

    record And(Filter left, Filter right) implements Filter {
        public And {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }

        @Override
        public boolean test(SocketEntry socket, Facts facts) {
            return left.test(socket, facts) && right.test(socket, facts);
        }
    }

    record Or(Filter left, Filter right) implements Filter {
        public Or {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }

        @Override
        public boolean test(SocketEntry socket, Facts facts) {
            return left.test(socket, facts) || right.test(socket, facts);
        }
    }

    record Not(Filter inner) implements Filter {
        public Not {
            Objects.requireNonNull(inner);
        }

        @Override
        public boolean test(SocketEntry socket, Facts facts) {
            return !inner.test(socket, facts);
        }
    }

    /** {@code sport OP :PORT} or {@code dport OP :PORT}. */
    record PortCompare(End end, Comparison comparison, int port) implements Filter {
        public PortCompare {
            Objects.requireNonNull(end);
            Objects.requireNonNull(comparison);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not in 0-65535");
            }
        }

        @Override
        public boolean test(SocketEntry socket, Facts facts) {
            return comparison.holds(end.of(socket).port(), port);
        }
    }

    /** Conjunction of all, {@link #always()} when empty. */
    static Filter allOf(List<Filter> filters) {
        Filter all = always();
        for (Filter f : filters) {
            all = all == Always.INSTANCE ? f : and(all, f);
        }
        return all;
    }
}
