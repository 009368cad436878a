package dev.portscope.cli;

import dev.portscope.model.TcpState;
import dev.portscope.testing.Live;
import dev.portscope.testing.SocketRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every namespace at once, against ss run inside each: six namespaces — three made by
 * {@code ip netns add} (one with a process holding sockets, one whose process has exited and left
 * TIME-WAIT connections behind, one empty) and three by {@code unshare -n} processes — each with its
 * own socket mix on its own ports. {@code --all-netns --json} holds, for each of them, exactly what
 * {@code ip netns exec X ss -tuanH} or {@code nsenter -t PID -n ss -tuanH} lists, each row labelled
 * with the right namespace; {@code -N X} lists that namespace alone; {@code -p} owners equal ss's.
 */
@Live
class NamespacesDifferentialTest {
    /** A socket mix on ports BASE..BASE+2: a TCP listener with one connection to it, a bound UDP socket; then waits for stdin to close. */
    private static final String MIX = String.join("\n",
            "import socket, sys",
            "base = int(sys.argv[1])",
            "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', base)); s.listen()",
            "c = socket.create_connection(('127.0.0.1', base)); a, _ = s.accept()",
            "u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u.bind(('::1', base + 2))",
            "if len(sys.argv) > 2:",  // leave TIME-WAIT behind and exit: the namespace keeps sockets, no process
            "    for i in range(3):",
            "        x = socket.create_connection(('127.0.0.1', base)); y, _ = s.accept(); x.close(); y.close()",
            "    sys.exit(0)",
            "print('ready', flush=True)",
            "sys.stdin.read()");

    private static final String PREFIX = "pst" + ProcessHandle.current().pid() + "-";
    private static final List<String> NETNS = List.of(PREFIX + "a", PREFIX + "b", PREFIX + "c");
    private static final List<Process> HOLDERS = new ArrayList<>();
    /** Namespace label as portscope prints it (an ip netns name, or pid) -> how to run ss inside it. */
    private static final Map<String, List<String>> SS_IN = new LinkedHashMap<>();
    private static final Map<String, String> INODES = new LinkedHashMap<>();

