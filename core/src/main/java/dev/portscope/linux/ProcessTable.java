package dev.portscope.linux;

import dev.portscope.linux.netlink.SocketLinks;
import dev.portscope.model.SocketOwner;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Which processes hold which sockets: one pass over {@code /proc/[pid]/fd}, every link reading
 * {@code socket:[inode]} recorded under its inode. Processes that exit during the scan are skipped
 * silently; those whose descriptors may not be read (another user's, without root) are counted.
 */
public final class ProcessTable {
    private static final String SOCKET_PREFIX = "socket:[";

    private final Map<Long, List<SocketOwner>> owners;
    private final int processes;
    private final int unreadable;

    private ProcessTable(Map<Long, List<SocketOwner>> owners, int processes, int unreadable) {
        this.owners = owners;
        this.processes = processes;
        this.unreadable = unreadable;
    }

    /**
     * Every process's sockets. The processes are split over one thread per core: a socket-heavy
     * host means ~100k readlink calls, and they scale with cores.
     */
    public static ProcessTable scan(ProcRoot proc) {
        return scan(proc, Optional.empty());
    }

    /**
     * Only the owners of these inodes (less to keep). Every process is still looked at: any of them
     * may share a socket that another has already been found to hold.
     */
    public static ProcessTable scanFor(ProcRoot proc, Set<Long> inodes) {
        return scan(proc, Optional.of(inodes));
    }

    private static ProcessTable scan(ProcRoot proc, Optional<Set<Long>> wanted) {
        List<Integer> pids = pids(proc);
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), pids.size() / 8));
        if (threads == 1) {
            return scan(proc, pids, wanted);
        }
        List<CompletableFuture<ProcessTable>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Integer> share = new ArrayList<>();
            for (int i = t; i < pids.size(); i += threads) { // interleaved: busy processes tend to sit together
                share.add(pids.get(i));
            }
            parts.add(CompletableFuture.supplyAsync(() -> scan(proc, share, wanted), Thread.ofPlatform().daemon()::start));
        }
        Map<Long, List<SocketOwner>> owners = new HashMap<>(1 << 12);
        int processes = 0;
        int unreadable = 0;
        for (CompletableFuture<ProcessTable> part : parts) {
            ProcessTable t = part.join();
            t.owners.forEach((inode, list) -> owners.merge(inode, list, (a, b) -> {
                List<SocketOwner> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            }));
            processes += t.processes;
            unreadable += t.unreadable;
        }
        return new ProcessTable(owners, processes, unreadable);
    }

    private static ProcessTable scan(ProcRoot proc, List<Integer> pidList, Optional<Set<Long>> wanted) {
        Map<Long, List<SocketOwner>> owners = new HashMap<>(wanted.map(w -> w.size() * 2).orElse(1 << 12));
        int[] counts = new int[2]; // processes read, processes unreadable
        try (SocketLinks links = new SocketLinks()) {
            for (int pid : pidList) {
                SocketLinks.Outcome outcome = links.forEachSocket(proc.fileDescriptors(pid).toString(),
                        (fd, inode) -> record(owners, wanted, pid, fd, inode));
                count(counts, outcome);
            }
        } catch (LinkageError | IllegalCallerException | UnsupportedOperationException | IllegalStateException e) {
            // no native access here: the portable reader gives the same answer, only slower
            owners.clear();
            counts[0] = 0;
            counts[1] = 0;
            for (int pid : pidList) {
                count(counts, readWithNio(proc, pid, (fd, inode) -> record(owners, wanted, pid, fd, inode)));
            }
        }
        return new ProcessTable(owners, counts[0], counts[1]);
    }

    private static void record(Map<Long, List<SocketOwner>> owners, Optional<Set<Long>> wanted, int pid, int fd, long inode) {
        if (wanted.isEmpty() || wanted.get().contains(inode)) {
            owners.computeIfAbsent(inode, k -> new ArrayList<>(1)).add(new SocketOwner(pid, fd));
        }
    }

    private static void count(int[] counts, SocketLinks.Outcome outcome) {
        switch (outcome) {
            case READ -> counts[0]++;
            case DENIED -> {
                counts[0]++;
                counts[1]++;
            }
            case GONE -> { } // exited since /proc was listed
        }
    }

    /** The same as {@link SocketLinks}, through java.nio: a Path per descriptor. */
    private static SocketLinks.Outcome readWithNio(ProcRoot proc, int pid, SocketLinks.Sink sink) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.fileDescriptors(pid))) {
            for (Path fd : fds) {
                long inode = socketInode(fd);
                if (inode >= 0) {
                    sink.socket(Integer.parseInt(fd.getFileName().toString()), inode);
                }
            }
            return SocketLinks.Outcome.READ;
        } catch (AccessDeniedException e) {
            return SocketLinks.Outcome.DENIED;
        } catch (NoSuchFileException e) {
            return SocketLinks.Outcome.GONE;
        } catch (IOException | RuntimeException e) {
            return SocketLinks.Outcome.DENIED;
        }
    }

    /** The inode a descriptor link names, or -1 when it is not a socket (or vanished). */
    private static long socketInode(Path fd) {
        String target;
        try {
            target = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return -1;
        }
        if (!target.startsWith(SOCKET_PREFIX) || !target.endsWith("]")) {
            return -1;
        }
        return Long.parseLong(target, SOCKET_PREFIX.length(), target.length() - 1, 10);
    }

    /** The numeric entries of the proc root: the processes alive when it was listed. */
    static List<Integer> pids(ProcRoot proc) {
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc.root())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Integer.parseInt(name));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return pids;
    }

    /** Every (pid, fd) holding the socket with this inode; empty when none could be seen. */
    public List<SocketOwner> ownersOf(long inode) {
        return owners.getOrDefault(inode, List.of());
    }

    /** Processes whose descriptors were read. */
    public int processes() {
        return processes;
    }

    /** Processes whose descriptors could not be read (typically other users', without root). */
    public int unreadable() {
        return unreadable;
    }
}
