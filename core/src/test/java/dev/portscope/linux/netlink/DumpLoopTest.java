package dev.portscope.linux.netlink;

import dev.portscope.filter.Filter;
import dev.portscope.linux.proc.RecentKeys;
import dev.portscope.model.BoundInterface;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;
import dev.portscope.source.SourceException;
import dev.portscope.source.TableUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.portscope.linux.netlink.FakeChannel.chunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The netlink dump loop over a scripted channel: multi-part dumps, errors, the EINVAL retry. */
class DumpLoopTest {
    private static final Query TCP4 = new Query(EnumSet.of(Protocol.TCP), EnumSet.of(Family.IPV4), Query.ALL_STATES);

    private static List<Integer> ports(NetlinkSource source, Query query, ReadNotes notes) {
        try (Stream<SocketEntry> s = source.sockets(query, notes)) {
            return s.map(e -> e.local().port()).toList();
        }
    }

    @Test
    void aDumpInSeveralChunksEndsAtDone() {
        FakeChannel channel = FakeChannel.replaying(chunk().socket(80, 1).socket(81, 2).bytes(), chunk().socket(82, 3).done(0).bytes());
        assertEquals(List.of(80, 81, 82), ports(FakeChannel.source(List.of(channel)), TCP4, new ReadNotes()));
        assertEquals(1, channel.sent.size());
        assertTrue(channel.closed, "the channel is closed with the stream");
    }

    @Test
    void anErrorBeforeAnySocketMakesTheTableUnavailable() {
        for (byte[] answer : List.of(chunk().error(FakeChannel.ENOENT).bytes(), chunk().done(FakeChannel.ENOENT).bytes())) {
            NetlinkSource source = FakeChannel.source(List.of(FakeChannel.replaying(answer)));
            var e = assertThrows(TableUnavailableException.class, () -> ports(source, TCP4, new ReadNotes()));
            assertEquals(new Query.Table(Protocol.TCP, Family.IPV4), e.table());
            assertTrue(e.getMessage().contains("ENOENT"), e.getMessage());
        }
    }

    @Test
    void anErrorAfterSomeSocketsIsAFailureNotAMissingTable() {
        NetlinkSource source = FakeChannel.source(List.of(FakeChannel.replaying(chunk().socket(80, 1).bytes(),
                chunk().error(FakeChannel.EBUSY).bytes())));
        var e = assertThrows(SourceException.class, () -> ports(source, TCP4, new ReadNotes()));
        assertFalse(e instanceof TableUnavailableException, e.toString());
        assertTrue(e.getMessage().contains("midway"), e.getMessage());
    }

    @Test
    void aKernelRefusingTheFilterProgramIsAskedAgainWithoutAndJavaFilters() {
        FakeChannel channel = FakeChannel.replaying(chunk().error(FakeChannel.EINVAL).bytes(),
                chunk().socket(8080, 1).socket(9090, 2).done(0).bytes());
        Query query = TCP4.withFilter(new Filter.PortCompare(Filter.End.LOCAL, Filter.Comparison.EQ, 8080));
        ReadNotes notes = new ReadNotes();
        assertEquals(List.of(8080), ports(FakeChannel.source(List.of(channel)), query, notes));
        assertEquals(2, channel.sent.size());
        assertTrue(channel.sent.get(0).length > InetDiag.NLMSGHDR + InetDiag.INET_DIAG_REQ_V2, "first request carries the program");
        assertEquals(InetDiag.NLMSGHDR + InetDiag.INET_DIAG_REQ_V2, channel.sent.get(1).length, "the retry carries none");
        assertEquals(List.of("the kernel refused the filter program; filtering tcp in portscope"), notes.debugNotes());
        assertEquals(List.of(), notes.notes());
    }

