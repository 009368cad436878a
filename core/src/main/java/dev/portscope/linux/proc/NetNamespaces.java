package dev.portscope.linux.proc;

import dev.portscope.model.Netns;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The network namespaces of a host, each once however many processes share it: found through
 * every process's {@code /proc/PID/ns/net} (a link reading {@code net:[INODE]}) and the bind
 * mounts tools keep ({@code /run/netns/NAME} for ip netns and CNI, {@code /run/docker/netns/ID}),
 * whose inode is the namespace's. Without root, other users' processes cannot be looked into; they
 * are counted ({@link Found#hidden}).
 */
public final class NetNamespaces {
    /** Where ip netns, CNI (Kubernetes) and Docker keep namespaces alive by bind mount. */
    public static final List<Path> BIND_MOUNT_DIRS = List.of(Path.of("/run/netns"), Path.of("/run/docker/netns"));

    /** The lowest inode nsfs gives: the initial namespaces' fixed numbers (include/linux/proc_ns.h) start above it. */
    private static final long INITIAL_NAMESPACE_INODES = 0xEFFFFFF0L;

    private NetNamespaces() {
    }

    /** The namespaces found, the reader's own first, then by inode; and how many processes could not be looked into. */
    public record Found(List<Netns> namespaces, int hidden) {
    }

    /** Every namespace of the live host. */
    public static Found discover(ProcRoot proc, List<Path> bindMountDirs) {
        long own = inodeOfLink(proc.root().resolve("self/ns/net")).orElse(-1L);
        Map<Long, Builder> byInode = new TreeMap<>();
        int hidden = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc.root(), p -> isPid(p.getFileName().toString()))) {
            List<Integer> sorted = new ArrayList<>();
            pids.forEach(p -> sorted.add(Integer.parseInt(p.getFileName().toString())));
            sorted.sort(Comparator.naturalOrder());
            for (int pid : sorted) {
                Path link = proc.process(pid).resolve("ns/net");
                Optional<Long> inode;
                try {
                    inode = parseLink(Files.readSymbolicLink(link).toString());
                } catch (java.nio.file.AccessDeniedException e) {
                    hidden++; // another user's process, without root
                    continue;
                } catch (IOException e) {
                    continue; // gone meanwhile, or a zombie: normal
                }
                if (inode.isEmpty()) {
                    continue;
                }
                Builder b = byInode.computeIfAbsent(inode.get(), Builder::new);
                if (b.pid.isEmpty()) { // pids come in order: the lowest one stays
                    b.pid = OptionalInt.of(pid);
                    b.path = link.toString();
                }
            }
        } catch (IOException e) {
            // no /proc to list: only the bind mounts below
        }
        bindMounts(bindMountDirs).forEach((inode, files) -> {
            Builder b = byInode.computeIfAbsent(inode, Builder::new);
            files.forEach(f -> b.names.add(f.getFileName().toString()));
            b.path = files.getFirst().toString(); // a bind mount outlives any process
        });
        List<Netns> namespaces = new ArrayList<>();
        byInode.values().forEach(b -> namespaces.add(new Netns(b.inode, List.copyOf(b.names), b.path, b.pid, b.inode == own)));
        namespaces.sort(Comparator.comparing((Netns n) -> !n.own()).thenComparingLong(Netns::inode));
        return new Found(namespaces, hidden);
    }

    /**
     * The namespace a {@code -N} argument names, as ss takes it: a name under the bind-mount
     * directories, else a path to an nsfs file, else a pid.
     *
     * @throws IllegalArgumentException with what was tried, when it names none
     */
    public static Netns named(String spec, ProcRoot proc, List<Path> bindMountDirs) {
        long own = inodeOfLink(proc.root().resolve("self/ns/net")).orElse(-1L);
        if (!spec.contains("/") && !isPid(spec)) {
            for (Path dir : bindMountDirs) {
                Path f = dir.resolve(spec);
                Optional<Long> inode = inodeOfFile(f);
                if (inode.isPresent()) {
                    return new Netns(inode.get(), List.of(spec), f.toString(), firstPidIn(inode.get(), proc), inode.get() == own);
                }
            }
            throw new IllegalArgumentException("no network namespace named '" + spec + "' in " + String.join(" or ",
                    bindMountDirs.stream().map(Path::toString).toList()) + " (ip netns list shows them; a pid or a path works too)");
        }
        if (isPid(spec)) {
            Path link = proc.process(Integer.parseInt(spec)).resolve("ns/net");
            Optional<Long> inode = inodeOfLink(link);
            return inode.map(i -> new Netns(i, namesOf(i, bindMountDirs), link.toString(), OptionalInt.of(Integer.parseInt(spec)), i == own))
                    .orElseThrow(() -> new IllegalArgumentException(Files.exists(proc.process(Integer.parseInt(spec)))
                            ? "cannot see the network namespace of pid " + spec + denied() : "no process " + spec));
        }
        Path f = Path.of(spec);
        Optional<Long> inode = inodeOfFile(f);
        if (inode.isEmpty() && Files.isSymbolicLink(f) && !Files.exists(f)) { // /proc/PID/ns/net of a process we may not look into
            throw new IllegalArgumentException("cannot see the network namespace behind '" + spec + "'" + denied());
        }
        if (inode.isEmpty() && !Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("no such file: '" + spec + "' (ip netns list shows the names; a pid works too)");
        }
        return inode.map(i -> new Netns(i, namesOf(i, bindMountDirs), f.toString(), firstPidIn(i, proc), i == own))
                .orElseThrow(() -> new IllegalArgumentException("'" + spec + "' is not a network namespace file (such as /run/netns/NAME "
                        + "or /proc/PID/ns/net)"));
    }

    /**
     * Whether the namespace is gone since it was found: neither its nsfs file nor its process's
     * {@code ns/net} names its inode any more (the last process exited, the bind mount was removed).
     * What a read that failed then reports: nothing, as for a process that exits mid-scan.
     */
    public static boolean vanished(Netns n, ProcRoot proc) {
        if (inodeOfFile(Path.of(n.path())).filter(i -> i == n.inode()).isPresent()) {
            return false;
        }
        return n.pid().isEmpty() || inodeOfLink(proc.process(n.pid().getAsInt()).resolve("ns/net")).filter(i -> i == n.inode()).isEmpty();
    }

    /** Why a process's namespace link could not be followed, as advice that fits who asks. */
    private static String denied() {
        return "root".equals(System.getProperty("user.name")) ? " (permission denied, even as root)" : " (permission denied: not root?)";
    }

    /**
     * The lowest pid living in the namespace, if one can be seen: its {@code /proc/PID/net} is the
     * namespace's /proc view, the fallback when netlink cannot enter (without root, --source procfs).
     */
    static OptionalInt firstPidIn(long inode, ProcRoot proc) {
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc.root(), p -> isPid(p.getFileName().toString()))) {
            int lowest = Integer.MAX_VALUE;
            for (Path p : pids) {
                int pid = Integer.parseInt(p.getFileName().toString());
                if (pid < lowest && inodeOfLink(proc.process(pid).resolve("ns/net")).filter(i -> i == inode).isPresent()) {
                    lowest = pid;
                }
            }
            return lowest == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(lowest);
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /** The bind-mount names a namespace has, sorted. */
    private static List<String> namesOf(long inode, List<Path> bindMountDirs) {
        return bindMounts(bindMountDirs).getOrDefault(inode, List.of()).stream().map(f -> f.getFileName().toString()).sorted().toList();
    }

    /** The namespaces kept by bind mounts in these directories: inode to its files, in the directories' order. */
    private static Map<Long, List<Path>> bindMounts(List<Path> dirs) {
        Map<Long, List<Path>> mounts = new TreeMap<>();
        for (Path dir : dirs) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    inodeOfFile(f).ifPresent(inode -> mounts.computeIfAbsent(inode, k -> new ArrayList<>()).add(f));
                }
            } catch (IOException e) {
                // no such directory: no namespaces kept that way
            }
        }
        return mounts;
    }

    /** {@code net:[4026531840]} to its inode. */
    static Optional<Long> parseLink(String target) {
        if (!target.startsWith("net:[") || !target.endsWith("]")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(target.substring(5, target.length() - 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> inodeOfLink(Path link) {
        try {
            return parseLink(Files.readSymbolicLink(link).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** The inode of a bind-mounted nsfs file (stat follows it to the namespace); empty for anything else. */
    private static Optional<Long> inodeOfFile(Path f) {
        try {
            long inode = ((Number) Files.getAttribute(f, "unix:ino")).longValue();
            // a plain file left in /run/netns (its mount gone) is not a namespace: nsfs inodes are numbered from
            // 0xF0000000, the initial namespaces' fixed ones just below (the first network namespace's is
            // 0xEFFFFFF9 since Linux 6.18, PROC_NET_INIT_INO)
            return inode >= INITIAL_NAMESPACE_INODES ? Optional.of(inode) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.length() < 10 && name.chars().allMatch(Character::isDigit);
    }

    private static final class Builder {
        final long inode;
        final TreeSet<String> names = new TreeSet<>();
        String path;
        OptionalInt pid = OptionalInt.empty();

        Builder(long inode) {
            this.inode = inode;
        }
    }
}
