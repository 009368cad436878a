package dev.portscope;

import dev.portscope.model.Netns;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;
import dev.portscope.source.SourceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One read over the namespaces a facade covers: a {@link Plan} per namespace (netlink entered
 * through its nsfs file, else its /proc/PID/net), the namespaces one after another, each socket
 * labelled with its namespace's inode. A facade of the reader's own namespace alone reads as
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
            notes.note("the network namespaces of " + hidden + " processes could not be seen (permission denied), so theirs may be missing"
                    + (root ? "" : "; run portscope as root (not root?) to read every namespace"));
        }
        return parts.stream().flatMap(part -> {
            Labelled labelled = new Labelled(part, query, notes, named);
            return StreamSupport.stream(labelled, false).onClose(labelled::close);
        });
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

    /** One namespace's sockets, labelled; its failure becomes a note rather than the end of the whole read. */
    private static final class Labelled extends Spliterators.AbstractSpliterator<SocketEntry> {
        private final Part part;
        private final Query query;
        private final ReadNotes notes;
        private Stream<SocketEntry> open;
        private Spliterator<SocketEntry> sockets;
        private final boolean strict;
        private long read;
        private boolean done;

        Labelled(Part part, Query query, ReadNotes notes, boolean strict) {
            super(Long.MAX_VALUE, Spliterator.NONNULL | Spliterator.IMMUTABLE);
            this.part = part;
            this.query = query;
            this.notes = notes;
            this.strict = strict;
        }

        @Override
        public boolean tryAdvance(Consumer<? super SocketEntry> action) {
            if (done) {
                return false;
            }
            long inode = part.netns().orElseThrow().inode();
            try {
                if (sockets == null) {
                    open = part.plan().sockets(query, notes);
                    sockets = open.spliterator();
                }
                if (sockets.tryAdvance(s -> action.accept(s.inNamespace(inode)))) {
                    read++;
                    return true;
                }
            } catch (SourceException e) {
                if (strict && read == 0) {
                    close();
                    throw new SourceException("network namespace " + part.netns().orElseThrow().label() + " cannot be read: "
                            + e.getMessage(), e);
                }
                notes.note("network namespace " + part.netns().orElseThrow().label() + (read == 0 ? " not read: " : " read only in part ("
                        + read + " sockets): ") + e.getMessage());
            }
            close();
            return false;
        }

        void close() {
            done = true;
            if (open != null) {
                open.close();
                open = null;
            }
        }
    }
}