    @Test
    void everyTableIsOneDumpRequest() {
        FakeChannel channel = FakeChannel.replaying(chunk().socket(80, 1).done(0).bytes(), chunk().socket(81, 2).done(0).bytes());
        Query both = new Query(EnumSet.of(Protocol.TCP, Protocol.UDP), EnumSet.of(Family.IPV4), Query.ALL_STATES);
        assertEquals(List.of(80, 81), ports(FakeChannel.source(List.of(channel)), both, new ReadNotes()));
        assertEquals(List.of(InetDiag.IPPROTO_TCP, InetDiag.IPPROTO_UDP), channel.sent.stream().map(r -> (int) r[17]).toList());
    }

    @Test
    void tcpOfBothFamiliesIsOneWalkWithItsIpv6SocketsAfterItsIpv4Ones() {
        Query tcp = new Query(EnumSet.of(Protocol.TCP), EnumSet.allOf(Family.class), Query.ALL_STATES);
        FakeChannel channel = FakeChannel.replaying(chunk().socket6(22, 1).socket(80, 2).bytes(), chunk().socket6(23, 3).socket(81, 4).done(0).bytes());
        assertEquals(List.of(80, 81, 22, 23), ports(FakeChannel.source(List.of(channel)), tcp, new ReadNotes()));
        assertEquals(1, channel.sent.size());
        byte[] request = channel.sent.getFirst();
        assertEquals(InetDiag.TCPDIAG_GETSOCK, request[4]);
        assertEquals(InetDiag.NLMSGHDR + InetDiag.INET_DIAG_REQ, request.length);
    }

    @Test
    void aKernelRefusingTheDumpOfBothFamiliesIsAskedPerFamily() {
        Query tcp = new Query(EnumSet.of(Protocol.TCP), EnumSet.allOf(Family.class), Query.ALL_STATES);
        FakeChannel channel = FakeChannel.replaying(chunk().error(95).bytes(), chunk().socket(80, 2).done(0).bytes(),
                chunk().socket6(22, 1).done(0).bytes());
        ReadNotes notes = new ReadNotes();
        assertEquals(List.of(80, 22), ports(FakeChannel.source(List.of(channel)), tcp, notes));
        assertEquals(List.of(InetDiag.TCPDIAG_GETSOCK, InetDiag.SOCK_DIAG_BY_FAMILY, InetDiag.SOCK_DIAG_BY_FAMILY),
                channel.sent.stream().map(r -> (int) r[4]).toList());
        assertEquals(List.of(InetDiag.AF_INET, InetDiag.AF_INET6), channel.sent.stream().skip(1).map(r -> (int) r[16]).toList());
        assertEquals(1, notes.debugNotes().size(), notes.debugNotes().toString());
        assertEquals(List.of(), notes.notes());
    }

    @Test
    void aSocketTheDumpReturnsTwiceIsListedOnce() {
        FakeChannel channel = FakeChannel.replaying(chunk().socket(80, 1, 11).socket(81, 2, 12).bytes(),
                chunk().socket(81, 2, 12).socket(82, 3, 13).done(0).bytes());
        ReadNotes notes = new ReadNotes();
        assertEquals(List.of(80, 81, 82), ports(FakeChannel.source(List.of(channel)), TCP4, notes));
        assertEquals(List.of("dropped 1 socket the kernel's tcp dump returned twice (sockets moved while it ran)"), notes.debugNotes());
    }

    @Test
    void repeatsAreLookedForInTheChunkBeforeOnly() {
        FakeChannel channel = FakeChannel.replaying(chunk().socket(80, 1, 11).bytes(), chunk().socket(81, 2, 12).bytes(),
                chunk().socket(80, 1, 11).socket(82, 3, 13).done(0).bytes());
        ReadNotes notes = new ReadNotes();
        assertEquals(List.of(80, 81, 80, 82), ports(FakeChannel.source(List.of(channel)), TCP4, notes),
                "a dump repeats only at a chunk's boundary: two chunks back is another socket's cookie in practice");
        FakeChannel next = FakeChannel.replaying(chunk().socket(80, 1, 11).bytes(), chunk().socket(80, 1, 11).socket(82, 3, 13).done(0).bytes());
        assertEquals(List.of(80, 82), ports(FakeChannel.source(List.of(next)), TCP4, new ReadNotes()));
    }

