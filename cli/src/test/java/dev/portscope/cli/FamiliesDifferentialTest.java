package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Packet and netlink sockets against ss in a fresh namespace holding {@code unix/linkmix.py}: a
 * promiscuous sniffer on lo, a cooked IPv4 socket, an ARP socket; rtnetlink bound to a group,
 * generic netlink.
 */
@Live
class FamiliesDifferentialTest {
    private static NamespaceMix mix;
    private static TestNetns ns;

    @BeforeAll
    static void startMix() throws IOException, InterruptedException {
        mix = NamespaceMix.start("pstlk", "/unix/linkmix.py");
        ns = mix.ns;
    }

    @AfterAll
    static void stopMix() throws IOException, InterruptedException {
        if (mix != null) {
            mix.close();
        }
    }

    private static String ss(String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "ss"));
        line.addAll(List.of(args));
        NonRootOwnersTest.Result r = NonRootOwnersTest.run(line);
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    /** Rows as whitespace-separated fields, the Netns column (after Peer) dropped. */
    private static List<List<String>> rows(String table, int netnsColumn) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            List<String> f = new ArrayList<>(Arrays.asList(line.trim().split("\\s+")));
            if (netnsColumn >= 0 && f.size() > netnsColumn) {
                f.remove(netnsColumn);
            }
            rows.add(f);
        }
        return rows;
    }

    @Test
    void packetSocketsEqualSs() throws IOException, InterruptedException {
        for (List<String> flags : List.of(List.of("-0a"), List.of("-0an"), List.of("-0ap"))) {
            List<String> args = new ArrayList<>(List.of("-N", ns.name(), "-H"));
            args.addAll(flags);
            Cli ours = Cli.live(args.toArray(String[]::new));
            assertEquals(0, ours.code(), ours.err());
            List<String> ssRows = rows(ss(flags.getFirst() + "H"), -1).stream().map(r -> String.join(" ", r)).sorted().toList();
            assertEquals(3, ssRows.size(), ssRows.toString());
            // ss prints the kernel's order; portscope orders by inode (inodes come from per-CPU batches: not creation order)
            assertEquals(ssRows, rows(ours.out(), 6).stream().map(r -> String.join(" ", r)).sorted().toList(), String.join(" ", flags));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonFlagsTheSniffer() {
        Cli json = Cli.live("-N", ns.name(), "-0a", "--json");
        assertEquals(0, json.code(), json.err());
        List<Object> sockets = (List<Object>) JsonValue.parse(json.out());
        Map<String, Object> sniffer = sockets.stream().map(o -> (Map<String, Object>) o)
                .filter(m -> Boolean.TRUE.equals(m.get("allProtocols"))).findFirst().orElseThrow();
        assertEquals("lo", sniffer.get("interface"));
        assertEquals(Boolean.TRUE, sniffer.get("promiscuous"), json.out());
        assertTrue(sockets.stream().map(o -> (Map<String, Object>) o).filter(m -> !m.equals(sniffer))
                .allMatch(m -> Boolean.FALSE.equals(m.get("promiscuous"))), json.out());
    }

    /**
     * netlink_diag sends a socket bound to multicast groups twice (once from the hash table, once
     * from the group list: the dump's "skip hashed" test never holds for netlink sockets), and ss
     * prints both; portscope keeps one, so the rows are compared as sets. Each tool's own sock_diag
     * socket ({@code tcpdiag:ss/PID}, {@code tcpdiag:java/PID}) is its own and left out.
     */
    @Test
    void netlinkSocketsEqualSs() throws IOException, InterruptedException {
        for (String numeric : List.of("", "n")) {
            Cli ours = Cli.live("-N", ns.name(), "-H", "--netlink", "-a" + numeric);
            assertEquals(0, ours.code(), ours.err());
            TreeSet<String> expected = netlinkRows(rows(ss("-A", "netlink", "-aH" + numeric), -1), 0);
            TreeSet<String> actual = netlinkRows(rows(ours.out(), 6), 1);
            assertTrue(expected.stream().anyMatch(r -> r.contains(numeric.isEmpty() ? "genl:python3/" : "16:")), expected.toString());
            assertEquals(expected, actual, "-a" + numeric);
        }
    }

    /**
     * The /proc tables, read through /proc/PID/net of the mix's process: the same sockets, with what
     * the tables lack said on stderr (an interface index for its name; the sock_diag sockets, whose
     * queues move with whoever dumps, left out).
     */
    @Test
    void procTablesGiveTheSameSocketsAndSayWhatTheyLack() throws IOException, InterruptedException {
        Cli packet = Cli.live("-N", ns.name(), "--source", "procfs", "-H", "-0an");
        assertEquals(0, packet.code(), packet.err());
        String lo = ss("-0anH").contains("*:lo") ? "lo" : "1";
        List<String> ssPacket = rows(ss("-0anH"), -1).stream().map(r -> String.join(" ", r).replace(":" + lo + " ", ":if1 ")).sorted().toList();
        assertEquals(ssPacket, rows(packet.out(), 6).stream().map(r -> String.join(" ", r)).sorted().toList());
        assertTrue(packet.err().contains("packet sockets read from /proc/net/packet: it names no interfaces"), packet.err());
        Cli json = Cli.live("-N", ns.name(), "--source", "procfs", "-0a", "--json");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sockets = (List<Map<String, Object>>) (List<?>) JsonValue.parse(json.out());
        assertEquals(3, sockets.size(), json.out());
        assertTrue(sockets.stream().allMatch(m -> m.containsKey("promiscuous") && m.get("promiscuous") == null),
                "the sniffer is there, but the table does not say it is promiscuous: " + json.out());

        Cli netlink = Cli.live("-N", ns.name(), "--source", "procfs", "-H", "--netlink", "-an");
        assertEquals(0, netlink.code(), netlink.err());
        TreeSet<String> expected = netlinkRows(rows(ss("-A", "netlink", "-anH"), -1), 0);
        TreeSet<String> actual = netlinkRows(rows(netlink.out(), 6), 1);
        expected.removeIf(r -> r.contains(" 4:"));
        actual.removeIf(r -> r.contains(" 4:"));
        assertTrue(expected.stream().anyMatch(r -> r.contains(" 16:")), expected.toString());
        assertEquals(expected, actual);
        assertTrue(netlink.err().contains("netlink sockets read from /proc/net/netlink: it names no peers"), netlink.err());
    }

    private static TreeSet<String> netlinkRows(List<List<String>> rows, int from) {
        TreeSet<String> set = new TreeSet<>();
        for (List<String> r : rows) {
            List<String> fields = r.subList(from, r.size()); // ss 6.1 prints no Netid for netlink alone
            String local = fields.get(3);
            if ((local.startsWith("tcpdiag:") || local.startsWith("4:")) && !local.endsWith(":kernel") && !local.equals("4:0")) {
                continue;
            }
            set.add(String.join(" ", fields));
        }
        return set;
    }
}
