package dev.portscope;

import dev.portscope.model.Family;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;
import dev.portscope.source.SocketSource;
import dev.portscope.source.SourceUnavailableException;
import dev.portscope.source.TableUnavailableException;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Where one read's tables come from, decided here and nowhere else. Only /proc (a snapshot, or
 * {@code procfs} chosen): one read of every table, headers checked before the first socket.
 * Netlink: table by table, each on its own channel; a table netlink cannot dump (no raw_diag) is
 * read from /proc, as ss does, and said in the debug notes; when netlink cannot be used at all,
 * {@code auto} reads this and the remaining tables from /proc and records why, {@code netlink}
 * fails. A failure after a table's first socket is never hidden. One Plan per read.
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
        Tables tables = new Tables(query, notes);
        return StreamSupport.stream(tables, false).onClose(tables::close);
    }

    /** The tables one after another, each from netlink or, failing that, /proc. */
    private final class Tables extends Spliterators.AbstractSpliterator<SocketEntry> {
        private final Query query;
        private final ReadNotes notes;
        private final ArrayDeque<Query.Table> remaining;
        private Stream<SocketEntry> open;
        private Iterator<SocketEntry> current;
        private Query.Table table;
        private boolean fromPreferred;
        private boolean started;

        Tables(Query query, ReadNotes notes) {
            super(Long.MAX_VALUE, Spliterator.NONNULL | Spliterator.IMMUTABLE);
            this.query = query;
            this.notes = notes;
            this.remaining = new ArrayDeque<>(query.tables());
        }

        @Override
        public boolean tryAdvance(Consumer<? super SocketEntry> action) {
            while (true) {
                if (current == null && !next()) {
                    return false;
                }
                try {
                    if (current.hasNext()) {
                        started = true;
                        action.accept(current.next());
                        return true;
                    }
                } catch (SourceUnavailableException e) {
                    if (!fromPreferred || started) {
                        throw e;
                    }
                    fallBack(e);
                    continue;
                }
                closeCurrent();
            }
        }

        /** Opens the next table; false when none is left. */
        private boolean next() {
            table = remaining.poll();
            if (table == null) {
                return false;
            }
            if (fallbackReason.isPresent()) {
                open(procfs, false);
                return true;
            }
            try {
                open(preferred.orElseThrow(), true);
            } catch (SourceUnavailableException e) {
                fallBack(e);
            }
            return true;
        }

        private void open(SocketSource source, boolean preferredSource) {
            started = false;
            fromPreferred = preferredSource;
            open = source.sockets(query.onlyTable(table), notes);
            current = open.iterator();
        }

        /** The table being read could not come from netlink: read it (and, if netlink is out, the rest) from /proc. */
        private void fallBack(SourceUnavailableException e) {
            closeCurrent();
            if (e instanceof TableUnavailableException) {
                notes.debug(e.getMessage() + "; read /proc/net/" + table.protocol().label() + (table.family() == Family.IPV6 ? "6" : ""));
            } else if (fallBackWhole) {
                fallbackReason = Optional.of(e.getMessage());
                answeredBy = procfs.name();
            } else {
                throw e;
            }
            open(procfs, false);
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