    @Test
    void anInterruptedDumpIsSaid() {
        FakeChannel channel = FakeChannel.replaying(chunk().socket(80, 1, 11).interrupted().done(0).bytes());
        ReadNotes notes = new ReadNotes();
        assertEquals(List.of(80), ports(FakeChannel.source(List.of(channel)), TCP4, notes));
        assertEquals(1, notes.notes().size(), notes.notes().toString());
        assertTrue(notes.notes().getFirst().contains("NLM_F_DUMP_INTR"), notes.notes().toString());
    }

    @Test
    void recentKeysKnowEveryKeyOfTwoGenerationsThroughTheirGrowth() {
        RecentKeys keys = new RecentKeys(16);
        for (long c = 1; c <= 100_000; c++) {
            assertTrue(keys.firstTime(c * 7919), "first " + c);
        }
        for (long c = 1; c <= 100_000; c += 997) {
            assertFalse(keys.firstTime(c * 7919), "again " + c);
        }
        assertTrue(keys.firstTime(0) && keys.firstTime(0), "no key is never a repeat");
        keys.nextGeneration();
        assertFalse(keys.firstTime(7919), "the generation before is remembered");
        keys.nextGeneration();
        keys.nextGeneration();
        assertTrue(keys.firstTime(7919), "two generations back is forgotten");
        keys.clear();
        assertTrue(keys.firstTime(7919 * 2));
    }

    @Test
    void aSocketBoundToAnInterfaceIsNamedAsItsNamespaceNamesItFromOneLinkDump() {
        FakeChannel dump = FakeChannel.replaying(chunk().socket(53, 1).boundTo(1).socket(54, 2).socket(55, 3).boundTo(1).done(0).bytes());
        FakeChannel links = FakeChannel.replaying(FamilyDiagTest.links()); // one answer: a second link dump would fail
        List<SocketEntry> sockets = read(FakeChannel.source(dump, links), new ReadNotes());
        assertEquals(Optional.of(new BoundInterface(1, Optional.of("lo"))), sockets.get(0).extras().boundInterface());
        assertEquals(Optional.empty(), sockets.get(1).extras().boundInterface(), "idiag_if 0: bound to no interface");
        assertEquals("lo", sockets.get(2).extras().boundInterface().orElseThrow().label());
        assertEquals(1, links.sent.size(), "the link table is read once a read");
    }

    @Test
    void anInterfaceTheLinkTableDoesNotNameKeepsItsIndexAsSsWritesIt() {
        FakeChannel dump = FakeChannel.replaying(chunk().socket(53, 1).boundTo(7).done(0).bytes());
        assertEquals("if7", read(FakeChannel.source(dump, FakeChannel.replaying(FamilyDiagTest.links())), new ReadNotes())
                .getFirst().extras().boundInterface().orElseThrow().label());
        ReadNotes notes = new ReadNotes();
        FakeChannel refused = FakeChannel.replaying(chunk().socket(53, 1).boundTo(1).done(0).bytes());
        List<SocketEntry> sockets = read(FakeChannel.source(refused, FakeChannel.replaying(chunk().error(FakeChannel.EBUSY).bytes())), notes);
        assertEquals("if1", sockets.getFirst().extras().boundInterface().orElseThrow().label(), "a failed link dump leaves it unnamed, not the listing failed");
        assertTrue(notes.debugNotes().stream().anyMatch(n -> n.startsWith("interfaces not named")), notes.debugNotes().toString());
    }

    private static List<SocketEntry> read(NetlinkSource source, ReadNotes notes) {
        try (Stream<SocketEntry> s = source.sockets(TCP4, notes)) {
            return s.toList();
        }
    }
}
