package dev.portscope.serve;

import dev.portscope.Portscope;
import dev.portscope.lookup.Owners;
import dev.portscope.model.Netns;
import dev.portscope.model.Owner;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bytes moved by TCP connections, as counters Prometheus takes rates of: at each scrape every
 * connection's tcp_info byte counters ({@code bytes_received}, {@code bytes_acked}) are compared
 * with the previous scrape's by socket cookie and the differences added up (a connection opened
 * since counts whole). By the listening port of inbound connections (bounded by the listeners),
 * and by the command of the process holding the connection, the first {@code processLimit}
 * commands with series of their own and the rest as "other" (a counter keeps its series). Bytes a
 * connection moves after the last scrape before it closes are not counted here: the
 * closed-connection counters have its final bytes.
 */
final class Throughput {
    private final int processLimit;
    private Map<Long, long[]> last = new HashMap<>();          // cookie -> {received, acked} at the previous scrape
    private final Map<Long, String> commands = new HashMap<>(); // inode -> command, kept while the socket lives
    private final Map<List<String>, long[]> byPort = new TreeMap<>(SocketMetrics.LIST_ORDER);
    private final Map<String, long[]> byProcess = new TreeMap<>();

    Throughput(int processLimit) {
        this.processLimit = processLimit;
    }

    /** One scrape's pass: {@code sockets} are TCP with tcp_info; {@code inboundPort} gives a connection's listening port, if inbound. */
    static final class Pass {
        private final Throughput totals;
        private final Map<Long, long[]> now = new HashMap<>();
        private final List<SocketEntry> active = new ArrayList<>();
        private final List<long[]> activeDeltas = new ArrayList<>();

        private Pass(Throughput totals) {
            this.totals = totals;
        }

        void add(SocketEntry s, Optional<Integer> inboundPort, String netns) {
            Optional<TcpInfo> info = s.extras().tcpInfo();
            if (info.isEmpty() || s.extras().cookie().isEmpty()) {
                return;
            }
            long cookie = s.extras().cookie().getAsLong();
            long[] counters = {info.get().bytesReceived(), info.get().bytesAcked()};
            now.put(cookie, counters);
            long[] before = totals.last.get(cookie);
            long received = Math.max(0, counters[0] - (before == null ? 0 : before[0]));
            long sent = Math.max(0, counters[1] - (before == null ? 0 : before[1]));
            if (received == 0 && sent == 0) {
                return;
            }
            inboundPort.ifPresent(port -> add(totals.byPort.computeIfAbsent(List.of("tcp", Integer.toString(port), netns), k -> new long[2]),
                    received, sent));
            active.add(s);
            activeDeltas.add(new long[] {received, sent});
        }

        /** Ends the scrape's pass: the active connections' owners (a scan that stops when each has one), their commands' counters. */
        void finish(Portscope portscope) {
            List<SocketEntry> unnamed = active.stream().filter(s -> !totals.commands.containsKey(s.inode())).toList();
            if (!unnamed.isEmpty()) {
                Owners owners = portscope.owners(unnamed);
                for (SocketEntry s : unnamed) {
                    List<Owner> held = owners.of(s);
                    totals.commands.put(s.inode(), held.isEmpty() ? "" : held.getFirst().command());
                }
            }
            for (int i = 0; i < active.size(); i++) {
                String command = totals.commands.getOrDefault(active.get(i).inode(), "");
                String label = totals.byProcess.containsKey(command) || totals.byProcess.size() < totals.processLimit ? command : "other";
                add(totals.byProcess.computeIfAbsent(label, k -> new long[2]), activeDeltas.get(i)[0], activeDeltas.get(i)[1]);
            }
            totals.last = now;
            if (totals.commands.size() > 4 * Math.max(1024, now.size())) {
                totals.commands.clear(); // sockets come and go: forget the names of those gone, now and then
            }
        }

        private static void add(long[] total, long received, long sent) {
            total[0] += received;
            total[1] += sent;
        }
    }

    Pass pass() {
        return new Pass(this);
    }

    void collect(Exposition out) {
        List<Exposition.Sample> port = out.family("portscope_inbound_bytes", "Bytes moved by TCP connections to a listening port of this "
                + "host, by that port and direction (received by this host, or sent and acknowledged), from tcp_info between scrapes.",
                Exposition.Type.COUNTER);
        byPort.forEach((k, v) -> {
            port.add(new Exposition.Sample(Exposition.labels("protocol", k.get(0), "port", k.get(1), "direction", "received", "netns", k.get(2)), v[0]));
            port.add(new Exposition.Sample(Exposition.labels("protocol", k.get(0), "port", k.get(1), "direction", "sent", "netns", k.get(2)), v[1]));
        });
        List<Exposition.Sample> process = out.family("portscope_process_bytes", "Bytes moved by the TCP connections a command holds, by "
                + "direction; commands beyond the cap as process=\"other\", owners not visible as process=\"\".", Exposition.Type.COUNTER);
        byProcess.forEach((k, v) -> {
            process.add(new Exposition.Sample(Exposition.labels("process", k, "direction", "received"), v[0]));
            process.add(new Exposition.Sample(Exposition.labels("process", k, "direction", "sent"), v[1]));
        });
    }

    /** The namespace label of a socket, as the other families write it. */
    static String netns(SocketEntry s, Map<Long, Netns> namespaces) {
        return s.netns() == 0 ? "" : Netns.labelOf(s.netns(), namespaces);
    }
}
