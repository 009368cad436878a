package dev.portscope.lookup;

import dev.portscope.model.SocketEntry;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * How many sockets use each wanted port, per protocol: bound to it, or connected to it
 * ({@link PortSpec#usesPort}). Counted once for all ports, since a range has thousands of them.
 */
public final class PortCounts {
    private final Map<Integer, Map<String, Long>> counts = new HashMap<>();

    private PortCounts() {
    }

    /** Counts each socket under the wanted ports it uses, once per port. */
    public static PortCounts of(Collection<SocketEntry> sockets, IntPredicate wanted) {
        PortCounts c = new PortCounts();
        for (SocketEntry s : sockets) {
            int local = s.local().port();
            int remote = s.remote().port();
            if (wanted.test(local)) {
                c.counts.computeIfAbsent(local, k -> new HashMap<>()).merge(s.protocol().label(), 1L, Long::sum);
            }
            if (!s.isListening() && remote != local && wanted.test(remote)) {
                c.counts.computeIfAbsent(remote, k -> new HashMap<>()).merge(s.protocol().label(), 1L, Long::sum);
            }
        }
        return c;
    }

    /** Sockets using the port, over the protocol ({@code tcp}, {@code udp}) when one is given. */
    public long count(int port, Optional<String> protocol) {
        Map<String, Long> byProtocol = counts.getOrDefault(port, Map.of());
        return protocol.map(p -> byProtocol.getOrDefault(p, 0L))
                .orElseGet(() -> byProtocol.values().stream().mapToLong(Long::longValue).sum());
    }
}
