package dev.portscope.serve;

import dev.portscope.Listing;
import dev.portscope.Portscope;
import dev.portscope.lookup.Cgroups;
import dev.portscope.lookup.Directions;
import dev.portscope.lookup.Owners;
import dev.portscope.lookup.ServiceNames;
import dev.portscope.model.CounterGroup;
import dev.portscope.model.Direction;
import dev.portscope.model.Netns;
import dev.portscope.model.Owner;
import dev.portscope.model.Roles;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One scrape's metrics from one socket read: a series per listener, per listening port and state,
 * per protocol, family and state, and for at most {@code outboundLimit} remote ports (the rest as
 * {@code remote_port="other"}): the series count grows with listeners, never with peers.
 */
final class SocketMetrics {
    /** The kernel's TCP counters worth a series: (file group, counter, metric name, help). */
    private static final List<String[]> TCP_COUNTERS = List.of(
            new String[] {"Tcp", "RetransSegs", "portscope_tcp_retransmitted_segments", "TCP segments retransmitted (Tcp RetransSegs)."},
            new String[] {"Tcp", "OutRsts", "portscope_tcp_resets_sent", "TCP segments sent with RST (Tcp OutRsts)."},
            new String[] {"Tcp", "EstabResets", "portscope_tcp_established_resets", "Connections reset from ESTABLISHED or CLOSE_WAIT (Tcp EstabResets)."},
            new String[] {"TcpExt", "ListenOverflows", "portscope_tcp_listen_overflows", "Connections dropped: a listener's accept queue was full (TcpExt ListenOverflows)."},
            new String[] {"TcpExt", "ListenDrops", "portscope_tcp_listen_drops", "SYNs and connections dropped at listeners for any reason (TcpExt ListenDrops)."},
            new String[] {"TcpExt", "SyncookiesSent", "portscope_tcp_syncookies_sent", "SYN cookies sent: a SYN queue overflowed (TcpExt SyncookiesSent)."},
            new String[] {"TcpExt", "SyncookiesFailed", "portscope_tcp_syncookies_failed", "SYN cookies that did not check out (TcpExt SyncookiesFailed)."});

    private SocketMetrics() {
    }

    /** Adds this scrape's socket families to {@code out}. */
    static void collect(Portscope portscope, int outboundLimit, Exposition out) {
        collect(portscope, outboundLimit, out, Optional.empty());
    }

    /** The same, and the TCP connections' bytes since the last scrape added to {@code throughput} (one read: with tcp_info). */
    static void collect(Portscope portscope, int outboundLimit, Exposition out, Optional<Throughput> throughput) {
        // One pass over the sockets, keeping only the listeners and the counts: nothing of 100k sockets
        // outlives the scrape's young generation (a list of them took the exporter to 1.1 GiB RSS).
        List<SocketEntry> listening = new ArrayList<>();
        Map<List<String>, Long> inbound = new TreeMap<>(LIST_ORDER);
        Map<List<String>, Long> outboundByPort = new TreeMap<>(LIST_ORDER);
        Map<List<String>, Long> totals = new TreeMap<>(LIST_ORDER);
        Map<Long, Netns> namespaces;
        Owners owners;
        Cgroups cgroups;
        Query query = throughput.isPresent() ? Query.all().withDetails(java.util.EnumSet.of(Query.Detail.TCP_INFO)) : Query.all();
        Optional<Throughput.Pass> pass = throughput.map(Throughput::pass);
        try (Listing listing = portscope.list(query)) {
            Directions directions = listing.directions();
            namespaces = listing.namespacesByInode();
            try (java.util.stream.Stream<SocketEntry> sockets = listing.sockets()) {
                sockets.forEach(s -> {
                    if (s.isListening()) {
                        listening.add(s);
                    }
                    count(s, directions, namespaces, inbound, outboundByPort, totals);
                    pass.ifPresent(p -> p.add(s, directions.of(s).filter(r -> r.direction() == Direction.IN).map(r -> s.local().port()),
                            Throughput.netns(s, namespaces)));
                });
            }
            pass.ifPresent(p -> p.finish(portscope));
            owners = listing.ownersOf(listening); // the listeners' owners only: the scan stops early
            cgroups = listing.cgroups();
        }
        ServiceNames services = portscope.serviceNames();
        List<Exposition.Sample> info = out.family("portscope_listener", "A listening socket (TCP LISTEN, unconnected UDP) and who holds it.",
                Exposition.Type.INFO);
        List<Exposition.Sample> queue = out.family("portscope_listener_accept_queue", "Connections waiting to be accepted by a TCP listener.",
                Exposition.Type.GAUGE);
        List<Exposition.Sample> limit = out.family("portscope_listener_accept_queue_limit", "The accept queue's limit (the listen backlog).",
                Exposition.Type.GAUGE);
        for (SocketEntry l : sorted(listening)) {
            String netns = Netns.labelOf(l.netns(), namespaces);
            List<Owner> held = owners.of(l);
            info.add(new Exposition.Sample(Exposition.labels("protocol", l.protocol().label(), "address", l.local().unmapped().hostString(),
                    "port", Integer.toString(l.local().port()), "service", services.name(l.local().port(), l.protocol()).orElse(""),
                    "process", held.isEmpty() ? "" : held.getFirst().command(),
                    "user", held.isEmpty() ? "" : held.getFirst().process().user().orElse(""),
                    "unit", held.isEmpty() ? "" : held.getFirst().process().unit().orElse(""),
                    "container", cgroups.container(l).map(c -> c.kind() + ":" + c.name()).orElse(""),
                    "netns", l.netns() == 0 ? "" : netns), 1));
            if (l.protocol() == dev.portscope.model.Protocol.TCP) {
                Map<String, String> labels = Exposition.labels("protocol", "tcp", "address", l.local().unmapped().hostString(),
                        "port", Integer.toString(l.local().port()), "netns", l.netns() == 0 ? "" : netns);
                queue.add(new Exposition.Sample(labels, l.recvQ()));
                limit.add(new Exposition.Sample(labels, l.sendQ()));
            }
        }
        add(out.family("portscope_inbound_connections", "Connections to a listening port of this host, by that port and state.",
                Exposition.Type.GAUGE), inbound, "protocol", "port", "state", "netns");
        Map<List<String>, Long> outbound = capped(outboundByPort, outboundLimit);
        add(out.family("portscope_outbound_connections", "Connections this host opened, by remote port and state; ports beyond "
                + "--outbound-ports (by connection count) as remote_port=\"other\".", Exposition.Type.GAUGE), outbound,
                "protocol", "remote_port", "state", "netns");
        long folded = outboundByPort.keySet().stream().map(k -> k.get(1)).distinct().count() - outbound.keySet().stream()
                .map(k -> k.get(1)).filter(p -> !p.equals("other")).distinct().count();
        out.family("portscope_outbound_ports_folded", "Remote ports folded into remote_port=\"other\" by the --outbound-ports cap "
                + "(0: the cap was not hit).", Exposition.Type.GAUGE).add(new Exposition.Sample(Map.of(), folded));
        add(out.family("portscope_sockets", "Sockets by protocol, family and state.", Exposition.Type.GAUGE), totals,
                "protocol", "family", "state", "netns");
    }

