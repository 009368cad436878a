package dev.portscope;

import dev.portscope.lookup.Directions;
import dev.portscope.lookup.Owners;
import dev.portscope.model.Direction;
import dev.portscope.model.Owner;
import dev.portscope.model.Protocol;
import dev.portscope.model.Roles;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The listeners a {@link Watch} knows, with their owners: what tells each connection's direction,
 * and whose an inbound connection is when no dump saw it (a close heard before any dump, or in a
 * watch of closes only). Owners are looked up once per listener and kept while it listens.
 */
final class WatchedListeners {
    private final Portscope portscope;
    private final Query listening;
    private List<SocketEntry> listeners = List.of();
    private Map<Object, List<Owner>> owners = new HashMap<>();
    private Directions directions;
    private long readAt;

    WatchedListeners(Portscope portscope, Set<Protocol> protocols) {
        this.portscope = portscope;
        this.listening = Directions.listeners(protocols);
    }

    /** The listeners as the kernel has them now. */
    List<SocketEntry> read() {
        return read(portscope, listening);
    }

    /** The sockets of {@code query} as the kernel has them now, through the facade's plan. */
    static List<SocketEntry> read(Portscope portscope, Query query) {
        try (Stream<SocketEntry> s = portscope.plan().sockets(query, new ReadNotes())) {
            return s.toList();
        }
    }

    /** Those of {@code nowListening} whose owners are not known yet: what a dump asks owners of. */
    Stream<SocketEntry> unknown(List<SocketEntry> nowListening) {
        return nowListening.stream().filter(s -> !owners.containsKey(s.identity()));
    }

    /** These listeners from now on, with their owners: kept from before, else from {@code found} (null when none are new). */
    void listen(List<SocketEntry> nowListening, Owners found) {
        Map<Object, List<Owner>> listeningOwners = new HashMap<>();
        for (SocketEntry l : nowListening) {
            List<Owner> previous = owners.get(l.identity());
            listeningOwners.put(l.identity(), previous != null ? previous : found.of(l));
        }
        listeners = nowListening;
        owners = listeningOwners;
        directions = Directions.of(nowListening.stream(), portscope.ephemeralPorts());
        readAt = System.nanoTime();
    }

    /**
     * The listeners read again (a LISTEN-only dump, cheap) when the last read came before an event
     * received at {@code receivedNanos}, at most every 5 ms: a burst of closes shares one read, and
     * a listener opened since the last read is never missed by more than that.
     */
    void refresh(long receivedNanos) {
        long now = System.nanoTime();
        if (readAt - receivedNanos > 0 || now - readAt < 5_000_000L) {
            return;
        }
        List<SocketEntry> nowListening = read();
        List<SocketEntry> fresh = unknown(nowListening).toList();
        listen(nowListening, fresh.isEmpty() ? null : portscope.owners(fresh));
    }

    /** Inbound, outbound, or neither can be told, from the listeners last read. */
    Optional<Direction> direction(SocketEntry s) {
        return directions.of(s).map(Roles::direction);
    }

    /** The owners of the listener an inbound socket came in through, if it is still listening and they are known. */
    Optional<List<Owner>> ownersOf(SocketEntry inbound) {
        for (SocketEntry l : listeners) {
            if (l.protocol() == inbound.protocol() && l.local().port() == inbound.local().port()
                    && (l.local().address().isAnyLocalAddress()
                    || l.local().unmapped().address().equals(inbound.local().unmapped().address()))) {
                List<Owner> found = owners.getOrDefault(l.identity(), List.of());
                if (!found.isEmpty()) {
                    return Optional.of(found);
                }
            }
        }
        return Optional.empty();
    }
}
