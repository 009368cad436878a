package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * top --rate against known traffic: in a fresh namespace, one process sends ~1 MB/s and another
 * ~100 KB/s to a third for 6 s; the rates portscope reads from tcp_info over a 3 s interval are
 * each process's sending rate within 15 %, by process, by remote port and by connection alike.
 */
@Live
class RateLiveTest {
    private static final int FAST = 1_000_000, SLOW = 100_000;

    @Test
    @SuppressWarnings("unchecked")
    void ratesAreTheSendersRates() throws IOException, InterruptedException {
        TestNetns.assumeUsable();
        Path script = Files.createTempFile("flows", ".py");
        try (var in = RateLiveTest.class.getResourceAsStream("/rate/flows.py"); TestNetns ns = TestNetns.create("pstrt")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Process receiver = ns.start("/usr/bin/python3", script.toString(), "receiver", "47101", "47102");
            Process fast = ns.start("/usr/bin/python3", script.toString(), "sender", "47101", Integer.toString(FAST), "7");
            Process slow = ns.start("/usr/bin/python3", script.toString(), "sender", "47102", Integer.toString(SLOW), "7");
            Thread.sleep(1000); // both flows running
            Cli byProcess = Cli.live("-N", ns.name(), "top", "--rate", "--interval", "1500ms", "--by", "process", "--json");
            Cli byPort = Cli.live("-N", ns.name(), "top", "--rate", "--interval", "1500ms", "--by", "remote-port", "--json");
            Cli byConnection = Cli.live("-N", ns.name(), "top", "--rate", "--interval", "1500ms", "--by", "connection", "--json");
            for (Cli c : List.of(byProcess, byPort, byConnection)) {
                assertEquals(0, c.code(), c.err());
            }
            Map<Long, Map<String, Object>> processes = new java.util.HashMap<>();
            for (Object o : (List<Object>) JsonValue.parse(byProcess.out())) {
                Map<String, Object> row = (Map<String, Object>) o;
                processes.put((Long) ((Map<String, Object>) row.get("process")).get("pid"), row);
            }
            within(FAST, processes.get(fast.pid()).get("outBytesPerSecond"), "the fast sender: " + byProcess.out());
            within(SLOW, processes.get(slow.pid()).get("outBytesPerSecond"), "the slow sender: " + byProcess.out());
            within(FAST + SLOW, processes.get(receiver.pid()).get("inBytesPerSecond"), "the receiver: " + byProcess.out());

            Map<Long, Map<String, Object>> ports = new java.util.HashMap<>();
            for (Object o : (List<Object>) JsonValue.parse(byPort.out())) {
                Map<String, Object> row = (Map<String, Object>) o;
                ports.put((Long) row.get("remotePort"), row);
            }
            within(FAST, ports.get(47101L).get("outBytesPerSecond"), "to port 47101: " + byPort.out());
            within(SLOW, ports.get(47102L).get("outBytesPerSecond"), "to port 47102: " + byPort.out());

            List<Map<String, Object>> connections = ((List<Object>) JsonValue.parse(byConnection.out())).stream()
                    .map(o -> (Map<String, Object>) o).toList();
            assertEquals(4, connections.size(), "two connections, both ends: " + byConnection.out());
            Map<String, Object> fastIn = connections.stream().filter(c -> ((String) c.get("connection")).startsWith("127.0.0.1:47101 "))
                    .findFirst().orElseThrow();
            within(FAST, fastIn.get("inBytesPerSecond"), "the fast flow's receiving end: " + byConnection.out());
            for (int i = 1; i < connections.size(); i++) {
                assertTrue(total(connections.get(i - 1)) >= total(connections.get(i)), "busiest first: " + byConnection.out());
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void ratesFromProcAreRefusedInWordsNotShownAsZero() {
        Cli snapshot = Cli.fixture("top", "--rate", "--interval", "100ms");
        assertEquals(1, snapshot.code(), snapshot.out());
        assertEquals("", snapshot.out());
        assertTrue(snapshot.err().startsWith("portscope: rates need the kernel's tcp_info"), snapshot.err());
        Cli udp = Cli.live("top", "--rate", "-u");
        assertEquals(2, udp.code());
        assertTrue(udp.err().contains("no byte counters for UDP"), udp.err());
    }

    private static long total(Map<String, Object> row) {
        return (Long) row.get("inBytesPerSecond") + (Long) row.get("outBytesPerSecond");
    }

    private static void within(int expected, Object measured, String what) {
        long value = (Long) measured;
        assertTrue(Math.abs(value - expected) <= expected * 0.15, what + ": " + value + " B/s, sent at " + expected);
    }
}
