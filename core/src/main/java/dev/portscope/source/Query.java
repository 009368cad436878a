package dev.portscope.source;

import dev.portscope.filter.Filter;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which sockets to read: protocols, families, states, details the kernel sends only when asked,
 * and a filter. A source may use it to read less (fewer tables, a kernel-side state mask and
 * filter program); it always returns only matching sockets. The facade takes any filter, and
 * hands a source only the part it can evaluate ({@link #forSource()}).
 */
public record Query(Set<Protocol> protocols, Set<Family> families, Set<TcpState> states, Set<Detail> details, Filter filter) {

    /** Extras the kernel sends only when asked (netlink); cookie, timer and v6only always come. */
    public enum Detail {
        /** Socket memory, {@code ss -m}. */
        MEMORY,
        /** tcp_info and the congestion algorithm, {@code ss -i}. */
        TCP_INFO
    }

    /** TCP LISTEN and unconnected UDP: what netstat and ss call listening. */
    public static final Set<TcpState> LISTENING = Set.copyOf(EnumSet.of(TcpState.LISTEN, TcpState.CLOSE));
    /** Every state but the listening ones and bound-inactive: netstat's default view. */
    public static final Set<TcpState> CONNECTED = Set.copyOf(EnumSet.complementOf(EnumSet.of(TcpState.LISTEN, TcpState.CLOSE,
            TcpState.BOUND_INACTIVE)));
    /**
     * Every state a socket listing means by -a, as netstat (and ss before 6.8): listening and
     * connected. Bound-inactive TCP sockets are asked for apart ({@link #EVERY_STATE}): finding
     * them makes the kernel walk its whole bind table, ~15 ms per 100k sockets (BENCHMARKS.md).
     */
    public static final Set<TcpState> ALL_STATES = Set.copyOf(EnumSet.complementOf(EnumSet.of(TcpState.BOUND_INACTIVE)));
    /** Every state, bound-inactive TCP sockets included: what uses a port ({@code who}, {@code port}), ss's {@code state all}. */
    public static final Set<TcpState> EVERY_STATE = Set.copyOf(EnumSet.allOf(TcpState.class));

    public Query {
        protocols = Set.copyOf(protocols);
        families = Set.copyOf(families);
        states = Set.copyOf(states);
        details = Set.copyOf(details);
        Objects.requireNonNull(filter, "filter");
    }

    /** Whether a socket source can evaluate this filter leaf: anything that needs no {@link dev.portscope.filter.Facts}. */
    public static boolean evaluable(Filter leaf) {
        return !(leaf instanceof dev.portscope.filter.FactMatch);
    }

    /** The query a source is given: the filter relaxed to what a source can evaluate ({@link Filter#within}). */
    public Query forSource() {
        return Filter.needs(filter).isEmpty() ? this : withFilter(Filter.within(filter, Query::evaluable));
    }

    /** A query without details or filter. */
    public Query(Set<Protocol> protocols, Set<Family> families, Set<TcpState> states) {
        this(protocols, families, states, Set.of(), Filter.always());
    }

    /** Every TCP and UDP socket of both families (RAW only when asked for, as with netstat -w). */
    public static Query all() {
        return new Query(EnumSet.of(Protocol.TCP, Protocol.UDP), EnumSet.allOf(Family.class), ALL_STATES);
    }

    public Query withProtocols(Set<Protocol> p) {
        return new Query(p, families, states, details, filter);
    }

    public Query withFamilies(Set<Family> f) {
        return new Query(protocols, f, states, details, filter);
    }

    public Query withStates(Set<TcpState> s) {
        return new Query(protocols, families, s, details, filter);
    }

    public Query withDetails(Set<Detail> d) {
        return new Query(protocols, families, states, d, filter);
    }

    /** Only the sockets {@code f} passes (in addition to the protocols, families and states). */
    public Query withFilter(Filter f) {
        return new Query(protocols, families, states, details, f);
    }

    /** A parsed filter: its condition, and its states (when it names any) in place of this query's. */
    public Query withFilter(dev.portscope.filter.FilterParser.Parsed parsed) {
        return new Query(protocols, families, parsed.states().orElse(states), details, parsed.filter());
    }

    /** The same query for one table only. */
    public Query onlyTable(Table table) {
        return new Query(Set.of(table.protocol()), Set.of(table.family()), states, details, filter);
    }

    /** One kernel table: the sockets of a protocol and family (/proc/net/tcp6, a TCP-over-IPv6 dump). */
    public record Table(Protocol protocol, Family family) {
    }

    /** The tables this query needs, in the order ss and netstat list them: by protocol, IPv4 first. */
    public List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            for (Family family : Family.values()) {
                if (protocols.contains(protocol) && families.contains(family)) {
                    tables.add(new Table(protocol, family));
                }
            }
        }
        return tables;
    }

    /** Whether {@code entry} is one this query asks for. */
    public boolean matches(SocketEntry entry) {
        return protocols.contains(entry.protocol()) && families.contains(entry.family()) && states.contains(entry.state())
                && filter.test(entry);
    }
}
