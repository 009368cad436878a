package dev.portscope.lookup;

import dev.portscope.model.TcpState;
import dev.portscope.model.UnixSocket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Both ends of UNIX connections, joined by the peer inode unix_diag reports (what {@code lsof +E}
 * does, and what ss leaves to the reader). The server's end of an accepted connection carries the
 * listener's name and the client's end usually none, which tells the two apart; a socketpair has
 * no name on either end. A datagram socket connected to a bound one points at it one way only.
 */
public final class UnixPairs {
    private UnixPairs() {
    }

    /**
     * @param client     the connecting end (for a socketpair, the lower inode)
     * @param server     the end that was connected to: an accepted connection, a bound datagram socket
     * @param socketpair whether neither end has a name (made by socketpair(2), or two unnamed ends)
     */
    public record UnixPair(UnixSocket client, UnixSocket server, boolean socketpair) {
        public UnixPair {
            Objects.requireNonNull(client);
            Objects.requireNonNull(server);
        }
    }

    /** Every connection of {@code sockets} whose both ends are among them, ordered by the client's inode. */
    public static List<UnixPair> join(List<UnixSocket> sockets) {
        Map<Long, UnixSocket> byInode = byInode(sockets);
        List<UnixPair> pairs = new ArrayList<>();
        for (UnixSocket s : sockets) {
            UnixSocket q = s.peer() == 0 ? null : byInode.get(s.peer());
            if (q == null || q.netns() != s.netns()) {
                continue;
            }
            if (q.peer() != s.inode()) {
                pairs.add(new UnixPair(s, q, false)); // one way: a datagram socket connected to a bound one
            } else if (s.inode() < q.inode()) {
                boolean sNamed = s.name().isPresent(), qNamed = q.name().isPresent();
                if (sNamed != qNamed) {
                    pairs.add(sNamed ? new UnixPair(q, s, false) : new UnixPair(s, q, false));
                } else {
                    pairs.add(new UnixPair(s, q, !sNamed));
                }
            }
        }
        pairs.sort(java.util.Comparator.comparingLong((UnixPair p) -> p.client().inode()));
        return pairs;
    }

    /** The sockets by inode (a namespace's inodes are the host's: unique). */
    public static Map<Long, UnixSocket> byInode(List<UnixSocket> sockets) {
        Map<Long, UnixSocket> byInode = new HashMap<>(sockets.size() * 2);
        for (UnixSocket s : sockets) {
            byInode.put(s.inode(), s);
        }
        return byInode;
    }

    /**
     * What uses one name: the sockets bound to it that wait for peers (a listener, an unconnected
     * or receiving datagram socket), and the connections made through it.
     */
    public record Using(List<UnixSocket> bound, List<UnixPair> connections) {
        public boolean isEmpty() {
            return bound.isEmpty() && connections.isEmpty();
        }
    }

    /** Who uses {@code name} (a path or {@code @abstract}): see {@link Using}. */
    public static Using using(List<UnixSocket> sockets, String name) {
        List<UnixSocket> bound = sockets.stream().filter(s -> s.name().filter(name::equals).isPresent()
                && (s.state() == TcpState.LISTEN || s.type() == UnixSocket.Type.DGRAM)).toList();
        List<UnixPair> connections = join(sockets).stream().filter(p -> p.server().name().filter(name::equals).isPresent()).toList();
        return new Using(bound, connections);
    }
}
