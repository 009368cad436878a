package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * UNIX sockets against ss and netstat in a fresh namespace holding {@code unix/unixmix.py}: three
 * processes (one of them nobody), stream, datagram and seqpacket sockets, paths, abstract names
 * and unnamed ones, a listener with pending connections, socketpairs held by all three, queued bytes.
 */
@Live
class UnixDifferentialTest {
    private static NamespaceMix mix;
    private static TestNetns ns;
    private static Path dir; // the mix's directory, where its paths are

    @BeforeAll
    static void startMix() throws IOException, InterruptedException {
        mix = NamespaceMix.start("pstux", "/unix/unixmix.py");
        ns = mix.ns;
        dir = mix.dir;
    }

    @AfterAll
    static void stopMix() throws IOException, InterruptedException {
        if (mix != null) {
            mix.close();
        }
    }

    /** What ss and portscope's JSON both say of a socket: netid, state, queues, path (* unnamed), inode, peer inode. */
    record Row(String netid, String state, long recvQ, long sendQ, String path, long inode, long peer) implements Comparable<Row> {
        @Override
        public int compareTo(Row o) {
            return Long.compare(inode, o.inode);
        }

        Row withoutPeerAndQueues() {
            return new Row(netid, state, 0, 0, path, inode, 0);
        }
    }