    /** Counts one socket: by protocol, family and state; a connection by its listening port (in) or remote port (out). */
    private static void count(SocketEntry s, Directions directions, Map<Long, Netns> namespaces, Map<List<String>, Long> inbound,
                              Map<List<String>, Long> outboundByPort, Map<List<String>, Long> totals) {
        String netns = s.netns() == 0 ? "" : Netns.labelOf(s.netns(), namespaces);
        totals.merge(List.of(s.protocol().label(), s.family().label(), s.state().netstatName(), netns), 1L, Long::sum);
        Optional<Roles> roles = directions.of(s);
        if (roles.isEmpty()) {
            return;
        }
        if (roles.get().direction() == Direction.IN) {
            inbound.merge(List.of(s.protocol().label(), Integer.toString(s.local().port()), s.state().netstatName(), netns), 1L, Long::sum);
        } else {
            outboundByPort.merge(List.of(s.protocol().label(), Integer.toString(s.remote().port()), s.state().netstatName(), netns), 1L,
                    Long::sum);
        }
    }

    /** The kernel's TCP counters of this namespace (/proc/net/snmp and netstat). */
    static void collectCounters(Portscope portscope, Exposition out) {
        List<CounterGroup> groups = portscope.counters();
        for (String[] c : TCP_COUNTERS) {
            Optional<Long> value = groups.stream().filter(g -> g.name().equals(c[0])).map(g -> g.counters().get(c[1]))
                    .filter(java.util.Objects::nonNull).findFirst();
            value.ifPresent(v -> out.family(c[2], c[3], Exposition.Type.COUNTER).add(new Exposition.Sample(Map.of(), v)));
        }
    }

    /** The {@code limit} remote ports with most connections (ties by port), the rest summed per state as "other". */
    static Map<List<String>, Long> capped(Map<List<String>, Long> byPort, int limit) {
        Map<String, Long> perPort = new TreeMap<>();
        byPort.forEach((k, v) -> perPort.merge(k.get(0) + "/" + k.get(1), v, Long::sum));
        List<String> kept = perPort.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
        Map<List<String>, Long> out = new TreeMap<>(LIST_ORDER);
        byPort.forEach((k, v) -> {
            boolean keep = kept.contains(k.get(0) + "/" + k.get(1));
            out.merge(keep ? k : List.of(k.get(0), "other", k.get(2), k.get(3)), v, Long::sum);
        });
        return out;
    }

    private static void add(List<Exposition.Sample> family, Map<List<String>, Long> counts, String... names) {
        counts.forEach((key, count) -> {
            String[] pairs = new String[names.length * 2];
            for (int i = 0; i < names.length; i++) {
                pairs[2 * i] = names[i];
                pairs[2 * i + 1] = key.get(i);
            }
            family.add(new Exposition.Sample(Exposition.labels(pairs), count));
        });
    }

    /** Listeners in a fixed order: protocol, port, address, namespace. */
    private static List<SocketEntry> sorted(List<SocketEntry> listeners) {
        List<SocketEntry> list = new ArrayList<>(listeners);
        list.sort(Comparator.comparing((SocketEntry s) -> s.protocol().label()).thenComparingInt(s -> s.local().port())
                .thenComparing(s -> s.local().hostString()).thenComparingLong(SocketEntry::netns));
        return list;
    }

    static final Comparator<List<String>> LIST_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareMaybeNumbers(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private static int compareMaybeNumbers(String a, String b) {
        boolean na = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
        boolean nb = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
        return na && nb ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b);
    }
}