    @BeforeAll
    static void sixNamespaces() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for ip netns and unshare -n");
        for (String name : NETNS) {
            SocketMix.run("ip", "netns", "add", name);
            SocketMix.run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
            SS_IN.put(name, List.of("ip", "netns", "exec", name, "ss"));
            INODES.put(name, Long.toString((Long) Files.getAttribute(Path.of("/run/netns", name), "unix:ino")));
        }
        HOLDERS.add(hold(List.of("ip", "netns", "exec", NETNS.get(0)), 19100));
        Process leaver = new ProcessBuilder("ip", "netns", "exec", NETNS.get(1), "python3", "-c", MIX, "19200", "leave").start();
        assertEquals(0, leaver.waitFor(), new String(leaver.getErrorStream().readAllBytes()));
        for (int i = 0; i < 3; i++) {
            Process p = hold(List.of("unshare", "-n", "sh", "-c", "ip link set lo up && exec python3 -c \"$0\" \"$1\""), 19300 + 100 * i);
            HOLDERS.add(p);
            String pid = Long.toString(p.pid()); // sh exec'd python3: the same pid, in its own namespace
            SS_IN.put(pid, List.of("nsenter", "-t", pid, "-n", "ss"));
            INODES.put(pid, Files.readSymbolicLink(Path.of("/proc", pid, "ns/net")).toString().replaceAll("\\D", ""));
        }
    }

    private static Process hold(List<String> prefix, int base) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        if (prefix.getFirst().equals("unshare")) {
            command.addAll(List.of(MIX, Integer.toString(base)));
        } else {
            command.addAll(List.of("python3", "-c", MIX, Integer.toString(base)));
        }
        Process p = new ProcessBuilder(command).start();
        InputStream out = p.getInputStream();
        String ready = new String(out.readNBytes(6), StandardCharsets.US_ASCII);
        if (!ready.equals("ready\n")) {
            throw new IOException("socket mix did not start: " + ready + new String(p.getErrorStream().readAllBytes()));
        }
        return p;
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (Process p : HOLDERS) {
            p.getOutputStream().close();
            p.waitFor();
        }
        for (String name : NETNS) {
            new ProcessBuilder("ip", "netns", "delete", name).start().waitFor();
        }
    }

    @Test
    void everyNamespaceAtOnceIsWhatSsSaysInEach() throws Exception {
        Cli all = Cli.live("--all-netns", "-tuan", "--json");
        assertEquals(0, all.code(), all.err());
        Map<String, List<SocketRow>> byInode = rowsByNetns(all.out());
        int nonEmpty = 0;
        for (Map.Entry<String, List<String>> ns : SS_IN.entrySet()) {
            List<SocketRow> ss = ss(ns.getValue(), "-tuanH");
            String inode = INODES.get(ns.getKey());
            assertEquals(ss, byInode.getOrDefault(inode, List.of()), ns.getKey() + " (net:[" + inode + "])");
            Cli alone = Cli.live("-N", ns.getKey(), "-tuan", "--json");
            assertEquals(0, alone.code(), alone.err());
            Map<String, List<SocketRow>> one = rowsByNetns(alone.out());
            assertEquals(ss.isEmpty() ? Set.of() : Set.of(inode), one.keySet(), "-N " + ns.getKey() + " reads that namespace only");
            assertEquals(ss, one.getOrDefault(inode, List.of()), "-N " + ns.getKey());
            String name = NETNS.contains(ns.getKey()) ? ns.getKey() : inode; // unshare'd namespaces have no name: their inode
            Cli filtered = Cli.live("-tuan", "--json", "netns", "=", name); // reads every namespace, keeps this one
            assertEquals(0, filtered.code(), filtered.err());
            assertEquals(ss, rowsByNetns(filtered.out()).getOrDefault(inode, List.of()), "netns = " + name);
            assertEquals(ss.isEmpty() ? Set.of() : Set.of(inode), rowsByNetns(filtered.out()).keySet(), "netns = " + name + " keeps that one");
            nonEmpty += ss.isEmpty() ? 0 : 1;
        }
        assertEquals(5, nonEmpty, "five namespaces hold sockets, one is empty");
        assertTrue(byInode.get(INODES.get(NETNS.get(1))).stream().allMatch(r -> r.state().equals("TIME-WAIT") || r.state().equals("LISTEN")
                        || r.state().equals("UNCONN") || r.state().equals("ESTAB")),
                "the namespace without a process still lists its TIME-WAIT sockets");
    }

    @Test
    void ownersAcrossNamespacesAreSsOwners() throws Exception {
        for (Map.Entry<String, List<String>> ns : SS_IN.entrySet()) {
            Map<String, Set<String>> ss = NamespaceDifferentialTest.ownersByInode(String.join("\n", run(with(ns.getValue(), "-tuanpeH"))));
            Cli ours = Cli.live("-N", ns.getKey(), "-tuanpe");
            assertEquals(0, ours.code(), ours.err());
            assertEquals(ss, NamespaceDifferentialTest.ownersByInode(ours.out()), ns.getKey());
            if (!ns.getKey().equals(NETNS.get(1)) && !ns.getKey().equals(NETNS.get(2))) {
                assertFalse(ss.values().stream().allMatch(Set::isEmpty), ns.getKey() + " has owners to compare");
            }
        }
    }

    @Test
    void aNamespaceThatIsNotThereIsOneLine() {
        Cli run = Cli.live("-N", PREFIX + "nosuch", "-tan");
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("portscope: -N " + PREFIX + "nosuch: no network namespace named"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    /** Our JSON rows as ss rows, grouped by the namespace inode each carries. */
    static Map<String, List<SocketRow>> rowsByNetns(String json) {
        Map<String, List<SocketRow>> rows = new TreeMap<>();
        for (Object o : (List<?>) JsonValue.parse(json)) {
            Map<?, ?> m = (Map<?, ?>) o;
            Map<?, ?> local = (Map<?, ?>) m.get("local");
            Map<?, ?> remote = (Map<?, ?>) m.get("remote");
            String state = Arrays.stream(TcpState.values()).filter(s -> s.netstatName().equals(m.get("state"))).findFirst().orElseThrow().ssName();
            String inode = ((Map<?, ?>) m.get("netns")).get("inode").toString();
            rows.computeIfAbsent(inode, k -> new ArrayList<>()).add(new SocketRow((String) m.get("protocol"), state,
                    (String) local.get("address"), ((Long) local.get("port")).intValue(), (String) remote.get("address"),
                    ((Long) remote.get("port")).intValue(), (Long) m.get("recvQ"), (Long) m.get("sendQ")));
        }
        rows.replaceAll((k, v) -> SocketRow.sorted(v));
        return rows;
    }

    private static List<SocketRow> ss(List<String> ssIn, String flags) throws Exception {
        return SocketRow.fromSs(String.join("\n", run(with(ssIn, flags))));
    }

    private static List<String> with(List<String> command, String more) {
        List<String> all = new ArrayList<>(command);
        all.add(more);
        return all;
    }

    private static List<String> run(List<String> command) throws Exception {
        return SocketMix.run(command.toArray(String[]::new)).lines().collect(Collectors.toList());
    }
}
