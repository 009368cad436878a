package dev.portscope.linux.proc;

import dev.portscope.model.Family;
import dev.portscope.model.Protocol;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Every path portscope reads below {@code /proc}, relative to one root. Point it at a directory of
 * captured files and that snapshot reads exactly like the live system.
 */
public final class ProcRoot {
    private static final ProcRoot SYSTEM = new ProcRoot(Path.of("/proc"));

    private final Path root;

    private ProcRoot(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The live {@code /proc}. */
    public static ProcRoot system() {
        return SYSTEM;
    }

    /** A proc root or snapshot directory at {@code root}. */
    public static ProcRoot at(Path root) {
        return new ProcRoot(root);
    }

    public Path root() {
        return root;
    }

    /**
     * Where the processes are: this root, or for a process's own directory ({@code /proc/PID}, whose
     * {@code net/} tables show that process's network namespace) the proc mount above it, since
     * socket inodes are unique across namespaces and the processes of every namespace are listed there.
     */
    public ProcRoot processes() {
        Path name = root.getFileName();
        Path parent = root.toAbsolutePath().getParent();
        if (name != null && parent != null && name.toString().chars().allMatch(Character::isDigit)
                && Files.isDirectory(parent.resolve("self")) && Files.isDirectory(root.resolve("fd"))) {
            return new ProcRoot(parent);
        }
        return this;
    }

    /** Whether this is the live {@code /proc}, the kernel's own files (not a snapshot anyone could have written). */
    public boolean isLive() {
        return this == SYSTEM || root.equals(SYSTEM.root);
    }

    /** Whether the root is a directory that can be read. */
    public boolean exists() {
        return Files.isDirectory(root);
    }

    /** {@code net/tcp}, {@code net/tcp6}, {@code net/udp} or {@code net/udp6}. */
    public Path socketTable(Protocol protocol, Family family) {
        return root.resolve("net").resolve(protocol.label(family));
    }

    /** {@code net/unix}, {@code net/packet}, {@code net/netlink}: a family's sockets in the namespace. */
    public Path familyTable(String family) {
        return root.resolve("net").resolve(family);
    }

    /** {@code sys/net/ipv4/ip_local_port_range}: the ports this host hands out as ephemeral. */
    public Path ephemeralPortRange() {
        return root.resolve("sys/net/ipv4/ip_local_port_range");
    }

    /**
     * {@code net/NAME} for the kernel's counters: {@code snmp}, {@code netstat} (header and value
     * line pairs), {@code snmp6} (name and value per line), {@code sockstat}, {@code sockstat6}.
     */
    public Path netCounters(String name) {
        return root.resolve("net").resolve(name);
    }

    /** {@code [pid]}: one process's directory. */
    public Path process(int pid) {
        return root.resolve(Integer.toString(pid));
    }

    /** {@code [pid]/fd}: links named after file descriptors, a socket's reading {@code socket:[inode]}. */
    public Path fileDescriptors(int pid) {
        return process(pid).resolve("fd");
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
