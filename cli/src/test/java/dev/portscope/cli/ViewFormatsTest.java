package dev.portscope.cli;

import dev.portscope.testing.Fixtures;
import dev.portscope.testing.SocketRow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * who, pairs, port and top in every format, on the captured socket mix: their rows against ss's
 * output of the same moment, and each format (JSON, JSON lines, CSV, columns, -H, --sort)
 * saying the same thing as the others.
 */
class ViewFormatsTest {
    private static final int PORT = 46211; // a listener with two clients, a half-open one and the clients' ports

    private static List<SocketRow> ss() throws IOException {
        return SocketRow.fromSs(Files.readString(Fixtures.path("mix/ss-tuanH.txt")));
    }

    private static Cli ok(String... args) {
        Cli run = Cli.fixture(args);
        assertEquals(0, run.code(), String.join(" ", args) + ": " + run.err());
        return run;
    }

    private static String[] with(String[] args, String... more) {
        return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void whoListsTheSocketsSsShowsOnThePort() throws IOException {
        List<String> expected = ss().stream().filter(r -> r.localPort() == PORT || r.remotePort() == PORT)
                .map(r -> r.protocol() + " " + r.localHost() + ":" + r.localPort() + " " + r.remoteHost() + ":" + r.remotePort())
                .sorted().toList();
        Cli who = ok("who", Integer.toString(PORT), "--csv", "-H", "--columns", "proto,laddr,lport,raddr,rport");
        List<String> actual = who.out().lines().map(l -> l.split(",")).map(f -> f[0] + " " + f[1] + ":" + f[2] + " " + f[3] + ":" + f[4])
                .sorted().toList();
        assertEquals(expected, actual);
    }

    @Test
    void pairsAreTheConnectionsWhoseTwoEndsSsShows() throws IOException {
        List<SocketRow> rows = ss();
        Set<Integer> listening = Set.copyOf(rows.stream().filter(r -> r.state().equals("LISTEN")).map(SocketRow::localPort).toList());
        List<String> expected = new ArrayList<>();
        for (SocketRow r : rows) {
            boolean connected = !Set.of("LISTEN", "UNCONN", "TIME-WAIT", "SYN-SENT").contains(r.state());
            boolean peerHere = rows.stream().anyMatch(p -> p != r && p.localPort() == r.remotePort() && p.remotePort() == r.localPort()
                    && unmapped(p.localHost()).equals(unmapped(r.remoteHost())));
            if (connected && peerHere && listening.contains(r.remotePort())) {
                expected.add(r.protocol() + " " + r.localPort() + " " + r.remotePort());
            }
        }
        Cli pairs = ok("pairs", "-n", "--csv", "-H", "--columns", "proto,client-port,server-port");
        assertEquals(expected.stream().sorted().toList(), pairs.out().lines().map(l -> l.replace(',', ' ')).sorted().toList());
        assertFalse(expected.isEmpty());
    }

    private static String unmapped(String host) {
        return host.startsWith("::ffff:") ? host.substring(7) : host;
    }

    @Test
    void portCountsTheSocketsSsShowsUsingIt() throws IOException {
        long tcp = ss().stream().filter(r -> r.protocol().equals("tcp") && (r.localPort() == PORT || r.remotePort() == PORT)).count();
        Cli port = ok("port", PORT + "/tcp", "--csv", "-H", "--columns", "port,protocol,inuse");
        List<String> lines = port.out().lines().toList();
        assertTrue(lines.contains(PORT + ",tcp," + tcp) || lines.equals(List.of(PORT + ",," + tcp)), port.out());
    }

    @Test
    void jsonLinesAreTheElementsOfTheJsonArray() {
        for (String[] view : List.<String[]>of(new String[] {"who", Integer.toString(PORT)}, new String[] {"pairs", "-n"},
                new String[] {"port", "--search", "mdns"}, new String[] {"top", "-a", "--by", "state"}, new String[] {"-tuan"})) {
            Object array = JsonValue.parse(ok(with(view, "--json")).out());
            List<Object> lines = ok(with(view, "--jsonl")).out().lines().map(JsonValue::parse).toList();
            assertEquals(array, lines, String.join(" ", view));
            assertFalse(lines.isEmpty(), String.join(" ", view));
            lines.forEach(l -> assertTrue(l instanceof Map, String.join(" ", view) + ": " + l));
        }
    }

    @Test
    void aPortsJsonLinesAreItsObjects() {
        List<?> array = (List<?>) JsonValue.parse(ok("port", Integer.toString(PORT), "-p", "--json").out());
        assertEquals(1, array.size());
        Map<?, ?> json = (Map<?, ?>) array.getFirst();
        assertEquals(List.of(json), ok("port", Integer.toString(PORT), "-p", "--jsonl").out().lines().map(JsonValue::parse).toList());
        assertEquals((long) PORT, json.get("port"));
        assertEquals(JsonValue.parse(ok("who", Integer.toString(PORT), "--json").out()), json.get("inUse"));
    }

    @Test
    void csvHasAHeaderUnlessDashH() {
        for (String[] view : List.<String[]>of(new String[] {"who", Integer.toString(PORT)}, new String[] {"pairs"},
                new String[] {"port", "5353"}, new String[] {"port", "--search", "mdns"}, new String[] {"top", "-a"})) {
            List<String> withHeader = ok(with(view, "--csv")).out().lines().toList();
            List<String> without = ok(with(view, "--csv", "-H")).out().lines().toList();
            assertEquals(withHeader.subList(1, withHeader.size()), without, String.join(" ", view));
            assertFalse(without.isEmpty(), String.join(" ", view));
            assertTrue(withHeader.getFirst().matches("[a-zA-Z.]+(,[a-zA-Z.]+)+"), withHeader.getFirst()); // JSON field paths
        }
    }

    @Test
    void sortOrdersEveryViewNumbersAsNumbers() {
        assertDescending(ok("who", Integer.toString(PORT), "--csv", "-H", "--columns", "lport", "--sort", "-lport"));
        assertDescending(ok("pairs", "--csv", "-H", "--columns", "server-port", "--sort", "-server-port"));
        assertDescending(ok("port", "5350-5360", "--csv", "-H", "--columns", "port", "--sort", "-port"));
        assertDescending(ok("top", "-a", "--by", "local-port", "--limit", "0", "--csv", "-H", "--columns", "key", "--sort", "-key"));
    }

    private static void assertDescending(Cli run) {
        List<Long> values = run.out().lines().map(Long::parseLong).toList();
        assertTrue(values.size() > 1, run.out());
        assertEquals(values.stream().sorted(java.util.Comparator.reverseOrder()).toList(), values, run.out());
    }

    @Test
    void unknownColumnsAreUsageErrorsInEveryView() {
        for (String[] view : List.<String[]>of(new String[] {"who", "22"}, new String[] {"pairs"}, new String[] {"port", "22"},
                new String[] {"top"})) {
            Cli run = Cli.fixture(with(view, "--columns", "nosuch"));
            assertEquals(2, run.code(), String.join(" ", view));
            assertEquals("", run.out());
            assertTrue(run.err().contains("no column 'nosuch'"), run.err());
            Cli help = ok(with(view, "--columns", "help"));
            assertTrue(help.out().lines().anyMatch(l -> l.endsWith("(default)")), help.out());
        }
    }
}
