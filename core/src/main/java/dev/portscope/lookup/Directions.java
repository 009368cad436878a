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
 * TCP sockets in LISTEN and unconnected UDP sockets, from the same source, so the same namespace.
 */
public final class Directions {
    private final Map<Protocol, Map<Integer, Set<InetAddress>>> listeners = new HashMap<>();
    // Per protocol, the ports with any listener and those with a wildcard one: most sockets are
    // answered from these without boxing a port or hashing an address (100k sockets in --json).
    private final Map<Protocol, BitSet> listened = new EnumMap<>(Protocol.class);
    private final Map<Protocol, BitSet> wildcard = new EnumMap<>(Protocol.class);
    private final Optional<PortRange> ephemeral;

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
        Endpoint local = s.local().unmapped();
        listeners.computeIfAbsent(s.protocol(), p -> new HashMap<>())
                .computeIfAbsent(local.port(), p -> new HashSet<>()).add(local.address());
        listened.computeIfAbsent(s.protocol(), p -> new BitSet(65536)).set(local.port());
        if (local.address().isAnyLocalAddress()) {
            wildcard.computeIfAbsent(s.protocol(), p -> new BitSet(65536)).set(local.port());
        }
    }

    /** Whether something listens on this protocol and the socket's local address and port. */
    public boolean listensOn(Protocol protocol, Endpoint endpoint) {
        int port = endpoint.port();
        BitSet ports = listened.get(protocol);
        if (ports == null || !ports.get(port)) {
            return false;
        }
        BitSet any = wildcard.get(protocol);
        if (any != null && any.get(port)) {
            return true;
        }
        return listeners.get(protocol).get(port).contains(endpoint.unmapped().address());
    }

    /** The roles of a connected socket's ends; empty for listeners and sockets without a peer. */
    public Optional<Roles> of(SocketEntry s) {
        if (s.isListening() || s.remote().port() == 0 && s.remote().isWildcard()) {
            return Optional.empty();
        }
        boolean in = listensOn(s.protocol(), s.local());
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