    static List<Row> fromSs(String out) {
        List<Row> rows = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            rows.add(new Row(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), f[4], Long.parseLong(f[5]), Long.parseLong(f[7])));
        }
        rows.sort(null);
        return rows;
    }

    private static final Map<String, String> NETID = Map.of("stream", "u_str", "dgram", "u_dgr", "seqpacket", "u_seq");
    private static final Map<String, String> SS_STATE = Map.of("ESTABLISHED", "ESTAB", "LISTEN", "LISTEN", "CLOSE", "UNCONN");

    @SuppressWarnings("unchecked")
    static List<Row> fromJson(String out) {
        List<Row> rows = new ArrayList<>();
        for (Object o : (List<Object>) JsonValue.parse(out)) {
            Map<String, Object> m = (Map<String, Object>) o;
            assertEquals("unix", m.get("protocol"), m.toString());
            rows.add(new Row(NETID.get((String) m.get("type")), SS_STATE.get((String) m.get("state")), (Long) m.get("recvQ"),
                    (Long) m.get("sendQ"), m.get("path") == null ? "*" : (String) m.get("path"), (Long) m.get("inode"),
                    (Long) m.get("peerInode")));
        }
        rows.sort(null);
        return rows;
    }

    private static NonRootOwnersTest.Result inNamespace(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        line.addAll(List.of(command));
        return NonRootOwnersTest.run(line);
    }

    /** portscope run inside the namespace, as a user there would run it. */
    private static NonRootOwnersTest.Result portscopeInside(String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        line.addAll(List.of(args));
        return inNamespace(line.toArray(String[]::new));
    }

    @Test
    void listingEqualsSs() throws IOException, InterruptedException {
        List<Row> ss = fromSs(inNamespace("ss", "-xaH").out());
        assertEquals(20, ss.size(), "the namespace should hold exactly the mix:\n" + ss);
        Cli cli = Cli.live("-N", ns.name(), "-xa", "--json");
        assertEquals(0, cli.code(), cli.err());
        assertEquals(ss, fromJson(cli.out()));
        assertTrue(ss.stream().anyMatch(r -> r.state().equals("LISTEN") && r.recvQ() == 2), "a listener with two pending: " + ss);
        assertTrue(ss.stream().anyMatch(r -> r.path().equals("@pst-abstract")), "an abstract name: " + ss);
    }

    /** {@code -xam}: each socket's memory, as ss -xam's skmem (the mix is idle: the same numbers). */
    @Test
    @SuppressWarnings("unchecked")
    void memoryEqualsSs() throws IOException, InterruptedException {
        Pattern skmem = Pattern.compile("skmem:\\(r(\\d+),rb(\\d+),t(\\d+),tb(\\d+),f(\\d+),w(\\d+),o(\\d+),bl(\\d+),d(\\d+)\\)");
        List<String> ss = new ArrayList<>();
        for (String line : inNamespace("ss", "-xamH").out().lines().toList()) {
            Matcher m = skmem.matcher(line);
            assertTrue(m.find(), line);
            ss.add(String.join(",", m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7), m.group(8), m.group(9)));
        }
        Cli cli = Cli.live("-N", ns.name(), "-xam", "--json");
        assertEquals(0, cli.code(), cli.err());
        List<String> ours = new ArrayList<>();
        for (Object o : (List<Object>) JsonValue.parse(cli.out())) {
            Map<String, Object> m = (Map<String, Object>) ((Map<String, Object>) o).get("memory");
            ours.add(String.join(",", List.of("rmemAlloc", "rcvBuf", "wmemAlloc", "sndBuf", "fwdAlloc", "wmemQueued", "optMem", "backlog",
                    "drops").stream().map(k -> m.get(k).toString()).toList()));
        }
        assertEquals(20, ss.size());
        assertEquals(ss.stream().sorted().toList(), ours.stream().sorted().toList());
        Cli text = Cli.live("-N", ns.name(), "-xam");
        assertEquals(20, text.out().lines().filter(l -> l.startsWith("\t skmem:(r")).count(), text.out());
    }

    @Test
    void procFallbackGivesTheSameSockets() throws IOException, InterruptedException {
        List<Row> ss = fromSs(inNamespace("ss", "-xaH").out());
        NonRootOwnersTest.Result procfs = portscopeInside("--source", "procfs", "-xa", "--json");
        assertEquals(0, procfs.code(), procfs.err());
        assertEquals(ss.stream().map(Row::withoutPeerAndQueues).toList(), fromJson(procfs.out()));
        Cli named = Cli.live("-N", ns.name(), "--source", "procfs", "-xa", "--json"); // /proc/PID/net of a process found in it
        assertEquals(0, named.code(), named.err());
        assertEquals(ss.stream().map(Row::withoutPeerAndQueues).toList(), fromJson(named.out()));
        NonRootOwnersTest.Result fallback = portscopeInside("-xa", "--json"); // netlink answers there: the own namespace's dump
        assertEquals(ss, fromJson(fallback.out()), fallback.err());
    }

    private static final Pattern USER = Pattern.compile("\\(\"([^\"]*)\",pid=(\\d+),fd=(\\d+)\\)");

    @Test
    @SuppressWarnings("unchecked")
    void ownersEqualSs() throws IOException, InterruptedException {
        Map<Long, Set<String>> ss = new TreeMap<>();
        for (String line : inNamespace("ss", "-xapH").out().strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            Set<String> users = new TreeSet<>();
            for (Matcher u = USER.matcher(line); u.find(); ) {
                users.add(u.group(1) + "/" + u.group(2) + "/" + u.group(3));
            }
            ss.put(Long.parseLong(f[5]), users);
        }
        Cli cli = Cli.live("-N", ns.name(), "-xap", "--json");
        assertEquals(0, cli.code(), cli.err());
        Map<Long, Set<String>> ours = new TreeMap<>();
        Set<Long> owners = new TreeSet<>();
        for (Object o : (List<Object>) JsonValue.parse(cli.out())) {
            Map<String, Object> m = (Map<String, Object>) o;
            Set<String> users = new TreeSet<>();
            for (Object owner : (List<Object>) m.get("owners")) {
                Map<String, Object> w = (Map<String, Object>) owner;
                users.add(w.get("command") + "/" + w.get("pid") + "/" + w.get("fd"));
                owners.add((Long) w.get("pid"));
            }
            ours.put((Long) m.get("inode"), users);
        }
        assertEquals(ss, ours);
        assertEquals(3, owners.size(), "three processes own the mix: " + ours);
        assertTrue(ss.values().stream().anyMatch(u -> u.size() == 3), "a socketpair end shared by all three: " + ss);
    }

    /** ss -xapH: each socket's owning pids by inode. */
    private static Map<Long, Set<Long>> ssPids() throws IOException, InterruptedException {
        Map<Long, Set<Long>> pids = new TreeMap<>();
        for (String line : inNamespace("ss", "-xapH").out().strip().split("\n")) {
            Set<Long> users = new TreeSet<>();
            for (Matcher u = USER.matcher(line); u.find(); ) {
                users.add(Long.parseLong(u.group(2)));
            }
            pids.put(Long.parseLong(line.trim().split("\\s+")[5]), users);
        }
        return pids;
    }

    @SuppressWarnings("unchecked")
    private static Set<Long> pids(Object owners) {
        Set<Long> pids = new TreeSet<>();
        for (Object o : (List<Object>) owners) {
            pids.add((Long) ((Map<String, Object>) o).get("pid"));
        }
        return pids;
    }

    @Test
    @SuppressWarnings("unchecked")
    void pairsNameTheProcessOnEachEnd() throws IOException, InterruptedException {
        Map<Long, Set<Long>> ss = ssPids();
        Cli cli = Cli.live("-N", ns.name(), "pairs", "-xp", "--json", "src", dir + "/srv.sock");
        assertEquals(0, cli.code(), cli.err());
        List<Object> pairs = (List<Object>) JsonValue.parse(cli.out());
        assertEquals(1, pairs.size(), "the one accepted connection: " + cli.out());
        Map<String, Object> pair = (Map<String, Object>) pairs.getFirst();
        Map<String, Object> client = (Map<String, Object>) pair.get("client");
        Map<String, Object> server = (Map<String, Object>) pair.get("server");
        assertEquals(dir + "/srv.sock", server.get("path"));
        assertEquals(null, client.get("path"));
        assertEquals(ss.get((Long) client.get("inode")), pids(client.get("owners")));
        assertEquals(ss.get((Long) server.get("inode")), pids(server.get("owners")));
        assertEquals(1, pids(client.get("owners")).size());
        assertTrue(java.util.Collections.disjoint(pids(client.get("owners")), pids(server.get("owners"))),
                "client and server are different processes: " + pair);
        assertEquals(3, ((List<Object>) JsonValue.parse(Cli.live("-N", ns.name(), "pairs", "-x", "--json").out())).stream()
                .filter(p -> Boolean.TRUE.equals(((Map<String, Object>) p).get("socketpair"))).count(), "three socketpairs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void whoPathNamesTheListenerAndBothEnds() throws IOException, InterruptedException {
        Map<Long, Set<Long>> ss = ssPids();
        Cli cli = Cli.live("-N", ns.name(), "who", dir + "/srv.sock", "--json");
        assertEquals(0, cli.code(), cli.err());
        List<Map<String, Object>> sockets = ((List<Object>) JsonValue.parse(cli.out())).stream().map(o -> (Map<String, Object>) o).toList();
        Map<String, Object> listener = sockets.stream().filter(m -> m.get("state").equals("LISTEN")).findFirst().orElseThrow();
        assertEquals(2L, listener.get("recvQ"));
        assertEquals(2, ((List<Object>) listener.get("pending")).size(), "the two connections not yet accepted");
        assertEquals(ss.get((Long) listener.get("inode")), pids(listener.get("owners")));
        Map<String, Object> accepted = sockets.stream().filter(m -> m.get("state").equals("ESTABLISHED") && m.get("path") != null)
                .findFirst().orElseThrow();
        assertEquals(ss.get((Long) accepted.get("peerInode")), pids(accepted.get("peerOwners")), "the client's process");
        Cli text = Cli.live("-N", ns.name(), "who", "@pst-abstract");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("@pst-abstract (unix): 1 bound, 0 connected, 1 waiting to be accepted\n"), text.out());
        Cli none = Cli.live("-N", ns.name(), "who", dir + "/none.sock");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no UNIX socket is bound to"), none.err());
    }

    /** netstat's row of a UNIX socket: Flags, Type, State, I-Node, Path (no RefCnt: portscope has no source for it). */
    record NetstatRow(String flags, String type, String state, long inode, String path) implements Comparable<NetstatRow> {
        @Override
        public int compareTo(NetstatRow o) {
            return Long.compare(inode, o.inode);
        }
    }

    private static final Pattern NETSTAT = Pattern.compile("unix\\s+\\d+\\s+(\\[ [A-Z ]*\\])\\s+(\\S+)\\s+(\\S*?)\\s+(\\d+)\\s*(\\S*)$");
    private static final Pattern OURS = Pattern.compile("unix\\s+(\\[ [A-Z ]*\\])\\s+(\\S+)\\s+(\\S*?)\\s+(\\d+)\\s+\\d+\\s*(\\S*)$");

    static List<NetstatRow> unixSection(String out, Pattern row) {
        List<NetstatRow> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = row.matcher(line);
            if (m.matches() && !m.group(4).equals("0")) { // inode 0: a connection not yet accepted, counted in its listener's Recv-Q
                rows.add(new NetstatRow(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4)), m.group(5)));
            }
        }
        rows.sort(null);
        return rows;
    }

    @Test
    void defaultListingHasNetstatsUnixSection() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/netstat")), "needs netstat (net-tools)");
        String netstat = inNamespace("netstat", "-an").out();
        NonRootOwnersTest.Result ours = portscopeInside("-an");
        assertEquals(0, ours.code(), ours.err());
        assertTrue(ours.out().contains("Active UNIX domain sockets (servers and established)\n"), ours.out());
        List<NetstatRow> expected = unixSection(netstat, NETSTAT);
        assertEquals(20, expected.size(), netstat);
        assertEquals(expected, unixSection(ours.out(), OURS), ours.out());
    }
}
