package dev.portscope;

import dev.portscope.model.Family;
import dev.portscope.model.Netns;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;
import dev.portscope.source.SocketSource;
import dev.portscope.source.SourceUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one note for namespaces not read: one per reason, however many namespaces it kept out; none for one that vanished. */
class NamespacedReadTest {
    @Test
    void oneNamespaceIsNamedAndManyAreCountedWithTheFirstFive() {
        assertEquals("network namespace blue not read: entering needs root", NamespacedRead.unreadNote("entering needs root", List.of("blue")));
        List<String> many = IntStream.rangeClosed(1, 7).mapToObj(i -> "ns" + i).toList();
        assertEquals("7 network namespaces not read: entering needs root (ns1, ns2, ns3, ns4, ns5 and 2 more)",
                NamespacedRead.unreadNote("entering needs root", many));
    }

    /**
     * Of every namespace, one whose read failed and that is gone since it was found (no nsfs file,
     * no process) is skipped without a note, as a process that exits mid-scan; one still there
     * whose read failed is said.
     */
    @Test
    void aNamespaceThatVanishedIsSkippedQuietlyAndOneStillThereIsSaid() throws java.io.IOException {
        String link = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/net")).toString(); // net:[INODE]
        long own = Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
        Netns gone = new Netns(own + 1, List.of("gone"), "/nonexistent/netns/gone", OptionalInt.empty(), false);
        Netns there = new Netns(own, List.of("there"), "/proc/self/ns/net", OptionalInt.empty(), false);
        SocketSource failing = new SocketSource() {
            @Override
            public String name() {
                return "procfs";
            }

            @Override
            public Stream<SocketEntry> sockets(Query query, ReadNotes notes) {
                throw new SourceUnavailableException("cannot be entered", null);
            }
        };
        NamespacedRead read = new NamespacedRead(List.of(gone, there), n -> new Plan(Optional.empty(), failing, true), 0, false);
        ReadNotes notes = new ReadNotes();
        try (Stream<SocketEntry> sockets = read.sockets(new Query(EnumSet.of(Protocol.TCP), EnumSet.allOf(Family.class), Query.ALL_STATES),
                notes)) {
            assertEquals(0, sockets.count());
        }
        assertEquals(List.of("network namespace there not read: cannot be entered"), notes.notes());
        assertTrue(notes.debugNotes().contains("network namespace gone vanished while it was read (cannot be entered)"), notes.debugNotes().toString());
    }
}
