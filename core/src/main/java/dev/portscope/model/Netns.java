package dev.portscope.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network namespace: its nsfs inode (what {@code readlink /proc/PID/ns/net} shows as
 * {@code net:[INODE]}, what {@code lsns -t net} lists), the names it is known by (an
 * {@code ip netns} name under /run/netns, a Docker one under /run/docker/netns), the nsfs file to
 * enter it through, and a process inside it, whose {@code /proc/PID/net} shows its sockets.
 *
 * @param inode the namespace's inode, unique on the host while it lives
 * @param names its bind-mount names, sorted; empty for a namespace only processes hold
 * @param path  the nsfs file that enters it: a bind mount, or {@code /proc/PID/ns/net}
 * @param pid   the lowest pid in it, when one could be seen
 * @param own   whether it is the namespace portscope itself runs in
 */
public record Netns(long inode, List<String> names, String path, OptionalInt pid, boolean own) {
    public Netns {
        names = List.copyOf(names);
        Objects.requireNonNull(path);
        Objects.requireNonNull(pid);
    }

    /** Its first name, if it has one. */
    public Optional<String> name() {
        return names.isEmpty() ? Optional.empty() : Optional.of(names.getFirst());
    }

    /** Its name, or {@code net:[INODE]} as the kernel writes it. */
    public String label() {
        return name().orElse("net:[" + inode + "]");
    }

    /** The label of the namespace with this inode among {@code known}, or {@code net:[INODE]} when it is none of them. */
    public static String labelOf(long inode, Map<Long, Netns> known) {
        Netns n = known.get(inode);
        return n != null ? n.label() : "net:[" + inode + "]";
    }

    /** The name of the namespace with this inode among {@code known}, if it has one. */
    public static Optional<String> nameOf(long inode, Map<Long, Netns> known) {
        return Optional.ofNullable(known.get(inode)).flatMap(Netns::name);
    }
}
