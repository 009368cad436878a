package dev.portscope.source;

import dev.portscope.model.SocketEntry;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Uses the preferred source, and the fallback when the preferred one is unavailable here. */
final class FallbackSource implements SocketSource {
    private final SocketSource preferred;
    private final SocketSource fallback;
    private SocketSource used;
    private String reason;

    FallbackSource(SocketSource preferred, SocketSource fallback) {
        this.preferred = preferred;
        this.fallback = fallback;
        this.used = preferred;
    }

    @Override
    public String name() {
        return used.name();
    }

    @Override
    public Stream<SocketEntry> sockets(Query query) {
        try {
            used = preferred;
            return preferred.sockets(query);
        } catch (SourceUnavailableException e) {
            used = fallback;
            reason = e.getMessage();
            return fallback.sockets(query);
        }
    }

    @Override
    public List<String> notes() {
        return used.notes();
    }

    @Override
    public List<String> debugNotes() {
        return used.debugNotes();
    }

    /** Why the fallback was used, if it was. */
    Optional<String> fallbackReason() {
        return Optional.ofNullable(reason);
    }
}
