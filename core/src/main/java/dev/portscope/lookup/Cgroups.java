package dev.portscope.lookup;

import dev.portscope.model.Container;
import dev.portscope.model.SocketEntry;

import java.util.Map;
import java.util.Optional;

/**
 * Sockets' cgroups by the id the kernel reports for each ({@link dev.portscope.model.SocketExtras#cgroup}):
 * the cgroup v2 path, and the container or unit it names ({@link Containers}). The socket keeps the
 * cgroup of the process that made it, so a container's socket is named even when none of its
 * processes is visible, or after they moved.
 */
public final class Cgroups {
    private final Map<Long, String> paths;
    // The same few cgroups hold thousands of sockets: each path is read once (its regexes are the cost).
    private final Map<Long, Optional<Container>> containers = new java.util.concurrent.ConcurrentHashMap<>();

    /** Over this id-to-path table (read by the facade: {@code Portscope.cgroups()}). */
    public Cgroups(Map<Long, String> paths) {
        this.paths = Map.copyOf(paths);
    }

    /** The socket's cgroup path, when netlink gave its id and the cgroup still exists. */
    public Optional<String> path(SocketEntry socket) {
        return socket.extras().cgroup().stream().mapToObj(id -> paths.get(id)).filter(p -> p != null).findFirst();
    }

    /** What to call where the socket lives: its container's label ({@code docker:0123456789ab}), else its cgroup path, else {@code -}. */
    public String label(SocketEntry socket) {
        return container(socket).map(Container::label).or(() -> path(socket)).orElse("-");
    }

    /** The container or unit of the socket's cgroup. */
    public Optional<Container> container(SocketEntry socket) {
        if (socket.extras().cgroup().isEmpty()) {
            return Optional.empty();
        }
        return containers.computeIfAbsent(socket.extras().cgroup().getAsLong(),
                id -> Optional.ofNullable(paths.get(id)).flatMap(Containers::of));
    }
}
