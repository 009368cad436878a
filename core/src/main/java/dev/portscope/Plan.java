package dev.portscope;

import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;
import dev.portscope.source.SocketSource;
import dev.portscope.source.SourceUnavailableException;
import dev.portscope.source.TableUnavailableException;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Where one read's tables come from, decided here and nowhere else. Only /proc (a snapshot, or
 * {@code procfs} chosen): one read of every table, headers checked before the first socket.
 * Netlink: one dump per table on one channel; a table netlink cannot dump (no raw_diag) is read
 * from /proc, as ss does, and said in the debug notes, and netlink goes on with the tables after
 * it; when netlink cannot be used at all, {@code auto} reads every table from /proc and records
 * why, {@code netlink} fails. A failure after a table's first socket is never hidden. One Plan per read.
 */
final class Plan {
    private final Optional<SocketSource> preferred;
    private final SocketSource procfs;
    private final boolean fallBackWhole;
    private String answeredBy;
    private Optional<String> fallbackReason = Optional.empty();

    /** A plan that asks {@code preferred} first, when there is one. */
    Plan(Optional<SocketSource> preferred, SocketSource procfs, boolean fallBackWhole) {
        this.preferred = preferred;
        this.procfs = procfs;
        this.fallBackWhole = fallBackWhole;
        this.answeredBy = preferred.orElse(procfs).name();
    }

    /** The source that answered (netlink, procfs); known once the stream has started. */
    String answeredBy() {
        return answeredBy;
    }

    /** Why netlink was given up for /proc, if it was. */
    Optional<String> fallbackReason() {
        return fallbackReason;
    }

    /** The sockets of {@code query} (whose filter a source can evaluate). */
    Stream<SocketEntry> sockets(Query query, ReadNotes notes) {
        if (preferred.isEmpty()) {
            return procfs.sockets(query, notes);
        }
        Segments segments = new Segments(query, notes);
        return StreamSupport.stream(segments, false).onClose(segments::close);
    }

    /** Some tables, asked of one source. */
    private record Segment(SocketSource source, Query query) {
    }

    /** The segments one after another: at first all tables from netlink, then whatever a failure calls for. */
    private final class Segments extends Spliterators.AbstractSpliterator<SocketEntry> {
        private final ReadNotes notes;
        private final ArrayDeque<Segment> waiting = new ArrayDeque<>();
        private Segment segment;
        private Stream<SocketEntry> open;
        private Spliterator<SocketEntry> current; // the open stream's own spliterator: no iterator adapter per socket

        Segments(Query query, ReadNotes notes) {
            super(Long.MAX_VALUE, Spliterator.NONNULL | Spliterator.IMMUTABLE);
            this.notes = notes;
            waiting.add(new Segment(preferred.orElseThrow(), query));
        }

        @Override
        public boolean tryAdvance(Consumer<? super SocketEntry> action) {
            while (true) {
                if (current == null && !openNext()) {
                    return false;
                }
                try {
                    if (current.tryAdvance(action)) {
                        return true;
                    }
                } catch (TableUnavailableException e) {
                    if (segment.source() == procfs) {
                        throw e;
                    }
                    tableUnavailable(e.table(), e);
                    continue;
                }
                closeCurrent();
            }
        }

        private boolean openNext() {
            segment = waiting.poll();
            if (segment == null) {
                return false;
            }
            try {
                open = segment.source().sockets(segment.query(), notes);
            } catch (SourceUnavailableException e) {
                if (segment.source() == procfs || !fallBackWhole) {
                    throw e;
                }
                fallbackReason = Optional.of(e.getMessage());
                answeredBy = procfs.name();
                segment = new Segment(procfs, segment.query());
                open = procfs.sockets(segment.query(), notes);
            }
            current = open.spliterator();
            return true;
        }

        /** Netlink cannot dump {@code table}: read it from /proc, then ask netlink for the tables after it, one by one. */
        private void tableUnavailable(Query.Table table, TableUnavailableException e) {
            closeCurrent();
            notes.debug(e.getMessage() + "; read /proc/net/" + table.protocol().label(table.family()));
            List<Query.Table> tables = segment.query().tables();
            for (Query.Table after : tables.subList(tables.indexOf(table) + 1, tables.size()).reversed()) {
                waiting.addFirst(new Segment(segment.source(), segment.query().onlyTable(after)));
            }
            waiting.addFirst(new Segment(procfs, segment.query().onlyTable(table)));
        }

        private void closeCurrent() {
            if (open != null) {
                open.close();
            }
            open = null;
            current = null;
        }

        void close() {
            closeCurrent();
        }
    }
}
