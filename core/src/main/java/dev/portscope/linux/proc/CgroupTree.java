package dev.portscope.linux.proc;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cgroup v2 hierarchy as ids and paths: a cgroup's id (what inet_diag reports per socket,
 * {@code INET_DIAG_CGROUP_ID}) is the inode of its directory in the cgroup2 mount, as ss's
 * {@code --cgroup} reads it. The mount is found in {@code /proc/self/mountinfo} (on a hybrid host
 * it is {@code /sys/fs/cgroup/unified}).
 */
public final class CgroupTree {
    /** A hierarchy past this many cgroups is not walked further (a host has hundreds, a busy one thousands). */
    private static final int MOST = 200_000;

    private CgroupTree() {
    }

    /** Where cgroup2 is mounted, from mountinfo's lines. */
    static Optional<Path> mountPoint(List<String> mountinfo) {
        for (String line : mountinfo) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] after = line.substring(dash + 3).split(" ");
            String[] before = line.substring(0, dash).split(" ");
            if (after.length > 0 && after[0].equals("cgroup2") && before.length > 4) {
                return Optional.of(Path.of(before[4].replace("\\040", " ")));
            }
        }
        return Optional.empty();
    }

    /** Every cgroup's id and path ({@code /} for the root, {@code /system.slice/nginx.service} ...) on this host. */
    public static Map<Long, String> read(ProcRoot proc) {
        try {
            Optional<Path> mount = mountPoint(Files.readAllLines(proc.root().resolve("self/mountinfo")));
            return mount.map(CgroupTree::walk).orElse(Map.of());
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static Map<Long, String> walk(Path mount) {
        Map<Long, String> paths = new HashMap<>();
        try {
            Files.walkFileTree(mount, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (paths.size() < MOST) {
                        long inode = inodeOf(dir);
                        if (inode > 0) {
                            String relative = mount.relativize(dir).toString();
                            paths.put(inode, "/" + relative);
                        }
                    }
                    return paths.size() < MOST ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // a cgroup removed meanwhile
                }
            });
        } catch (IOException e) {
            // what was walked is what there is
        }
        return paths;
    }

    private static long inodeOf(Path dir) {
        try {
            return ((Number) Files.getAttribute(dir, "unix:ino")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
