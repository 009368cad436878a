package dev.portscope.linux.proc;

import dev.portscope.lookup.Owners;
import dev.portscope.model.KernelSocket;
import dev.portscope.model.Owner;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketOwner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@link Owners} from a {@link ProcessTable} scan, each process read once ({@link ProcessFiles})
 * when first asked for. Start times use the kernel's boot time and USER_HZ = 100, which /proc uses
 * on every architecture Linux supports. Safe to share between threads.
 */
public final class ProcessOwners implements Owners {
    private static final int USER_HZ = 100;
    private static final Comparator<Owner> BY_PID_AND_FD = Comparator.comparingInt(Owner::pid).thenComparingInt(Owner::fd);

    private final ProcRoot proc;
    private final ProcessTable table;
    private final Supplier<Users> users;
    private final Map<Integer, ProcessInfo> processes = new ConcurrentHashMap<>();
    private volatile Optional<Long> bootSeconds;

    private ProcessOwners(ProcRoot proc, ProcessTable table, Supplier<Users> users) {
        this.proc = proc;
        this.table = table;
        this.users = users;
    }

    /** The owners of every socket: the whole process table, as -p reads it. */
    public static ProcessOwners ofAll(ProcRoot proc, Supplier<Users> users) {
        return new ProcessOwners(proc, ProcessTable.scan(proc), users);
    }

    /** The owners of just these sockets: the scan stops early ({@link ProcessTable#scanFor}). */
    public static ProcessOwners ofSockets(ProcRoot proc, Collection<SocketEntry> sockets, Supplier<Users> users) {
        Set<Long> inodes = sockets.stream().map(SocketEntry::inode).filter(i -> i != 0).collect(Collectors.toSet());
        return new ProcessOwners(proc, ProcessTable.scanFor(proc, inodes), users);
    }

    @Override
    public List<Owner> of(KernelSocket socket) {
        if (socket.inode() == 0) {
            return List.of();
        }
        List<SocketOwner> found = table.ownersOf(socket.inode());
        if (found.size() == 1) {
            return List.of(new Owner(found.getFirst().fd(), process(found.getFirst().pid())));
        }
        List<Owner> owners = new ArrayList<>(found.size());
        for (SocketOwner o : found) {
            owners.add(new Owner(o.fd(), process(o.pid())));
        }
        owners.sort(BY_PID_AND_FD); // the scan's threads find sharers in any order: print them in one
        return owners;
    }

    @Override
    public int unreadable() {
        return table.unreadable();
    }

    private ProcessInfo process(int pid) {
        ProcessInfo known = processes.get(pid);
        if (known == null) {
            readAll();
            known = processes.computeIfAbsent(pid, p -> info(ProcessFiles.read(proc, p)));
        }
        return known;
    }

    /**
     * Reads every owning process once, on the first question: their users are then named in one
     * batch ({@link Users#resolve}) rather than one {@code getent} per unknown uid.
     */
    private synchronized void readAll() {
        if (!processes.isEmpty()) {
            return;
        }
        List<ProcessFiles> files = new ArrayList<>();
        for (int pid : table.owningProcesses()) {
            files.add(ProcessFiles.read(proc, pid));
        }
        users.get().resolve(files.stream().flatMap(f -> f.uid().stream()).toList());
        files.forEach(f -> processes.putIfAbsent(f.pid(), info(f)));
    }

    private ProcessInfo info(ProcessFiles files) {
        Optional<String> user = files.uid().map(uid -> users.get().name(uid));
        return new ProcessInfo(files.pid(), files.command(), files.commandLine(), files.uid(), user, started(files), files.cgroup());
    }

    private Optional<Instant> started(ProcessFiles files) {
        Optional<Long> boot = bootSeconds;
        if (boot == null) {
            boot = ProcessFiles.bootTime(proc);
            bootSeconds = boot;
        }
        Optional<Long> b = boot;
        return files.startTicks().flatMap(ticks -> b.map(seconds -> Instant.ofEpochMilli(seconds * 1000 + ticks * 1000 / USER_HZ)));
    }
}
