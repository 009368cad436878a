package dev.portscope.linux.netlink;

import dev.portscope.model.BoundInterface;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.SourceException;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Names the interface a socket is bound to as its namespace names it ({@code lo} for index 1),
 * reading the namespace's link table ({@link InterfaceNames}) only when a bound socket comes: once,
 * and again for an index it does not know, at most once a second (interfaces come and go while a
 * watch runs). An interface it cannot name keeps its index ({@code if7}, as ss writes it). Use
 * from one thread.
 */
final class InterfaceNamer {
    private static final long REREAD_NANOS = 1_000_000_000L;
    private final Supplier<DumpChannel> routes;
    private final Consumer<String> unnamed;
    private Map<Integer, String> names;
    private long readAt;

    /** {@code unnamed} hears why the link table could not be read, each time it could not. */
    InterfaceNamer(Supplier<DumpChannel> routes, Consumer<String> unnamed) {
        this.routes = routes;
        this.unnamed = unnamed;
    }

    /** The socket with its bound interface named, when it has one and the link table names it. */
    SocketEntry name(SocketEntry s) {
        Optional<BoundInterface> bound = s.extras().boundInterface();
        if (bound.isEmpty() || bound.get().name().isPresent()) {
            return s;
        }
        int index = bound.get().index();
        if (names == null || !names.containsKey(index) && System.nanoTime() - readAt > REREAD_NANOS) {
            read();
        }
        String name = names.get(index);
        return name == null ? s : new SocketEntry(s.protocol(), s.family(), s.state(), s.local(), s.remote(), s.recvQ(), s.sendQ(),
                s.uid(), s.inode(), s.extras().withInterfaceName(name), s.netns());
    }

    private void read() {
        readAt = System.nanoTime();
        try {
            names = InterfaceNames.read(routes);
        } catch (SourceException | InetDiag.DumpError e) {
            names = names == null ? Map.of() : names; // unnamed, as ss's if7, rather than no listing
            unnamed.accept("interfaces not named: " + e.getMessage());
        }
    }
}
