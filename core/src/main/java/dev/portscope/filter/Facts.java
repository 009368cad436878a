package dev.portscope.filter;

import dev.portscope.model.Direction;
import dev.portscope.model.SocketEntry;

import java.util.List;
import java.util.Optional;

/**
 * What a filter may need beyond the socket itself: its direction and service port (from the
 * host's listeners) and the processes holding it (from a process scan). The CLI supplies them
 * only when the filter asks ({@link Filter#needs}); a socket source never sees such conditions.
 */
public interface Facts {
    /** A process holding a socket. */
    record Holder(int pid, String command) {
    }

    /** Inbound or outbound; empty for listeners and unconnected sockets. */
    Optional<Direction> direction(SocketEntry socket);

    /** The port of the socket's service end: a listener's own port, the remote port of an outbound connection. */
    int servicePort(SocketEntry socket);

    /** The processes holding the socket open; empty when none is known. */
    List<Holder> holders(SocketEntry socket);

    /** The names of the socket's network namespace ({@code ip netns}, Docker); empty when it has none. */
    default java.util.Set<String> namespaceNames(SocketEntry socket) {
        throw new IllegalStateException("this filter needs the namespaces' names (netns)");
    }

    /** The container or unit the socket's cgroup names. */
    default Optional<dev.portscope.model.Container> container(SocketEntry socket) {
        throw new IllegalStateException("this filter needs the cgroups (container)");
    }

    /** The socket's cgroup v2 path. */
    default Optional<String> cgroupPath(SocketEntry socket) {
        throw new IllegalStateException("this filter needs the cgroups (cgroup)");
    }

    /** No facts: a filter that needs any fails loudly rather than guessing. */
    Facts NONE = new Facts() {
        @Override
        public Optional<Direction> direction(SocketEntry socket) {
            throw new IllegalStateException("this filter needs the listener set (dir, class)");
        }

        @Override
        public int servicePort(SocketEntry socket) {
            throw new IllegalStateException("this filter needs the listener set (dir, class)");
        }

        @Override
        public List<Holder> holders(SocketEntry socket) {
            throw new IllegalStateException("this filter needs the process table (pid, comm)");
        }
    };
}
