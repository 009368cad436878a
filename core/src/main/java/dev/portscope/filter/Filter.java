package dev.portscope.filter;

import dev.portscope.model.Endpoint;
import dev.portscope.model.SocketEntry;

import java.util.List;
import java.util.Objects;

/**
 * A condition on a socket, as ss's filter expressions state them ({@code dport = :ssh or sport =
 * :ssh}). {@link #test} is the truth for every source; the netlink source also hands the kernel
 * what it can evaluate itself ({@link KernelBytecode}) so that fewer sockets cross into Java.
 */
public sealed interface Filter permits Filter.Always, Filter.Never, Filter.And, Filter.Or, Filter.Not, Filter.PortCompare {

    /** Whether the socket passes. */
    boolean test(SocketEntry socket);

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

        Endpoint of(SocketEntry socket) {
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
        public boolean test(SocketEntry socket) {
            return true;
        }
    }

    /** Matches no socket. */
    enum Never implements Filter {
        INSTANCE;

        @Override
        public boolean test(SocketEntry socket) {
            return false;
        }
    }

    record And(Filter left, Filter right) implements Filter {
        public And {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }

        @Override
        public boolean test(SocketEntry socket) {
            return left.test(socket) && right.test(socket);
        }
    }

    record Or(Filter left, Filter right) implements Filter {
        public Or {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }

        @Override
        public boolean test(SocketEntry socket) {
            return left.test(socket) || right.test(socket);
        }
    }

    record Not(Filter inner) implements Filter {
        public Not {
            Objects.requireNonNull(inner);
        }

        @Override
        public boolean test(SocketEntry socket) {
            return !inner.test(socket);
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
        public boolean test(SocketEntry socket) {
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
