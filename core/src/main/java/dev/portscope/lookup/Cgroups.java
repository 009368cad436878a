package dev.portscope.lookup;

import dev.portscope.model.Container;
import dev.portscope.model.SocketEntry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sockets' cgroups by the id the kernel reports for each ({@link dev.portscope.model.SocketExtras#cgroup}):
 * the cgroup v2 path, and the container or unit it names ({@link Containers}). The socket keeps the
 * cgroup of the process that made it, so a container's socket is named even when none of its
 * processes is visible, or after they moved. A socket read from /proc has no id: with
 * {@link #withOwnersFallback} its owners' cgroup stands in.
 */
public final class Cgroups {
    private final Map<Long, String> paths;
    private final Function<SocketEntry, Optional<String>> ownersCgroup;
    // The same few cgroups hold thousands of sockets: each path is read once (its regexes are the cost).
    private final Map<Long, Optional<Container>> containers = new ConcurrentHashMap<>();
    private final Map<String, Optional<Container>> containersOfPaths = new ConcurrentHashMap<>();

    /** Over this id-to-path table (read by the facade: {@code Portscope.cgroups()}). */
    public Cgroups(Map<Long, String> paths) {
        this(paths, s -> Optional.empty());
    }

    private Cgroups(Map<Long, String> paths, Function<SocketEntry, Optional<String>> ownersCgroup) {
        this.paths = Map.copyOf(paths);
        this.ownersCgroup = ownersCgroup;
    }

    /**
     * The same, with a stand-in for a socket that has a file but no cgroup id (read from /proc,
     * which has none): the cgroup of a process holding it, now ({@code owners}, looked up only for
     * such sockets). A socket netlink read always has its id; a TIME-WAIT one has no file.
     */
    public Cgroups withOwnersFallback(Supplier<Owners> owners) {
        return new Cgroups(paths, s -> owners.get().of(s).stream().map(o -> o.process().cgroup()).flatMap(Optional::stream).findFirst());
    }

    /** The socket's cgroup path: by the id netlink gave, while that cgroup exists; else, from /proc, its owners' (see {@link #withOwnersFallback}). */
    public Optional<String> path(SocketEntry socket) {
        if (socket.extras().cgroup().isEmpty()) {
            return socket.inode() == 0 ? Optional.empty() : ownersCgroup.apply(socket);
        }
        return Optional.ofNullable(paths.get(socket.extras().cgroup().getAsLong()));
    }

    /** What to call where the socket lives: its container's label ({@code docker:0123456789ab}), else its cgroup path, else {@code -}. */
    public String label(SocketEntry socket) {
        return container(socket).map(Container::label).or(() -> path(socket)).orElse("-");
    }

    /** The container or unit of the socket's cgroup. */
    public Optional<Container> container(SocketEntry socket) {
        if (socket.extras().cgroup().isEmpty()) {
            return path(socket).flatMap(p -> containersOfPaths.computeIfAbsent(p, Containers::of));
        }
        return containers.computeIfAbsent(socket.extras().cgroup().getAsLong(),
                id -> Optional.ofNullable(paths.get(id)).flatMap(Containers::of));
    }
}
