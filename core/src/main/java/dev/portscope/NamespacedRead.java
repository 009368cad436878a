package dev.portscope;

import dev.portscope.linux.proc.NetNamespaces;
import dev.portscope.linux.proc.ProcRoot;
import dev.portscope.model.Netns;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;
import dev.portscope.source.SourceException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * One read over the namespaces a facade covers: a {@link Plan} per namespace (netlink entered
 * through its nsfs file, else its /proc/PID/net), read on worker threads a few namespaces ahead
 * and handed back one after another, each socket labelled with its namespace's inode. A facade of the reader's own namespace alone reads as
 * before: one plan, sockets unlabelled. Of every namespace on the host, one that cannot be read is
 * a note and the read goes on with the next one (a failure in the middle of one is said with how
 * far it got); a namespace asked for by name that cannot be read fails the read, as ss -N does.
 */
final class NamespacedRead {
    private record Part(Optional<Netns> netns, Plan plan) {
    }

    private final List<Part> parts;
    private final int hidden;
    private final boolean named;
    /** Makes the own namespace's plan again: for {@link #again}. */
    private final java.util.function.Supplier<Plan> own;

    /** The reader's own namespace only; {@code own} makes its plan (one per read). */
    NamespacedRead(java.util.function.Supplier<Plan> own) {
        this.parts = List.of(new Part(Optional.empty(), own.get()));
        this.hidden = 0;
        this.named = false;
        this.own = own;
    }

    /**
     * These namespaces, each with its plan; {@code hidden}: processes whose namespace could not be
     * seen; {@code named}: they were asked for one by one (a failure to read one fails the read).
     */
    NamespacedRead(List<Netns> namespaces, java.util.function.Function<Netns, Plan> plans, int hidden, boolean named) {
        List<Part> list = new ArrayList<>();
        namespaces.forEach(n -> list.add(new Part(Optional.of(n), plans.apply(n))));
        this.parts = List.copyOf(list);
        this.hidden = hidden;
        this.named = named;
        this.own = null;
    }

    /**
     * A second read over the same namespaces, with fresh plans (a plan serves one read): what a
     * listing's listeners are read with, so they come from the namespaces its sockets came from.
     */
    NamespacedRead again(java.util.function.Function<Netns, Plan> plans) {
        return own != null ? new NamespacedRead(own) : new NamespacedRead(namespaces(), plans, hidden, named);
    }

    Stream<SocketEntry> sockets(Query query, ReadNotes notes) {
        if (parts.size() == 1 && parts.getFirst().netns().isEmpty()) {
            return parts.getFirst().plan().sockets(query, notes);
        }
        if (hidden > 0) {
            boolean root = "root".equals(System.getProperty("user.name"));
            notes.note("the network namespaces of " + hidden + (hidden == 1 ? " process" : " processes")
                    + " could not be seen (permission denied" + (root ? ", even as root" : "") + "), so theirs may be missing"
                    + (root ? "" : "; run portscope as root (sudo) to read every namespace"));
        }
        ReadAhead ahead = new ReadAhead(query);
        Map<String, List<String>> unread = new LinkedHashMap<>(); // reason -> the namespaces it kept out: one note each
        Part last = parts.getLast();
        return parts.stream().flatMap(part -> {
            List<SocketEntry> sockets = ahead.next().emit(part, notes, named, unread);
            if (part == last) {
                unread.forEach((reason, labels) -> notes.note(unreadNote(reason, labels)));
            }
            return sockets.stream();
        }).onClose(ahead::close);
    }

    /** "network namespace a not read: why", or "3 network namespaces not read: why (a, b, c)", naming at most five. */
    static String unreadNote(String reason, List<String> labels) {
        if (labels.size() == 1) {
            return "network namespace " + labels.getFirst() + " not read: " + reason;
        }
        String named = String.join(", ", labels.subList(0, Math.min(5, labels.size())))
                + (labels.size() > 5 ? " and " + (labels.size() - 5) + " more" : "");
        return labels.size() + " network namespaces not read: " + reason + " (" + named + ")";
    }

