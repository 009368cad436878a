package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code portscope watch} against real loopback traffic from a python process: a flood of short
 * connections no dump can see (their closes come from the kernel's destroy events, with bytes),
 * long-lived ones a dump sees open, a half-closed one that changes state, and a flood into a tiny
 * receive queue whose losses must be said.
 */
@Live
class WatchLiveTest {
    /**
     * A listener; on "go": {@code SHORT} connections one after another, each sending i+1 bytes and
     * getting 2(i+1) back, then closed by both ends (< 20 ms each); {@code LONG} connections held
     * 3.5 s, the first of them half-closed by its client after 1.5 s, a whole interval after a dump
     * saw it open (its server end then sits in CLOSE_WAIT). Prints "port pid", then after the run one line per short connection:
     * "clientPort sent received", and "rate N" (connections per second), then "done".
     */
    private static String load(int shortOnes, int longOnes) {
        return String.join("\n",
                "import os, socket, sys, time, threading",
                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1024)",
                "port = s.getsockname()[1]",
                "print(port, os.getpid(), flush=True)",
                "sys.stdin.readline()",
                "def recv_all(c, n):",
                "    got = b''",
                "    while len(got) < n:",
                "        part = c.recv(n - len(got))",
                "        if not part: break",
                "        got += part",
                "    return got",
                "go = time.time()",
                "held = []",
                "for i in range(" + longOnes + "):",
                "    c = socket.create_connection(('127.0.0.1', port)); a, _ = s.accept(); held += [c, a]",
                "threading.Timer(1.5, lambda: held[0].shutdown(socket.SHUT_WR) if held else None).start()",
                "done = []",
                "start = time.time()",
                "for i in range(" + shortOnes + "):",
                "    c = socket.create_connection(('127.0.0.1', port)); a, _ = s.accept()",
                "    c.sendall(b'x' * (i + 1)); data = recv_all(a, i + 1)",
                "    a.sendall(b'y' * 2 * len(data)); back = recv_all(c, 2 * (i + 1))",
                "    done.append((c.getsockname()[1], i + 1, len(back)))",
                "    c.close(); a.close()",
                "rate = " + shortOnes + " / (time.time() - start)",
                "time.sleep(max(0, 3.5 - (time.time() - go)))",
                "for h in held: h.close()",
                "for d in done: print(*d)",
                "print('rate', int(rate))",
                "print('done', flush=True)",
                "sys.stdin.readline()");
    }

    @Test
    void everyShortConnectionClosesWithItsBytesAndLongOnesOpenWithTheirOwner() throws Exception {
        int shortOnes = 1000;
        Process python = new ProcessBuilder("python3", "-c", load(shortOnes, 3)).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII));
            String[] ready = lines.readLine().split(" ");
            int port = Integer.parseInt(ready[0]);
            long pid = Long.parseLong(ready[1]);
            CompletableFuture<Cli> watch = CompletableFuture.supplyAsync(() -> Cli.live("watch", "--jsonl", "--interval", "1s",
                    "--duration", "7s", "-t", "sport = :" + port + " or dport = :" + port));
            Thread.sleep(1500); // the watch's first dump is done
            OutputStream stdin = python.getOutputStream();
            stdin.write('\n');
            stdin.flush();
            Map<Integer, long[]> connections = new HashMap<>();
            int rate = 0;
            for (String line = lines.readLine(); !line.equals("done"); line = lines.readLine()) {
                String[] f = line.split(" ");
                if (f[0].equals("rate")) {
                    rate = Integer.parseInt(f[1]);
                } else {
                    connections.put(Integer.parseInt(f[0]), new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
            assertEquals(shortOnes, connections.size());
            assertTrue(rate >= 500, "the load ran at " + rate + " connections/s, not 500 or more");
            Cli run = watch.get(30, TimeUnit.SECONDS);
            assertEquals(0, run.code(), run.err());

            Map<Integer, Map<String, Object>> clientCloses = new HashMap<>();
            Map<Integer, Map<String, Object>> serverCloses = new HashMap<>();
            List<Map<String, Object>> opens = new ArrayList<>();
            List<Map<String, Object>> states = new ArrayList<>();
            for (String line : run.out().lines().toList()) {
                Map<String, Object> e = JsonValue.object(line);
                int local = port(e, "local");
                int remote = port(e, "remote");
                switch ((String) e.get("event")) {
                    case "close" -> (local == port ? serverCloses : clientCloses).put(local == port ? remote : local, e);
                    case "open" -> opens.add(e);
                    case "state" -> states.add(e);
                    default -> { }
                }
            }
            for (Map.Entry<Integer, long[]> c : connections.entrySet()) {
                long sent = c.getValue()[0];
                long back = c.getValue()[1];
                Map<String, Object> client = clientCloses.get(c.getKey());
                Map<String, Object> server = serverCloses.get(c.getKey());
                assertNotNull(client, "no close for the client end :" + c.getKey() + "\n" + run.err());
                assertNotNull(server, "no close for the server end of :" + c.getKey());
                // exactly what python sent and read (the kernel's bytes_received may count the peer's FIN: one more)
                assertEquals(sent, number(client, "sentBytes"), "client sent: " + client);
                assertEquals(back, number(client, "receivedBytes"), "client received: " + client);
                assertEquals(back, number(server, "sentBytes"), "server sent: " + server);
                assertEquals(sent, number(server, "receivedBytes"), "server received: " + server);
                assertEquals("listener", server.get("attribution"), server.toString());
                assertEquals("in", server.get("direction"));
                assertEquals(pid, ((Number) owner(server).get("pid")).longValue(), server.toString());
                assertEquals("unknown", client.get("attribution"), client.toString());
                assertNull(client.get("owners"), "an outbound connection no dump saw has no owner to show: " + client);
            }
            List<Map<String, Object>> longOpens = opens.stream().filter(e -> !connections.containsKey(port(e, "local"))
                    && !connections.containsKey(port(e, "remote"))).toList();
            assertEquals(6, longOpens.size(), "both ends of 3 long-lived connections open: " + longOpens);
            for (Map<String, Object> e : longOpens) {
                assertEquals(pid, ((Number) owner(e).get("pid")).longValue(), e.toString());
                assertEquals("python3", owner(e).get("command"));
            }
            assertTrue(states.stream().anyMatch(e -> "ESTABLISHED".equals(e.get("from")) && "CLOSE_WAIT".equals(e.get("state"))
                    && port(e, "local") == port), "the half-closed connection's server end went ESTABLISHED -> CLOSE_WAIT: " + states);
            assertTrue(run.err().contains("none lost"), run.err());
        } finally {
            python.destroy();
        }
    }

    @Test
    void oneEndShownStillGetsExactBytesFromItsPeer() throws Exception {
        Process python = new ProcessBuilder("python3", "-c", load(200, 0)).start();
        try {
            Watched w = watchWhile(python, p -> List.of("watch", "--jsonl", "--duration", "4s",
                    "-t", "sport = :" + p)); // the server ends only, as one watches a service
            Map<Integer, Long> sentBy = new HashMap<>();
            for (String line = w.lines().readLine(); !line.equals("done"); line = w.lines().readLine()) {
                String[] f = line.split(" ");
                if (!f[0].equals("rate")) {
                    sentBy.put(Integer.parseInt(f[0]), Long.parseLong(f[1]));
                }
            }
            Cli run = w.watch().get(30, TimeUnit.SECONDS);
            assertEquals(0, run.code(), run.err());
            List<Map<String, Object>> closes = run.out().lines().map(JsonValue::object)
                    .filter(e -> "close".equals(e.get("event")) && port(e, "remote") != 0).toList();
            assertEquals(sentBy.size(), closes.size(), run.out());
            for (Map<String, Object> server : closes) {
                long sent = sentBy.get(port(server, "remote"));
                assertEquals(sent, number(server, "receivedBytes"), "from its client's close, which is not shown: " + server);
                assertEquals(2 * sent, number(server, "sentBytes"));
            }
        } finally {
            python.destroy();
        }
    }

    /**
     * A client that closes first leaves a TIME-WAIT socket in FIN-WAIT-2 (its own cookie, inode 0)
     * while the server holds on: what is left of a closed connection, neither opened nor changing.
     */
    @Test
    void whatIsLeftOfAClosedConnectionNeitherOpensNorChanges() throws Exception {
        Process python = new ProcessBuilder("python3", "-c", String.join("\n",
                "import socket, sys, time",
                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                "print(s.getsockname()[1], flush=True)",
                "sys.stdin.readline()",
                "c = socket.create_connection(s.getsockname()); a, _ = s.accept()",
                "c.sendall(b'12'); a.recv(2); c.close()",
                "time.sleep(2.5); a.close()", // two dumps see the client's TIME-WAIT socket in FIN-WAIT-2, then in TIME-WAIT
                "print('done', flush=True)", "sys.stdin.readline()")).start();
        try {
            Watched w = watchWhile(python, p -> List.of("watch", "--jsonl", "--interval", "1s",
                    "--duration", "6s", "-t", "sport = :" + p + " or dport = :" + p));
            assertEquals("done", w.lines().readLine());
            Cli run = w.watch().get(30, TimeUnit.SECONDS);
            assertEquals(0, run.code(), run.err());
            List<Map<String, Object>> events = run.out().lines().map(JsonValue::object).toList();
            List<Map<String, Object>> opens = events.stream().filter(e -> "open".equals(e.get("event"))).toList();
            assertEquals(1, opens.size(), "the server's end only: " + run.out());
            assertEquals(w.port(), port(opens.getFirst(), "local"));
            assertEquals(List.of(), events.stream().filter(e -> "state".equals(e.get("event"))
                    && port(e, "local") != w.port()).toList(), "the client's TIME-WAIT socket: " + run.out());
            assertEquals(2, events.stream().filter(e -> "close".equals(e.get("event")) && port(e, "remote") != 0).count(), run.out());
        } finally {
            python.destroy();
        }
    }

    /**
     * A peer on another host (a namespace behind a veth pair): a client that closes first leaves a
     * TIME-WAIT socket in FIN-WAIT-2, proof that the server's FIN had not come, so its bytes are
     * exact; one that half-closes and reads to the end is closed by its destroy event with the final
     * counts when it lets go (not "gone" when its TIME-WAIT socket shows first), its received bytes
     * said unknown rather than off by the FIN.
     */
    @Test
    void aPeerElsewhereGivesExactBytesWhenWhatIsLeftProvesIt() throws Exception {
        try (TestNetns ns = TestNetns.create("pstrm")) {
            String host = "pstrmh" + ProcessHandle.current().pid() % 1000, peer = "pstrmp" + ProcessHandle.current().pid() % 1000;
            SocketMix.run("ip", "link", "add", host, "type", "veth", "peer", "name", peer, "netns", ns.name());
            SocketMix.run("ip", "addr", "add", "10.78.0.1/30", "dev", host);
            SocketMix.run("ip", "link", "set", host, "up");
            SocketMix.run("ip", "netns", "exec", ns.name(), "ip", "addr", "add", "10.78.0.2/30", "dev", peer);
            SocketMix.run("ip", "netns", "exec", ns.name(), "ip", "link", "set", peer, "up");
            Process server = ns.start("/usr/bin/python3", "-c", String.join("\n",
                    "import socket, time",
                    "s = socket.socket(); s.bind(('10.78.0.2', 7000)); s.listen()",
                    "print('ready', flush=True)",
                    "for i in range(2):",
                    "    a, _ = s.accept(); a.recv(10); a.sendall(b'hello'); time.sleep(1); a.recv(10); a.close()"));
            try {
                assertEquals("ready", new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII)).readLine());
                CompletableFuture<Cli> watch = CompletableFuture.supplyAsync(() -> Cli.live("watch", "--jsonl", "--interval", "1s",
                        "--duration", "6s", "-t", "dst 10.78.0.2"));
                Thread.sleep(1500);
                Process client = new ProcessBuilder("python3", "-c", String.join("\n",
                        "import socket, time",
                        "c = socket.create_connection(('10.78.0.2', 7000)); c.sendall(b'abc'); c.recv(5); c.close()",
                        "c = socket.create_connection(('10.78.0.2', 7000)); c.sendall(b'abcd'); c.recv(5)",
                        "c.shutdown(socket.SHUT_WR); time.sleep(1.5); c.recv(10); c.close()")).start();
                assertEquals(0, client.waitFor());
                Cli run = watch.get(30, TimeUnit.SECONDS);
                assertEquals(0, run.code(), run.err());
                List<Map<String, Object>> closes = run.out().lines().map(JsonValue::object).filter(e -> "close".equals(e.get("event"))).toList();
                assertEquals(2, closes.size(), run.out());
                Map<String, Object> first = closes.stream().filter(e -> number(e, "sentBytes") == 3).findFirst().orElseThrow();
                assertEquals(5L, number(first, "receivedBytes"), "its TIME-WAIT socket was in FIN-WAIT-2: " + first);
                Map<String, Object> second = closes.stream().filter(e -> number(e, "sentBytes") == 4).findFirst().orElseThrow();
                assertEquals("event", second.get("seenBy"), second.toString());
                assertTrue(second.get("receivedBytes") == null || number(second, "receivedBytes") == 5, second.toString());
                assertEquals(6L, tcpInfo(second, "bytesReceived"), "the kernel counted the server's FIN: " + second);
            } finally {
                server.destroy();
            }
        }
    }

    @Test
    void aConnectionAbortedByItsOwnSideKeepsTheEndsADumpSawItWith() throws Exception {
        Process python = new ProcessBuilder("python3", "-c", String.join("\n",
                "import socket, struct, sys, time",
                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                "print(s.getsockname()[1], flush=True)",
                "sys.stdin.readline()",
                "c = socket.create_connection(s.getsockname()); a, _ = s.accept()",
                "c.sendall(b'1234'); a.recv(4)",
                "time.sleep(1.5)", // a dump sees it
                "c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); c.close()", // a reset, not a FIN
                "time.sleep(0.2); a.close()",
                "print('done', flush=True)", "sys.stdin.readline()")).start();
        try {
            Watched w = watchWhile(python, p -> List.of("watch", "--jsonl", "--interval", "1s",
                    "--duration", "5s", "-t", "dport = :" + p));
            assertEquals("done", w.lines().readLine());
            Cli run = w.watch().get(30, TimeUnit.SECONDS);
            assertEquals(0, run.code(), run.err());
            List<Map<String, Object>> closes = run.out().lines().map(JsonValue::object).filter(e -> "close".equals(e.get("event"))).toList();
            // the kernel clears the aborted end's peer port before its destroy event: without the dump's ends, dport filters it out
            assertEquals(1, closes.size(), "the client's close, by its peer's port: " + run.out());
            Map<String, Object> client = closes.getFirst();
            assertEquals(w.port(), port(client, "remote"), client.toString());
            assertEquals("seen", client.get("attribution"), client.toString());
            assertNull(client.get("sentBytes"), "the kernel zeroed its counters with its ends: not 0 bytes, unknown");
            assertNull(client.get("receivedBytes"));
        } finally {
            python.destroy();
        }
    }

    @Test
    void watchFollowsOneNamedNamespace() throws Exception {
        try (TestNetns ns = TestNetns.create("pstwatch")) {
            CompletableFuture<Cli> watch = CompletableFuture.supplyAsync(() -> Cli.live("watch", "-N", ns.name(), "--jsonl", "--duration", "5s"));
            Thread.sleep(1500);
            Process python = ns.start("/usr/bin/python3", "-c", String.join("\n",
                    "import socket, sys, time",
                    "s = socket.socket(); s.bind(('127.0.0.1', 7444)); s.listen()",
                    "c = socket.create_connection(('127.0.0.1', 7444)); a, _ = s.accept()",
                    "c.sendall(b'abc'); a.recv(3); a.sendall(b'hello'); c.recv(5)",
                    "c.close(); time.sleep(0.6); a.close()", // the client's close waits for its peer's in vain: the server still lives
                    "print('done', flush=True)", "sys.stdin.read()"));
            assertEquals("done", new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII)).readLine());
            Cli run = watch.get(30, TimeUnit.SECONDS);
            assertEquals(0, run.code(), run.err());
            List<Map<String, Object>> closes = run.out().lines().map(JsonValue::object).filter(e -> "close".equals(e.get("event"))).toList();
            assertEquals(2, closes.size(), "this namespace's two ends only, not the host's traffic: " + run.out());
            Map<String, Object> server = closes.stream().filter(e -> port(e, "local") == 7444).findFirst().orElseThrow();
            // its listener's owner, or its own when a dump saw it in the 0.6 s it lived on
            assertTrue(List.of("listener", "seen").contains(server.get("attribution")), server.toString());
            assertEquals(python.pid(), ((Number) owner(server).get("pid")).longValue(), "ip netns exec execs python: the same pid");
            Map<String, Object> client = closes.stream().filter(e -> port(e, "remote") == 7444).findFirst().orElseThrow();
            assertEquals(3L, tcpInfo(client, "bytesSent"));
            assertEquals(3L, number(client, "sentBytes"));
            assertEquals(5L, number(client, "receivedBytes"), "its live peer's count, asked of the namespace's kernel: " + client);
            assertEquals(3L, number(server, "receivedBytes"), "its peer's count from the peer's close: " + server);
        }
    }

    @Test
    void eventsLostToAFullQueueAreSaid() throws Exception {
        Process python = new ProcessBuilder("python3", "-c", load(3000, 0)).start();
        try {
            // a queue of a few events (the kernel's minimum): a burst of closes overflows it
            Watched w = watchWhile(python, p -> List.of("watch", "--jsonl", "--receive-buffer", "1",
                    "--duration", "5s", "-t", "sport = :" + p + " or dport = :" + p));
            while (!w.lines().readLine().equals("done")) {
                // the connections' lines: not needed here
            }
            Cli run = w.watch().get(30, TimeUnit.SECONDS);
            assertEquals(0, run.code(), run.err());
            long closes = run.out().lines().filter(l -> l.contains("\"event\":\"close\"")).count();
            boolean lostSaid = run.out().lines().anyMatch(l -> l.contains("\"event\":\"lost\""));
            assertTrue(closes < 6000, "this test needs a loss; all " + closes + " closes arrived");
            assertTrue(lostSaid, "closes went missing (" + closes + " of 6000) without a lost event");
            assertTrue(run.err().contains("events lost"), run.err());
        } finally {
            python.destroy();
        }
    }

    private static int port(Map<String, Object> event, String end) {
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) event.get(end);
        return ((Number) e.get("port")).intValue();
    }

    /** A python load that printed its port (the first word of its first line), the watch started on it, and the load's line reader. */
    private record Watched(BufferedReader lines, int port, CompletableFuture<Cli> watch) {
    }

    /**
     * Reads the load's port, starts {@code watch(port)} and, once its first dump is done, lets the
     * load go (it waits for a line on stdin).
     */
    private static Watched watchWhile(Process python, java.util.function.IntFunction<List<String>> watch) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII));
        int port = Integer.parseInt(lines.readLine().trim().split(" ")[0]);
        CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> Cli.live(watch.apply(port).toArray(String[]::new)));
        Thread.sleep(1500); // the watch's first dump is done
        python.getOutputStream().write('\n');
        python.getOutputStream().flush();
        return new Watched(lines, port, run);
    }

    private static long number(Map<String, Object> event, String field) {
        assertTrue(event.get(field) instanceof Number, field + " is no number in " + event);
        return ((Number) event.get(field)).longValue();
    }

    private static long tcpInfo(Map<String, Object> event, String field) {
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) event.get("tcpInfo");
        assertNotNull(info, "no tcpInfo in " + event);
        return ((Number) info.get(field)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> owner(Map<String, Object> event) {
        List<Object> owners = (List<Object>) event.get("owners");
        assertNotNull(owners, "no owners in " + event);
        assertTrue(!owners.isEmpty(), "no owners in " + event);
        return (Map<String, Object>) owners.getFirst();
    }
}
