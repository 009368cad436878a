package dev.portscope.linux.proc;

import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;
import dev.portscope.source.SnapshotFormatException;
import dev.portscope.source.SocketSource;
import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcNetSourceTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    private static List<SocketEntry> read(SocketSource source, Query query) {
        return read(source, query, new ReadNotes());
    }

    private static List<SocketEntry> read(SocketSource source, Query query, ReadNotes notes) {
        try (Stream<SocketEntry> s = source.sockets(query, notes)) {
            return s.toList();
        }
    }

    @Test
    void aSnapshotDirectoryReadsLikeProc() {
        SocketSource source = new ProcNetSource(ProcRoot.at(Fixtures.path("mix")));
        assertEquals(22, read(source, Query.all()).size());
        List<SocketEntry> listening = read(source, Query.all().withStates(Query.LISTENING));
        assertTrue(listening.stream().allMatch(SocketEntry::isListening));
        assertEquals(7, listening.size());
        ReadNotes notes = new ReadNotes();
        List<SocketEntry> tcp6 = read(source, Query.all().withProtocols(EnumSet.of(Protocol.TCP)).withFamilies(EnumSet.of(Family.IPV6)), notes);
        assertTrue(tcp6.stream().allMatch(e -> e.protocol() == Protocol.TCP && e.family() == Family.IPV6));
        assertEquals(5, tcp6.size());
        assertTrue(notes.notes().isEmpty());
    }

    @Test
    void missingRootIsABadSnapshot() {
        var e = assertThrows(SnapshotFormatException.class,
                () -> new ProcNetSource(ProcRoot.at(Path.of("/nonexistent/proc"))).sockets(Query.all(), new ReadNotes()));
        assertTrue(e.getMessage().contains("/nonexistent/proc"), e.getMessage());
    }

    @Test
    void aDirectoryWithoutTablesIsABadSnapshot(@TempDir Path dir) {
        assertThrows(SnapshotFormatException.class, () -> new ProcNetSource(ProcRoot.at(dir)).sockets(Query.all(), new ReadNotes()));
    }

    @Test
    void aTableWithoutItsHeaderFailsBeforeAnythingIsReturned(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("net"));
        Files.writeString(dir.resolve("net/tcp"), HEADER);
        Files.write(dir.resolve("net/udp"), new byte[] {(byte) 0xff, 0, 1, 2, '\n'});
        var e = assertThrows(SnapshotFormatException.class, () -> new ProcNetSource(ProcRoot.at(dir)).sockets(Query.all(), new ReadNotes()));
        assertTrue(e.getMessage().contains("net/udp"), e.getMessage());
    }

    @Test
    void malformedRowsBecomeANoteAndTheRestIsRead(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("net"));
        Files.writeString(dir.resolve("net/tcp"), HEADER
                + "   0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n"
                + "   1: not a row\n");
        SocketSource source = new ProcNetSource(ProcRoot.at(dir));
        ReadNotes notes = new ReadNotes();
        List<SocketEntry> entries = read(source, Query.all(), notes);
        assertEquals(1, entries.size());
        assertEquals(TcpState.LISTEN, entries.getFirst().state());
        assertEquals(List.of("skipped 1 malformed line in " + dir.resolve("net/tcp")), notes.notes());
    }

    @Test
    void aSocketTheKernelWritesTwiceIsReadOnce(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("net"));
        String listener = "   0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n";
        String other = "   1: 0100007F:0051 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0\n";
        String timeWait = "   2: 0100007F:9C40 0100007F:0050 06 00000000:00000000 03:00001234 00000000     0        0 0 0 0000000000000000\n";
        Files.writeString(dir.resolve("net/tcp"), HEADER + listener + other + timeWait + listener.replace("   0:", "   3:") + timeWait);
        List<SocketEntry> entries = read(new ProcNetSource(ProcRoot.at(dir)), Query.all());
        assertEquals(List.of(1L, 2L, 0L), entries.stream().map(SocketEntry::inode).toList());
    }
}
