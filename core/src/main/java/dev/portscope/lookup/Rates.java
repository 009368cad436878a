package dev.portscope.lookup;

import dev.portscope.model.Netns;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketRate;
import dev.portscope.model.TcpInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Throughput from two reads of TCP sockets with tcp_info: per-socket deltas of the kernel's byte
 * counters, matched by socket cookie, and their sums by a {@link CountKey}. A socket only in the
 * later read opened in the interval (its totals are its deltas); one only in the earlier closed,
 * and what it moved after that read is not seen (a close's final counters are {@code watch}'s).
 */
public final class Rates {
    private Rates() {
    }

    /** The rate of every socket of {@code after} that has tcp_info and a cookie, most bytes first. */
    public static List<SocketRate> between(List<SocketEntry> before, List<SocketEntry> after, Duration elapsed) {
        Map<Long, TcpInfo> earlier = new HashMap<>(before.size() * 2);
        for (SocketEntry s : before) {
            if (s.extras().cookie().isPresent() && s.extras().tcpInfo().isPresent()) {
                earlier.put(s.extras().cookie().getAsLong(), s.extras().tcpInfo().get());
            }
        }
        List<SocketRate> rates = new ArrayList<>(after.size());
        for (SocketEntry s : after) {
            if (s.extras().cookie().isEmpty() || s.extras().tcpInfo().isEmpty()) {
                continue;
            }
            TcpInfo now = s.extras().tcpInfo().get();
            TcpInfo then = earlier.get(s.extras().cookie().getAsLong());
            rates.add(then == null
                    ? new SocketRate(s, now.bytesReceived(), now.bytesAcked(), now.totalRetrans(), elapsed, true)
                    : new SocketRate(s, delta(now.bytesReceived(), then.bytesReceived()), delta(now.bytesAcked(), then.bytesAcked()),
                    delta(now.totalRetrans(), then.totalRetrans()), elapsed, false));
        }
        rates.sort(Comparator.comparingLong((SocketRate r) -> r.bytesIn() + r.bytesOut()).reversed()
                .thenComparing(r -> r.socket().local().toString()).thenComparing(r -> r.socket().remote().toString()));
        return rates;
    }

    private static long delta(long now, long then) {
        return Math.max(0, now - then); // a counter never goes back; a reused cookie would
    }

    /**
     * The sockets' rates summed by {@code key}, most bytes per second first: a socket shared by
     * several processes counts for each, as in {@link Listing#count}.
     *
     * @param owners   for {@link CountKey#PROCESS}
     * @param names    the namespaces' names for {@link CountKey#NETNS}
     * @param cgroups  for {@link CountKey#CONTAINER}
     */
    public static List<RateGroup> group(List<SocketRate> rates, CountKey key, Optional<Owners> owners, Map<Long, Netns> names,
                                        Optional<Cgroups> cgroups) {
        Map<String, RateGroup.Builder> groups = new LinkedHashMap<>();
        for (SocketRate r : rates) {
            for (String k : key.keysOf(r.socket(), owners, names, cgroups)) {
                groups.computeIfAbsent(k, RateGroup.Builder::new).add(r);
            }
        }
        return groups.values().stream().map(RateGroup.Builder::build)
                .sorted(Comparator.comparingDouble((RateGroup g) -> g.inPerSecond() + g.outPerSecond()).reversed()
                        .thenComparing(RateGroup::key)).toList();
    }
}
