package dev.portscope.linux.proc;

import dev.portscope.linux.ffm.NativeAccess;
import dev.portscope.linux.ffm.SocketLinks;
import dev.portscope.model.SocketOwner;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which processes hold which sockets: one pass over {@code /proc/[pid]/fd}, every link reading
 * {@code socket:[inode]} recorded under its inode. Processes that exit during the scan are skipped
 * silently; those whose descriptors may not be read (another user's, without root) are counted.
 */
public final class ProcessTable {
    private static final String SOCKET_PREFIX = "socket:[";

    private final InodeOwners owners;
    private final int processes;
    private final int unreadable;

    private ProcessTable(InodeOwners owners, int processes, int unreadable) {
        this.owners = owners;
        this.processes = processes;
        this.unreadable = unreadable;
    }

    /**
     * Every process's sockets. The processes are shared out to one thread per core, each taking
     * the next process when done with one: a socket-heavy host means ~100k readlink calls, nearly
     * all kernel time, and they scale with cores.
     */
    public static ProcessTable scan(ProcRoot proc) {
        return scan(proc, pids(proc), Optional.empty());
    }

    /**
     * Only the owners of these inodes; the scan stops once every one has an owner. A socket is
     * shared by inheriting it across fork, so sharers are then looked for among the owners'
     * relatives: their parents are scanned, and each child is asked whether it holds the socket
     * under the descriptor number its parent does (fork keeps numbers). Children of pid 1 are
     * scanned whole, since systemd hands its sockets to services under new numbers. A process
     * given a descriptor by an unrelated one (SCM_RIGHTS), or that moved an inherited one, is
     * missed here; {@link #scan} finds it.
     */
    public static ProcessTable scanFor(ProcRoot proc, Set<Long> inodes) {
        List<Integer> pids = pids(proc);
        Work first = new Work(fewestDescriptorsFirst(proc, pids), Optional.of(inodes), true);
        ProcessTable table = first.runOnEveryCore(proc);
        if (first.allTaken()) {
            return table;
        }
        Set<Integer> scanned = new HashSet<>(first.taken());
        Relatives relatives = new Relatives(proc, pids);
        table = table.plus(scanOnce(proc, relatives.parentsOf(table.owners.pids()), scanned, inodes));
        if (table.owners.pids().contains(1)) {
            table = table.plus(scanOnce(proc, relatives.childrenOf(1), scanned, inodes));
        }
        InodeOwners inherited = new InodeOwners(16);
        table.owners.forEach((inode, pid, fd) -> {
            for (int child : relatives.childrenOf(pid)) {
                if (!scanned.contains(child) && socketInode(proc.fileDescriptors(child).resolve(Integer.toString(fd))) == inode) {
                    inherited.add(inode, child, fd);
                }
            }
        });
        table.owners.addAll(inherited);
        return table;
    }

    /** Scans those of {@code pids} not yet {@code scanned}, and marks them scanned. */
    private static ProcessTable scanOnce(ProcRoot proc, Collection<Integer> pids, Set<Integer> scanned, Set<Long> inodes) {
        List<Integer> fresh = pids.stream().filter(scanned::add).toList();
        return new Work(fresh, Optional.of(inodes), false).runOnEveryCore(proc);
    }

    private ProcessTable plus(ProcessTable other) {
        owners.addAll(other.owners);
        return new ProcessTable(owners, processes + other.processes, unreadable + other.unreadable);
    }

    /**
     * Processes with few descriptors first, so that a search that stops early has skipped the
     * busiest. Since Linux 6.2 the size of {@code /proc/[pid]/fd} is the number of open
     * descriptors; before, every size is 0 and the order stays as listed.
     */
    private static List<Integer> fewestDescriptorsFirst(ProcRoot proc, List<Integer> pids) {
        Map<Integer, Long> counts = new HashMap<>();
        for (int pid : pids) {
            long n;
            try {
                n = Files.size(proc.fileDescriptors(pid));
            } catch (IOException | RuntimeException e) {
                n = 0; // gone or not ours to look at: cheap either way
            }
            counts.put(pid, n);
        }
        return pids.stream().sorted(Comparator.comparing(counts::get)).toList();
    }

    private static ProcessTable scan(ProcRoot proc, List<Integer> pids, Optional<Set<Long>> wanted) {
        return new Work(pids, wanted, false).runOnEveryCore(proc);
    }

    /** One scan's shared state: the processes still to take, and how many wanted inodes are found. */
    private static final class Work {
        private final List<Integer> pids;
        private final Optional<Set<Long>> wanted;
        private final boolean stopWhenAllFound;
        private final Set<Long> found = ConcurrentHashMap.newKeySet();
        private final AtomicInteger next = new AtomicInteger();

        Work(List<Integer> pids, Optional<Set<Long>> wanted, boolean stopWhenAllFound) {
            this.pids = pids;
            this.wanted = wanted;
            this.stopWhenAllFound = stopWhenAllFound;
        }

        ProcessTable runOnEveryCore(ProcRoot proc) {
            int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), pids.size() / 8));
            if (threads == 1) {
                return run(proc);
            }
            List<CompletableFuture<ProcessTable>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(CompletableFuture.supplyAsync(() -> run(proc), Thread.ofPlatform().daemon()::start));
            }
            ProcessTable all = parts.getFirst().join();
            for (CompletableFuture<ProcessTable> part : parts.subList(1, parts.size())) {
                all = all.plus(part.join());
            }
            return all;
        }

        /** Takes processes until none are left (or every wanted inode has been found). */
        ProcessTable run(ProcRoot proc) {
            InodeOwners owners = new InodeOwners(wanted.map(Set::size).orElse(1 << 12));
            int[] counts = new int[2]; // processes read, processes unreadable
            if (NativeAccess.available()) {
                try (SocketLinks links = new SocketLinks()) {
                    for (int pid; (pid = take()) >= 0; ) {
                        int p = pid;
                        count(counts, links.forEachSocket(proc.fileDescriptors(pid).toString(), (fd, inode) -> record(owners, p, fd, inode)));
                    }
                }
            } else {
                // no native access here: the portable reader gives the same answer, only slower
                for (int pid; (pid = take()) >= 0; ) {
                    int p = pid;
                    count(counts, readWithNio(proc, pid, (fd, inode) -> record(owners, p, fd, inode)));
                }
            }
            return new ProcessTable(owners, counts[0], counts[1]);
        }

        private int take() {
            if (stopWhenAllFound && found.size() == wanted.map(Set::size).orElse(-1)) {
                return -1;
            }
            int i = next.getAndIncrement();
            return i < pids.size() ? pids.get(i) : -1;
        }

        private void record(InodeOwners owners, int pid, int fd, long inode) {
            if (wanted.isEmpty()) {
                owners.add(inode, pid, fd);
            } else if (wanted.get().contains(inode)) {
                owners.add(inode, pid, fd);
                found.add(inode);
            }
        }

        boolean allTaken() {
            return next.get() >= pids.size();
        }

        Set<Integer> taken() {
            return Set.copyOf(pids.subList(0, Math.min(next.get(), pids.size())));
        }
    }

    private static final long DENIED_LINK = -2;

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
            boolean denied = false; // the directory lists, a link refuses: root without CAP_SYS_PTRACE, say
            for (Path fd : fds) {
                long inode = socketInode(fd);
                if (inode >= 0) {
                    sink.socket(Integer.parseInt(fd.getFileName().toString()), inode);
                }
                denied |= inode == DENIED_LINK;
            }
            return denied ? SocketLinks.Outcome.DENIED : SocketLinks.Outcome.READ;
        } catch (AccessDeniedException e) {
            return SocketLinks.Outcome.DENIED;
        } catch (NoSuchFileException e) {
            return SocketLinks.Outcome.GONE;
        } catch (IOException | RuntimeException e) {
            return SocketLinks.Outcome.DENIED;
        }
    }

    /** The inode a descriptor link names, -1 when it is not a socket (or vanished), {@link #DENIED_LINK} when refused. */
    private static long socketInode(Path fd) {
        String target;
        try {
            target = Files.readSymbolicLink(fd).toString();
        } catch (AccessDeniedException e) {
            return DENIED_LINK;
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
                if (!name.isEmpty() && name.length() <= 9 && name.chars().allMatch(Character::isDigit)) { // pids fit in 9 digits
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
        return owners.ownersOf(inode);
    }

    /** The processes found holding a socket. */
    public Set<Integer> owningProcesses() {
        return owners.pids();
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
