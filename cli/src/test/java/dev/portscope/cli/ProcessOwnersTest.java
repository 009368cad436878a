package dev.portscope.cli;

import dev.portscope.testing.Live;
import dev.portscope.linux.proc.ProcRoot;
import dev.portscope.linux.proc.ProcessTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** -p with real processes the test starts. */
@Live
class ProcessOwnersTest {
    /** Listens on 127.0.0.1 and forks {@code children} that share the listener; prints "port pid child...". */
    private static String prefork(int children) {
        return String.join("\n",
                "import os, socket, sys",
                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                "children = []",
                "for i in range(" + children + "):",
                "    child = os.fork()",
                "    if child == 0:",
                "        sys.stdin.read(); os._exit(0)",
                "    children.append(child)",
                "print(s.getsockname()[1], os.getpid(), *children, flush=True)",
                "sys.stdin.read()");
    }

    /** Two processes sharing a listener. */
    private static final String SHARED_LISTENER = prefork(1);

    @Test
    void everySharerOfAListenerAppearsWithPidAndCommand() throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-c", SHARED_LISTENER).start();
        try {
            String[] ready = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII)).readLine().split(" ");
            String port = ready[0];
            String parent = ready[1];
            String child = ready[2];

            Cli table = Cli.live("-tlnp");
            assertEquals(0, table.code(), table.err());
            String row = table.rows().stream().filter(r -> r.contains("127.0.0.1:" + port + " ")).findFirst().orElseThrow();
            assertTrue(row.contains(parent + "/python3") && row.contains(child + "/python3"), row);

            Cli ss = Cli.live("-tlnpe");
            String ssRow = ss.rows().stream().filter(r -> r.contains("127.0.0.1:" + port + " ")).findFirst().orElseThrow();
            assertTrue(ssRow.contains("(\"python3\",pid=" + parent + ",fd=") && ssRow.contains("(\"python3\",pid=" + child + ",fd="), ssRow);

            Cli who = Cli.live("who", port);
            assertEquals(0, who.code(), who.err());
            assertTrue(who.out().contains("pid " + parent + " python3") && who.out().contains("pid " + child + " python3"), who.out());
            assertTrue(who.out().contains("LISTEN      tcp 127.0.0.1:" + port), who.out());

            Cli explained = Cli.live("port", port, "-p");
            assertEquals(0, explained.code(), explained.err());
            String inUse = explained.out().lines().filter(l -> l.contains("LISTEN      tcp 127.0.0.1:" + port)).findFirst().orElseThrow();
            assertTrue(inUse.contains(parent + "/python3") && inUse.contains(child + "/python3"), inUse);

            Cli json = Cli.live("-tlnp", "--json");
            String object = json.out().lines().filter(l -> l.contains("\"port\":" + port + "}")).findFirst().orElseThrow();
            assertTrue(object.contains("\"pid\":" + parent) && object.contains("\"pid\":" + child), object);
            assertTrue(object.contains("\"command\":\"python3\"") && object.contains("\"commandLine\":\"") && object.contains("python3 -c import os"), object);
            assertTrue(object.contains("\"started\":\"") && object.contains("\"user\":\""), object);
        } finally {
            python.getOutputStream().close();
            python.destroy();
            python.waitFor();
        }
    }

    /** A server and four forked workers sharing its listener. */
    private static final String PREFORK = prefork(4);

    @Test
    void sharersComeInPidOrderEveryTime() throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-c", PREFORK).start();
        try {
            String[] ready = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII)).readLine().split(" ");
            String port = ready[0];
            List<Integer> pids = java.util.Arrays.stream(ready).skip(1).map(Integer::valueOf).sorted().toList();
            String expectedOwners = String.join(",", pids.stream().map(p -> p + "/python3").toList());
            java.util.Set<String> tables = new java.util.HashSet<>();
            java.util.Set<String> jsons = new java.util.HashSet<>();
            for (int run = 0; run < 8; run++) {
                Cli table = Cli.live("-tlnp", "src", "127.0.0.1:" + port);
                assertEquals(0, table.code(), table.err());
                String row = table.rows().stream().filter(r -> r.contains("127.0.0.1:" + port + " ")).findFirst().orElseThrow();
                assertTrue(row.endsWith(expectedOwners), row);
                tables.add(table.out());
                Cli json = Cli.live("-tlnp", "--json", "src", "127.0.0.1:" + port);
                jsons.add(json.out().replaceAll("\"cookie\":\"[0-9]+\",", ""));
                Cli who = Cli.live("who", port + "/tcp");
                List<Integer> shown = who.out().lines().filter(l -> l.startsWith("pid ")).map(l -> Integer.valueOf(l.split(" ")[1])).toList();
                assertEquals(pids, shown, who.out());
            }
            assertEquals(1, tables.size(), tables.toString());
            assertEquals(1, jsons.size(), jsons.toString());
            String owners = jsons.iterator().next();
            List<Integer> inJson = java.util.regex.Pattern.compile("\"pid\":(\\d+)").matcher(owners).results()
                    .map(m -> Integer.valueOf(m.group(1))).toList();
            assertEquals(pids, inJson, owners);
        } finally {
            python.getOutputStream().close();
            python.destroy();
            python.waitFor();
        }
    }

    @Test
    void aProcessesOwnDirectoryAsProcRootStillFindsTheOwners() throws IOException {
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.INET)
                .bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), 0))) {
            int port = ((java.net.InetSocketAddress) server.getLocalAddress()).getPort();
            Cli run = Cli.live("--proc-root", "/proc/" + ProcessHandle.current().pid(), "-tlnp");
            assertEquals(0, run.code(), run.err());
            String row = run.rows().stream().filter(r -> r.contains("127.0.0.1:" + port + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError(run.out()));
            assertTrue(row.endsWith(ProcessHandle.current().pid() + "/java"), row);
        }
    }

    @Test
    void whoSaysWhenNothingUsesAPort() throws IOException, InterruptedException {
        int free = 0;
        for (int attempt = 0; attempt < 50 && free == 0; attempt++) { // on a busy host a port may serve as someone's source port
            int candidate;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                candidate = probe.getLocalPort();
            }
            if (SocketMix.run("ss", "-Htan", "sport = :" + candidate + " or dport = :" + candidate).isBlank()) {
                free = candidate;
            }
        }
        Cli who = Cli.live("who", free + "/tcp");
        assertEquals(1, who.code(), who.out());
        long others = dev.portscope.Portscope.namespaces().stream().filter(n -> !n.own()).count();
        assertEquals("portscope: nothing uses port " + free + "/tcp" + (others == 0 ? "" : " in this network namespace; " + others
                + (others == 1 ? " other exists" : " others exist") + " (containers?): portscope who " + free + "/tcp --all-netns looks in every one")
                + System.lineSeparator(), who.err(), "one line; where else to look when other namespaces exist");
        assertEquals("", who.out());
        assertEquals(2, Cli.live("who", "70000").code());
    }

    @Test
    void processesExitingDuringTheScanAreSkipped() throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread churn = new Thread(() -> {
            while (!stop.get()) {
                try {
                    new ProcessBuilder("true").start().waitFor();
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        churn.start();
        try {
            for (int i = 0; i < 30; i++) {
                ProcessTable table = ProcessTable.scan(ProcRoot.system());
                assertTrue(table.processes() > 0);
            }
            assertEquals(0, Cli.live("-tanp").code());
        } finally {
            stop.set(true);
            churn.join();
        }
    }

    @Test
    void withoutRootOwnersThatCannotBeSeenGiveAHintNotAStackTrace(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch to an unprivileged user with setpriv");
        // The unprivileged user cannot read the build's class path under /root: copy it somewhere readable.
        List<String> classPath = new ArrayList<>();
        for (Class<?> c : List.of(Main.class, ProcessTable.class, CommandLine.class)) {
            Path from = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path to = dir.resolve("cp" + classPath.size() + (Files.isDirectory(from) ? "" : ".jar"));
            copy(from, to);
            classPath.add(to.toString());
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", java,
                "--enable-native-access=ALL-UNNAMED", "-cp", String.join(":", classPath), Main.class.getName(), "-tanp")
                .redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        assertTrue(out.startsWith("Active Internet connections"), out);
        assertTrue(err.contains("could not be inspected") && err.contains("root"), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
    }

    private static void copy(Path from, Path to) throws IOException, URISyntaxException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
            return;
        }
        try (var walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(source, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
