package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code portscope kill} on a real loopback connection, compared with what ss sees and what the peers get. */
@Live
class KillLiveTest {
    /** A connection; prints "port", then blocks in recv on both ends and prints what each got. */
    private static final String CONNECTION = String.join("\n",
            "import socket, sys",
            "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
            "c = socket.create_connection(s.getsockname()); a, _ = s.accept()",
            "print(s.getsockname()[1], flush=True)",
            "for name, end in (('client', c), ('server', a)):",
            "    try:",
            "        print(name, 'got', end.recv(10), flush=True)",
            "    except OSError as e:",
            "        print(name, 'error', e.errno, flush=True)");

    private static List<String> ss(String port) throws IOException, InterruptedException {
        return SocketMix.run("ss", "-tnH", "sport = :" + port + " or dport = :" + port).lines().toList();
    }

    @Test
    void killEndsTheConnectionAndDryRunKillsNothing(@TempDir Path dir) throws Exception {
        Process python = new ProcessBuilder("python3", "-c", CONNECTION).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII));
            String port = lines.readLine();
            assertEquals(2, ss(port).size());

            Cli dry = Cli.live("kill", "--dry-run", "dport", "=", ":" + port);
            assertEquals(0, dry.code(), dry.err());
            assertEquals(1, dry.out().lines().count(), dry.out());
            assertTrue(dry.out().startsWith("would kill") && dry.out().contains("127.0.0.1:" + port), dry.out());
            assertEquals(2, ss(port).size(), "--dry-run killed something");

            NonRootOwnersTest.Result nobody = NonRootOwnersTest.asNobody(NonRootOwnersTest.readableCopy(dir),
                    List.of("kill", "dport", "=", ":" + port));
            assertEquals(1, nobody.code(), nobody.err());
            assertEquals(1, nobody.err().lines().count(), nobody.err());
            assertTrue(nobody.err().contains("CAP_NET_ADMIN"), nobody.err());
            assertEquals(2, ss(port).size(), "nobody killed something");

            Cli kill = Cli.live("kill", "dport", "=", ":" + port);
            assertEquals(0, kill.code(), kill.err());
            assertTrue(kill.out().startsWith("killed") && kill.out().contains("127.0.0.1:" + port + " "), kill.out());
            assertEquals("client error 103", lines.readLine(), "the killed end: ECONNABORTED");
            assertEquals("server error 104", lines.readLine(), "its peer: ECONNRESET");
            assertEquals(List.of(), ss(port));
        } finally {
            python.destroy();
        }
    }

    @Test
    void killReachesIntoAnotherNamespace() throws Exception {
        try (TestNetns ns = TestNetns.create("pstkill")) {
            Process python = ns.start("/usr/bin/python3", "-c", CONNECTION);
            BufferedReader lines = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII));
            String port = lines.readLine();
            Cli here = Cli.live("kill", "dport", "=", ":" + port);
            assertEquals(0, here.code(), here.err());
            assertTrue(here.err().contains("no socket matched"), "this namespace has no such connection: " + here.err());

            Cli kill = Cli.live("kill", "-N", ns.name(), "dport", "=", ":" + port);
            assertEquals(0, kill.code(), kill.err());
            assertTrue(kill.out().startsWith("killed") && kill.out().contains("127.0.0.1:" + port + " "), kill.out());
            assertEquals("client error 103", lines.readLine());
            assertEquals("server error 104", lines.readLine());
        }
    }

    @Test
    void anEmptyFilterIsRefused() {
        Cli run = Cli.live("kill");
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        Cli udp = Cli.live("kill", "-u", "dport", "=", ":53");
        assertEquals(2, udp.code(), udp.err());
    }
}