    /** The namespaces read, in order; empty for a read of the reader's own without naming it. */
    List<Netns> namespaces() {
        return parts.stream().map(Part::netns).flatMap(Optional::stream).toList();
    }

    /** The sources that answered, e.g. {@code netlink}, or {@code netlink, procfs} when namespaces differed. */
    String answeredBy() {
        return String.join(", ", parts.stream().map(p -> p.plan().answeredBy()).distinct().toList());
    }

    /** Why netlink was given up, in the first namespace where it was. */
    Optional<String> fallbackReason() {
        return parts.stream().map(p -> p.plan().fallbackReason()).flatMap(Optional::stream).findFirst();
    }

    /**
     * Reads the namespaces on worker threads, a few ahead of the one being consumed, and hands
     * them back in order: the kernel's time (its walk of the global established hash is ~0.5 ms
     * per namespace, empty or not) overlaps the caller's formatting and spreads over the cores.
     */
    private final class ReadAhead {
        private static final int WORKERS = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4);
        private final Query query;
        private final ExecutorService workers;
        private final ArrayDeque<Future<Whole>> pending = new ArrayDeque<>();
        private int submitted;

        ReadAhead(Query query) {
            this.query = query;
            this.workers = Executors.newFixedThreadPool(WORKERS, Thread.ofPlatform().name("portscope-netns-read").daemon().factory());
        }

        /** The next namespace's whole read, waited for. */
        Whole next() {
            while (submitted < parts.size() && pending.size() < 2 * WORKERS) {
                Part part = parts.get(submitted++);
                pending.add(workers.submit(() -> Whole.read(part, query)));
            }
            try {
                return pending.poll().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException("interrupted while reading network namespaces", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        void close() {
            workers.shutdownNow();
        }
    }

    /** One namespace read to its end: its sockets labelled with its inode, its notes, and what ended it early. */
    private record Whole(List<SocketEntry> sockets, ReadNotes notes, Optional<SourceException> failure) {
        static Whole read(Part part, Query query) {
            long inode = part.netns().orElseThrow().inode();
            ReadNotes notes = new ReadNotes();
            List<SocketEntry> sockets = new ArrayList<>();
            try (Stream<SocketEntry> read = part.plan().sockets(query, notes)) {
                read.forEach(s -> sockets.add(s.inNamespace(inode)));
                return new Whole(sockets, notes, Optional.empty());
            } catch (SourceException e) {
                return new Whole(sockets, notes, Optional.of(e));
            }
        }

        /**
         * Its sockets, its notes passed on; a failure is a note and the read goes on (a namespace not
         * read at all goes into {@code unread}, by reason), except for a namespace asked for by name
         * ({@code strict}) that gave nothing: that fails the read.
         */
        List<SocketEntry> emit(Part part, ReadNotes into, boolean strict, Map<String, List<String>> unread) {
            notes.notes().forEach(into::note);
            notes.debugNotes().forEach(into::debug);
            failure.ifPresent(e -> {
                Netns netns = part.netns().orElseThrow();
                String label = netns.label();
                if (!strict && sockets.isEmpty() && NetNamespaces.vanished(netns, ProcRoot.system())) {
                    into.debug("network namespace " + label + " vanished while it was read (" + e.getMessage() + ")");
                    return; // gone since it was found: normal, as a process that exits mid-scan
                }
                if (strict && sockets.isEmpty()) {
                    throw new SourceException("network namespace " + label + " cannot be read: " + e.getMessage(), e);
                }
                if (sockets.isEmpty()) {
                    unread.computeIfAbsent(e.getMessage(), k -> new ArrayList<>()).add(label);
                } else {
                    into.note("network namespace " + label + " read only in part (" + sockets.size() + " sockets): " + e.getMessage());
                }
            });
            return sockets;
        }
    }
}
