package dev.portscope.lookup;

import dev.portscope.model.Owner;
import dev.portscope.model.KernelSocket;

import java.util.List;
import java.util.Optional;

/**
 * Which processes hold which sockets ({@code -p}), from one scan of {@code /proc/[pid]/fd}:
 * every sharer of a socket, each process read once. Owners that could not be seen (another
 * user's processes, without root) are counted, and {@link #hint()} says so.
 */
public interface Owners {

    /** Every process holding the socket, by pid and then descriptor; empty when none could be seen. */
    List<Owner> of(KernelSocket socket);

    /** How many processes could not be inspected (their sockets show no owner). */
    int unreadable();

    /**
     * Whether the socket's owners may be among the processes that could not be inspected: none
     * was found, it has an inode (a file refers to it) and some process was hidden. Otherwise an
     * empty {@link #of} means no process holds it (TIME_WAIT, a kernel socket).
     */
    default boolean hidden(KernelSocket socket) {
        return socket.inode() != 0 && unreadable() > 0 && of(socket).isEmpty();
    }

    /** The hint for owners that could not be seen, when there were any. */
    default Optional<String> hint() {
        return hint(unreadable());
    }

    /**
     * What to say when {@code unreadable} processes could not be inspected; empty for none. Root
     * can be refused too (a container without CAP_SYS_PTRACE, a security module): then running as
     * root is no advice.
     */
    static Optional<String> hint(int unreadable) {
        if (unreadable == 0) {
            return Optional.empty();
        }
        String processes = unreadable == 1 ? "1 process" : unreadable + " processes";
        if ("root".equals(System.getProperty("user.name"))) {
            return Optional.of(processes + " could not be inspected even as root (permission denied: a container's limits or a "
                    + "security module), so " + (unreadable == 1 ? "its" : "their") + " sockets show no owner");
        }
        return Optional.of(processes + " could not be inspected (not root?), so " + (unreadable == 1 ? "its" : "their")
                + " sockets show no owner; run portscope as root (sudo) to see every owner");
    }
}
