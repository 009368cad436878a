package dev.portscope;

import dev.portscope.linux.netlink.FakeChannel;
import dev.portscope.linux.proc.ProcNetSource;
import dev.portscope.linux.proc.ProcRoot;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;
import dev.portscope.source.SocketSource;
import dev.portscope.source.SourceUnavailableException;
import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.portscope.linux.netlink.FakeChannel.chunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where each table comes from, decided in one place: netlink, a table from /proc, or all of /proc. */
class PlanTest {
    private static final SocketSource MIX = new ProcNetSource(ProcRoot.at(Fixtures.path("mix")));
    private static final Query IPV4 = new Query(EnumSet.of(Protocol.TCP, Protocol.UDP), EnumSet.of(Family.IPV4), Query.ALL_STATES);

    private static List<SocketEntry> read(Plan plan, Query query, ReadNotes notes) {
        try (Stream<SocketEntry> s = plan.sockets(query, notes)) {
            return s.toList();
        }
    }

    private static List<SocketEntry> mix(Query query) {
        try (Stream<SocketEntry> s = MIX.sockets(query, new ReadNotes())) {
            return s.toList();
        }
    }

    @Test
    void aTableNetlinkCannotDumpIsReadFromProcAndSaidInTheDebugNotes() {
        Plan plan = new Plan(Optional.of(FakeChannel.source(List.of(
                FakeChannel.replaying(chunk().socket(80, 1).socket(81, 2).done(0).bytes(), chunk().error(2).bytes())))), MIX, false);
        ReadNotes notes = new ReadNotes();
        List<SocketEntry> found = read(plan, IPV4, notes);
        List<SocketEntry> udp = mix(IPV4.withProtocols(EnumSet.of(Protocol.UDP)));
        assertTrue(!udp.isEmpty());
        List<Object> expected = new ArrayList<>(List.of(80, 81));
        udp.forEach(s -> expected.add(s.local().port()));
        assertEquals(expected, found.stream().map(s -> (Object) s.local().port()).toList());
        assertEquals(udp, found.subList(2, found.size()));
        assertEquals(1, notes.debugNotes().size(), notes.debugNotes().toString());
        assertTrue(notes.debugNotes().getFirst().startsWith("netlink has no udp sockets (ENOENT"), notes.debugNotes().toString());
        assertTrue(notes.debugNotes().getFirst().endsWith("; read /proc/net/udp"), notes.debugNotes().toString());
        assertEquals("netlink", plan.answeredBy());
        assertEquals(Optional.empty(), plan.fallbackReason());
    }

    @Test
    void netlinkGoesOnWithTheTablesAfterOneItCannotDump() {
        FakeChannel first = FakeChannel.replaying(chunk().error(2).bytes());
        FakeChannel rest = FakeChannel.replaying(chunk().socket(53, 7).done(0).bytes());
        Plan plan = new Plan(Optional.of(FakeChannel.source(List.of(first, rest))), MIX, false);
        List<SocketEntry> found = read(plan, IPV4, new ReadNotes());
        List<SocketEntry> tcp = mix(IPV4.withProtocols(EnumSet.of(Protocol.TCP)));
        assertEquals(tcp, found.subList(0, tcp.size()), "tcp from /proc");
        assertEquals(List.of(53), found.subList(tcp.size(), found.size()).stream().map(s -> s.local().port()).toList(), "udp from netlink");
        assertEquals(1, rest.sent.size());
        assertEquals(17, rest.sent.getFirst()[17], "the second channel asks for udp only");
    }

    @Test
    void autoReadsEverythingFromProcWhenNetlinkIsOutAndSaysWhy() {
        Plan plan = new Plan(Optional.of(FakeChannel.unavailable("no netlink in this test")), MIX, true);
        ReadNotes notes = new ReadNotes();
        assertEquals(mix(Query.all()), read(plan, Query.all(), notes));
        assertEquals("procfs", plan.answeredBy());
        assertEquals(Optional.of("no netlink in this test"), plan.fallbackReason());
    }

    @Test
    void netlinkChosenFailsWhenNetlinkIsOut() {
        Plan plan = new Plan(Optional.of(FakeChannel.unavailable("no netlink in this test")), MIX, false);
        var e = assertThrows(SourceUnavailableException.class, () -> read(plan, Query.all(), new ReadNotes()));
        assertEquals("no netlink in this test", e.getMessage());
    }

    @Test
    void withoutNetlinkTheTablesAreReadAsOne() {
        Plan plan = new Plan(Optional.empty(), MIX, true);
        assertEquals(mix(Query.all()), read(plan, Query.all(), new ReadNotes()));
        assertEquals("procfs", plan.answeredBy());
    }
}
