package dev.portscope.lookup;

import dev.portscope.model.Direction;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Both halves of connections whose two ends live on this host (loopback, or any local address):
 * the socket whose local end is the other's remote end, and the other way round. IPv4-mapped
 * addresses are matched with their IPv4 form, so a dual-stack server pairs with an IPv4 client.
 * Both halves live in one network namespace: 127.0.0.1 in one is not 127.0.0.1 in another.
 */
public final class SocketPairs {
    private SocketPairs() {
    }

    /** A connection seen from both sides; {@code client} is the half that went out. */
    public record SocketPair(SocketEntry client, SocketEntry server) {
    }

    private record Key(long netns, Protocol protocol, Endpoint local, Endpoint remote) {
        static Key of(SocketEntry s) {
            return new Key(s.netns(), s.protocol(), s.local().unmapped(), s.remote().unmapped());
        }

        Key reversed() {
            return new Key(netns, protocol, remote, local);
        }
    }

    /** Every pair among {@code sockets}, in the order their client halves come. */
    public static List<SocketPair> join(List<SocketEntry> sockets, Directions directions) {
        Map<Key, SocketEntry> byEnds = new HashMap<>();
        for (SocketEntry s : sockets) {
            if (!s.isListening() && s.remote().port() != 0) {
                byEnds.putIfAbsent(Key.of(s), s);
            }
        }
        List<SocketPair> pairs = new ArrayList<>();
        Set<Key> done = new HashSet<>();
        for (SocketEntry s : sockets) {
            if (s.isListening() || s.remote().port() == 0) {
                continue;
            }
            Key key = Key.of(s);
            SocketEntry other = byEnds.get(key.reversed());
            if (other == null || other == s || !done.add(key) || !done.add(key.reversed())) {
                continue;
            }
            pairs.add(isClient(s, other, directions) ? new SocketPair(s, other) : new SocketPair(other, s));
        }
        return pairs;
    }

    /**
     * The half whose local port nobody listens on went out. When that does not decide (both or
     * neither port has a listener), the half with the higher local port is taken for the client,
     * as clients' ports come from the top of the range.
     */
    private static boolean isClient(SocketEntry a, SocketEntry b, Directions directions) {
        Optional<Direction> da = directions.of(a).map(r -> r.direction());
        Optional<Direction> db = directions.of(b).map(r -> r.direction());
        if (!da.equals(db)) {
            return da.equals(Optional.of(Direction.OUT));
        }
        return a.local().port() >= b.local().port();
    }
}
