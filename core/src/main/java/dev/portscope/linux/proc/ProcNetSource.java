package dev.portscope.linux.proc;

import dev.portscope.model.Endpoint;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.TcpState;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;
import dev.portscope.source.SnapshotFormatException;
import dev.portscope.source.SocketSource;
import dev.portscope.source.SourceException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads sockets from the text tables in {@code /proc/net} (what netstat reads). Every table is
 * opened and its header checked before the first socket is returned, so a bad snapshot fails
 * before anything is printed. Malformed lines are skipped and counted in the read's notes.
 */
public final class ProcNetSource implements SocketSource {
    private final ProcRoot proc;

    public ProcNetSource(ProcRoot proc) {
        this.proc = proc;
    }

    @Override
    public String name() {
        return "procfs";
    }

    @Override
    public Stream<SocketEntry> sockets(Query query, ReadNotes notes) {
        if (!proc.exists()) {
            throw new SnapshotFormatException("proc root " + proc + " is not a directory");
        }
        if (dev.portscope.filter.DeviceMatch.in(query.filter())) { // rather than "no socket matches"
            throw new dev.portscope.source.SourceUnavailableException("'dev' asks the interface a socket is bound to, which only "
                    + "netlink knows (/proc/net has no such column)", null);
        }
        if (query.protocols().contains(Protocol.TCP) && query.states().contains(TcpState.BOUND_INACTIVE)
                && !query.states().containsAll(Query.EVERY_STATE)) {
            notes.note("/proc/net/tcp does not list TCP sockets bound but inactive; netlink does (Linux 6.5+)");
        }
        List<OpenTable> tables = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        try {
            for (Query.Table table : query.tables()) {
                Path path = proc.socketTable(table.protocol(), table.family());
                open(path, table.protocol(), table.family(), notes).ifPresentOrElse(tables::add, () -> missing.add(path));
            }
        } catch (RuntimeException e) {
            tables.forEach(OpenTable::close);
            throw e;
        }
        if (tables.isEmpty() && !missing.isEmpty()) {
            throw new SnapshotFormatException("no socket table under " + proc + " (looked for " + missing.getFirst()
                    + "); give --proc-root a /proc or a snapshot that holds net/tcp, net/udp ...");
        }
        return tables.stream()
                .flatMap(t -> t.entries(proc.isLive()).onClose(t::close))
                .filter(query::matches)
                .onClose(() -> tables.forEach(OpenTable::close));
    }

    private Optional<OpenTable> open(Path path, Protocol protocol, Family family, ReadNotes notes) {
        BufferedReader reader;
        try {
            if (!BoundedFiles.readable(proc, path) && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new SnapshotFormatException(path + " is not a regular file (a FIFO, a device, a dangling or looping link);"
                        + " point --proc-root at /proc or a snapshot of it");
            }
            reader = BoundedFiles.reader(path, StandardCharsets.ISO_8859_1, BoundedFiles.TABLE);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // e.g. tcp6 on a kernel with IPv6 disabled
        } catch (IOException e) {
            throw unreadable(path, e, proc.isLive());
        }
        try {
            String header = reader.readLine();
            if (header == null || !ProcNetTable.isHeader(header)) {
                throw new SnapshotFormatException(path + " is not a socket table (its first line is not the"
                        + " 'sl local_address rem_address ...' header); point --proc-root at /proc or a snapshot of it");
            }
        } catch (IOException e) {
            closeQuietly(reader);
            throw unreadable(path, e, proc.isLive());
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
        return Optional.of(new OpenTable(path, protocol, family, reader, notes));
    }

    /** A table that cannot be read: bad input in a snapshot (exit 2), a failure of the live /proc (exit 1). */
    private static RuntimeException unreadable(Path path, IOException e, boolean live) {
        String message = "cannot read " + path + ": " + e.getMessage();
        return live ? new SourceException(message, e) : new SnapshotFormatException(message);
    }

    private static void closeQuietly(BufferedReader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // nothing was written; a failed close of a read-only file loses nothing
        }
    }

    /**
     * Drops a socket the kernel writes twice under churn (netstat shows such rows twice): the table
     * is written a read() at a time and resumed at a bucket and an offset, so a repeat follows its
     * first row closely. Inodes in {@link RecentKeys}, a generation every few hundred rows; a
     * TIME-WAIT socket (inode 0) by its two ends, in a window of the same length.
     */
    private static final class RecentSockets {
        private static final int GENERATION = 512;
        private final RecentKeys inodes = new RecentKeys(GENERATION);
        private java.util.Set<List<Endpoint>> olderEnds = new java.util.HashSet<>();
        private java.util.Set<List<Endpoint>> newerEnds = new java.util.HashSet<>();
        private int rows;

        boolean firstTime(SocketEntry e) {
            if (++rows % GENERATION == 0) {
                inodes.nextGeneration();
                java.util.Set<List<Endpoint>> emptied = olderEnds;
                emptied.clear();
                olderEnds = newerEnds;
                newerEnds = emptied;
            }
            if (e.inode() != 0) {
                return inodes.firstTime(e.inode());
            }
            List<Endpoint> ends = List.of(e.local(), e.remote());
            return !olderEnds.contains(ends) && newerEnds.add(ends);
        }
    }

    private static final class OpenTable {
        private final Path path;
        private final Protocol protocol;
        private final Family family;
        private final BufferedReader reader;
        private final ReadNotes notes;
        private final AtomicInteger malformed = new AtomicInteger();

        OpenTable(Path path, Protocol protocol, Family family, BufferedReader reader, ReadNotes notes) {
            this.path = path;
            this.protocol = protocol;
            this.family = family;
            this.reader = reader;
            this.notes = notes;
        }

        Stream<SocketEntry> entries(boolean live) {
            RecentSockets recent = new RecentSockets();
            return lines(live)
                    .filter(line -> !line.isBlank())
                    .mapMulti((String line, Consumer<SocketEntry> sink) ->
                            ProcNetTable.parseLine(line, protocol, family)
                                    .ifPresentOrElse(e -> {
                                        if (recent.firstTime(e)) {
                                            sink.accept(e);
                                        }
                                    }, malformed::incrementAndGet));
        }

        /** The table's lines; a failed read is {@link #unreadable}. */
        private Stream<String> lines(boolean live) {
            return StreamSupport.stream(new Spliterators.AbstractSpliterator<String>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
                @Override
                public boolean tryAdvance(Consumer<? super String> action) {
                    String line;
                    try {
                        line = reader.readLine();
                    } catch (IOException e) {
                        throw unreadable(path, e, live);
                    }
                    if (line == null) {
                        return false;
                    }
                    action.accept(line);
                    return true;
                }
            }, false);
        }

        void close() {
            int bad = malformed.getAndSet(0);
            if (bad > 0) {
                notes.note("skipped " + bad + " malformed line" + (bad == 1 ? "" : "s") + " in " + path);
            }
            closeQuietly(reader);
        }
    }
}
