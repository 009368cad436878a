package dev.portscope.cli;

import dev.portscope.linux.ProcRoot;
import dev.portscope.linux.ProcessInfo;
import dev.portscope.linux.ProcessTable;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketOwner;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The -p lookup: sockets' owning processes, with each process read once. User names come from
 * /etc/passwd, then {@code getent passwd} (NSS) for uids it lacks; start times use the kernel's
 * boot time and USER_HZ = 100, which /proc uses on every architecture Linux supports.
 */
final class Owners {
    private static final int USER_HZ = 100;

    private final ProcRoot proc;
    private final ProcessTable table;
    private final Map<Integer, ProcessInfo> processes = new HashMap<>();
    private Users users;
    private Optional<Long> bootSeconds;

    Owners(ProcRoot proc, ProcessTable table) {
        this.proc = proc;
        this.table = table;
    }

    /** The owners of every socket: the whole process table, as -p reads it. */
    static Owners ofAll(ProcRoot proc) {
        return new Owners(proc, ProcessTable.scan(proc));
    }

    /** The owners of just these sockets: the scan stops early ({@link ProcessTable#scanFor}). */
    static Owners ofSockets(ProcRoot proc, Collection<SocketEntry> sockets) {
        Set<Long> inodes = sockets.stream().map(SocketEntry::inode).filter(i -> i != 0).collect(Collectors.toSet());
        return new Owners(proc, ProcessTable.scanFor(proc, inodes));
    }

    /** {@code 1234/curl}, each process once, sharers joined by commas; empty when none could be seen. */
    String pidsAndCommands(SocketEntry socket) {
        return of(socket).stream().map(o -> o.pid() + "/" + process(o.pid()).command()).distinct().collect(Collectors.joining(","));
    }

    /** {@code 812,813}: the pids holding the socket. */
    String pids(SocketEntry socket) {
        return of(socket).stream().map(o -> Integer.toString(o.pid())).distinct().collect(Collectors.joining(","));
    }

    /** {@code nginx}: their commands, each once. */
    String commands(SocketEntry socket) {
        return of(socket).stream().map(o -> process(o.pid()).command()).distinct().collect(Collectors.joining(","));
    }

    List<SocketOwner> of(SocketEntry socket) {
        return socket.inode() == 0 ? List.of() : table.ownersOf(socket.inode());
    }

    ProcessInfo process(int pid) {
        return processes.computeIfAbsent(pid, p -> ProcessInfo.read(proc, p));
    }

    Optional<String> user(ProcessInfo info) {
        if (users == null) {
            users = Users.system();
        }
        return info.uid().map(users::name);
    }

    Optional<Instant> started(ProcessInfo info) {
        if (bootSeconds == null) {
            bootSeconds = bootTime();
        }
        return info.startTicks().flatMap(ticks -> bootSeconds.map(boot ->
                Instant.ofEpochMilli(boot * 1000 + ticks * 1000 / USER_HZ)));
    }

    /** The hint for owners that could not be seen, when there were any. */
    Optional<String> hint() {
        if (table.unreadable() == 0) {
            return Optional.empty();
        }
        return Optional.of(table.unreadable() + " processes could not be inspected (not root?), so their sockets show no owner; "
                + "run portscope as root (sudo) to see every owner");
    }

    private Optional<Long> bootTime() {
        try (BufferedReader r = Files.newBufferedReader(proc.root().resolve("stat"), StandardCharsets.US_ASCII)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("btime ")) {
                    return Optional.of(Long.parseLong(line.substring(6).strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
