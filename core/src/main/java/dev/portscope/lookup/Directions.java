package dev.portscope.lookup;

import dev.portscope.model.Direction;
import dev.portscope.model.Endpoint;
import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.model.Roles;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;

import java.net.InetAddress;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Inbound or outbound, and which end is the service, for connected sockets: a connection is
 * inbound when its local port is one this host listens on (same protocol, the listener bound to
 * the wildcard address or to the connection's local address), outbound otherwise. Listeners are
 * TCP sockets in LISTEN and unconnected UDP sockets, from the same source, and of the same network
 * namespace ({@link SocketEntry#netns()}): a read over several namespaces keeps them apart.
 */
public final class Directions {
    private final Map<Long, Listeners> byNamespace = new HashMap<>();
    private final Optional<PortRange> ephemeral;
    private Listeners last; // sockets come namespace by namespace: most lookups hit the one before's

    /** One namespace's listeners. */
    private static final class Listeners {
        final long netns;
        final Map<Protocol, Map<Integer, Set<InetAddress>>> listeners = new HashMap<>();
        // Per protocol, the ports with any listener and those with a wildcard one: most sockets are
        // answered from these without boxing a port or hashing an address (100k sockets in --json).
        final Map<Protocol, BitSet> listened = new EnumMap<>(Protocol.class);
        final Map<Protocol, BitSet> wildcard = new EnumMap<>(Protocol.class);

        Listeners(long netns) {
            this.netns = netns;
        }
    }

    private Directions(Optional<PortRange> ephemeral) {
        this.ephemeral = ephemeral;
    }

    /** The listeners a {@link #of} needs to see: TCP LISTEN and unconnected UDP of these protocols, both families. */
    public static Query listeners(Set<Protocol> protocols) {
        return new Query(protocols, java.util.EnumSet.allOf(dev.portscope.model.Family.class), Query.LISTENING);
    }

    /** From the listeners among {@code sockets} (others are ignored). */
    public static Directions of(Stream<SocketEntry> sockets, Optional<PortRange> ephemeral) {
        Directions d = new Directions(ephemeral);
        sockets.filter(SocketEntry::isListening).forEach(d::addListener);
        return d;
    }

    private void addListener(SocketEntry s) {
        Listeners l = byNamespace.computeIfAbsent(s.netns(), Listeners::new);
        Endpoint local = s.local().unmapped();
        l.listeners.computeIfAbsent(s.protocol(), p -> new HashMap<>())
                .computeIfAbsent(local.port(), p -> new HashSet<>()).add(local.address());
        l.listened.computeIfAbsent(s.protocol(), p -> new BitSet(65536)).set(local.port());
        if (local.address().isAnyLocalAddress()) {
            l.wildcard.computeIfAbsent(s.protocol(), p -> new BitSet(65536)).set(local.port());
        }
    }

    /** Whether something in the socket's namespace listens on its protocol and local address and port. */
    private boolean listensOn(SocketEntry s) {
        Listeners l = last;
        if (l == null || l.netns != s.netns()) {
            l = byNamespace.get(s.netns());
            if (l == null) {
                return false;
            }
            last = l;
        }
        Endpoint endpoint = s.local();
        int port = endpoint.port();
        BitSet ports = l.listened.get(s.protocol());
        if (ports == null || !ports.get(port)) {
            return false;
        }
        BitSet any = l.wildcard.get(s.protocol());
        if (any != null && any.get(port)) {
            return true;
        }
        return l.listeners.get(s.protocol()).get(port).contains(endpoint.unmapped().address());
    }

    /** The roles of a connected socket's ends; empty for listeners and sockets without a peer. */
    public Optional<Roles> of(SocketEntry s) {
        if (s.isListening() || s.remote().port() == 0 && s.remote().isWildcard()) {
            return Optional.empty();
        }
        boolean in = listensOn(s);
        Endpoint service = in ? s.local() : s.remote();
        Endpoint client = in ? s.remote() : s.local();
        boolean clientEphemeral = ephemeral.map(r -> r.contains(client.port())).orElse(false);
        return Optional.of(new Roles(in ? Direction.IN : Direction.OUT, service, client, clientEphemeral));
    }

    /** The end whose port is the service: the remote end of an outbound connection, else the local end. */
    public Endpoint serviceEnd(SocketEntry s) {
        return of(s).map(Roles::service).orElse(s.local());
    }
}
