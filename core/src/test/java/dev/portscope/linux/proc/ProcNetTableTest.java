package dev.portscope.linux.proc;

import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import dev.portscope.testing.Fixtures;
import dev.portscope.testing.SocketRow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcNetTableTest {

    @Test
    void capturedTablesSayWhatSsSaidAtTheSameMoment() throws IOException {
        List<SocketRow> parsed = new ArrayList<>();
        for (Protocol protocol : List.of(Protocol.TCP, Protocol.UDP)) { // what ss -tuanH listed
            for (Family family : Family.values()) {
                String table = protocol.label() + (family == Family.IPV6 ? "6" : "");
                ProcNetTable.Parsed p = ProcNetTable.parse(Files.readAllLines(Fixtures.path("mix/net/" + table)), protocol, family);
                assertEquals(0, p.malformed(), table);
                p.entries().forEach(e -> parsed.add(SocketRow.of(e)));
            }
        }
        List<SocketRow> ss = SocketRow.fromSs(Fixtures.read("mix/ss-tuanH.txt"));
        assertEquals(22, ss.size(), "the fixture's socket mix");
        assertEquals(SocketRow.withoutListenBacklog(ss), SocketRow.withoutListenBacklog(parsed));
    }

    @Test
    void ipv4RowDecodesLittleEndianWordsAndHexPortsAndQueues() {
        String row = "   3: 0100007F:A001 0100007F:0050 01 0000001A:00000064 00:00000000 00000000  1000        0 42424 1 0000000000000000 20 4 30 10 -1";
        SocketEntry e = ProcNetTable.parseLine(row, Protocol.TCP, Family.IPV4).orElseThrow();
        assertEquals("127.0.0.1", e.local().hostString());
        assertEquals(0xA001, e.local().port());
        assertEquals(80, e.remote().port());
        assertEquals(TcpState.ESTABLISHED, e.state());
        assertEquals(0x64, e.recvQ());
        assertEquals(0x1A, e.sendQ());
        assertEquals(1000, e.uid());
        assertEquals(42424, e.inode());
    }

    @Test
    void ipv6RowKeepsWordOrderAndMappedAddresses() {
        String loopback = "   0: 00000000000000000000000001000000:AA47 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 6662 1 0000000000000000 100 0 0 10 0";
        SocketEntry e = ProcNetTable.parseLine(loopback, Protocol.TCP, Family.IPV6).orElseThrow();
        assertEquals("::1", e.local().hostString());
        assertEquals("::", e.remote().hostString());
        assertEquals(TcpState.LISTEN, e.state());

        String mapped = "   1: 0000000000000000FFFF00000100007F:0050 0000000000000000FFFF00000100007F:C000 01 00000000:00000000 00:00000000 00000000     0        0 7 1 0000000000000000 20 4 30 10 -1";
        SocketEntry m = ProcNetTable.parseLine(mapped, Protocol.TCP, Family.IPV6).orElseThrow();
        assertTrue(m.local().isIpv4Mapped());
        assertEquals("::ffff:127.0.0.1", m.local().hostString());
        assertEquals(Family.IPV6, m.local().family());
    }

    @Test
    void malformedLinesAreCountedNotFatal() {
        List<String> lines = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0",
                "garbage",
                "   1: 0100007F:0050 00000000:0000 0A",                        // cut short
                "   2: 0100007F:ZZZZ 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
                "   3: 0100007F:0050 00000000:0000 FF 00000000:00000000 00:00000000 00000000     0        0 1 1", // no such state
                "   4: 00000000000000000000000001000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1");
        ProcNetTable.Parsed p = ProcNetTable.parse(lines, Protocol.TCP, Family.IPV4);
        assertEquals(1, p.entries().size());
        assertEquals(5, p.malformed());
    }

    @Test
    void recognisesTheHeader() {
        assertTrue(ProcNetTable.isHeader("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"));
        assertFalse(ProcNetTable.isHeader("hello"));
        assertFalse(ProcNetTable.isHeader(""));
    }

    @Test
    void signedOrOversizedNumbersMakeARowMalformed() {
        String good = "   3: 0100007F:A001 0100007F:0050 01 0000001A:00000064 00:00000000 00000000  1000        0 42424 1 0000000000000000 20 4 30 10 -1";
        assertTrue(ProcNetTable.parseLine(good, Protocol.TCP, Family.IPV4).isPresent());
        for (String bad : List.of(good.replace("0000001A:", "-000001A:"), good.replace(":A001", ":+016"), good.replace(" 42424 ", " -5 "),
                good.replace("  1000 ", " +1000 "), good.replace(" 01 ", " -1 "), good.replace("0100007F:A001", "+100007F:A001"),
                good.replace(" 42424 ", " 123456789012345678901 "), good.replace("  1000 ", " 9999999999 "))) {
            assertTrue(ProcNetTable.parseLine(bad, Protocol.TCP, Family.IPV4).isEmpty(), bad);
        }
    }
}
