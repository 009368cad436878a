package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code who PORT} on a "host" namespace that publishes ports only through DNAT rules (nft, and
 * iptables-nft as Docker writes them) to a "container" namespace listening behind them.
 */
@Live
class NatPublishedTest {
    private static final Path NFT = Path.of("/usr/sbin/nft");

    @Test
    void aPortPublishedOnlyThroughNatIsSaidWithWhoListensBehindIt() throws Exception {
        assumeTrue(Files.isExecutable(NFT), "nft (Debian's nftables; .ci/run installs it) writes the rules");
        try (TestNetns hostNs = TestNetns.create("pstnath"); TestNetns containerNs = TestNetns.create("pstnatc")) {
            String host = hostNs.name();
            String container = containerNs.name();
            SocketMix.run("ip", "netns", "exec", container, "ip", "addr", "add", "10.200.0.2/32", "dev", "lo");
            Process nft = new ProcessBuilder("ip", "netns", "exec", host, NFT.toString(), "-f", "-").redirectErrorStream(true).start();
            nft.getOutputStream().write(String.join("\n",
                    "table ip nat {",
                    "  chain prerouting { type nat hook prerouting priority dstnat; policy accept;",
                    "    tcp dport 8080 dnat to 10.200.0.2:80",
                    "    udp dport 5353 dnat to 10.200.0.3",
                    "  }",
                    "}", "").getBytes(StandardCharsets.US_ASCII));
            nft.getOutputStream().close();
            assertEquals(0, nft.waitFor(), new String(nft.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            Process listener = containerNs.start("/usr/bin/python3", "-c", String.join("\n",
                    "import socket, sys",
                    "s = socket.socket(); s.bind(('10.200.0.2', 80)); s.listen()",
                    "print('ready', flush=True)",
                    "sys.stdin.read()"));
            InputStream ready = listener.getInputStream();
            assertEquals("ready\n", new String(ready.readNBytes(6), StandardCharsets.US_ASCII));

            NonRootOwnersTest.Result who = inNamespace(host, "who", "8080", "--all-netns");
            assertEquals(0, who.code(), who.err());
            assertTrue(who.out().contains("tcp 8080 -> 10.200.0.2:80  (ip nat, chain prerouting)"), who.out());
            assertTrue(who.out().contains("listened on at 10.200.0.2:80 in netns " + container + " by " + listener.pid() + "/python3"),
                    who.out()); // ip netns exec execs python: the same pid
            assertTrue(who.err().contains("no socket uses port 8080/tcp; it is published through NAT to 10.200.0.2:80"), who.err());

            NonRootOwnersTest.Result udp = inNamespace(host, "who", "5353/udp");
            assertEquals(0, udp.code(), udp.err());
            assertTrue(udp.out().contains("udp 5353 -> 10.200.0.3:5353"), udp.out());

            NonRootOwnersTest.Result nothing = inNamespace(host, "who", "8081");
            assertEquals(1, nothing.code(), nothing.err());
            assertTrue(nothing.err().contains("nothing uses port 8081"), nothing.err());
            assertTrue(nothing.out().isEmpty(), nothing.out());
        }
    }

    /** portscope in that namespace: its own namespace is the host's with the rules. */
    private static NonRootOwnersTest.Result inNamespace(String netns, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", netns, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return NonRootOwnersTest.run(command);
    }
}
