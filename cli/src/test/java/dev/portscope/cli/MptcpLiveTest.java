package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** -M lists MPTCP sockets as ss -M does, in a fresh namespace with an MPTCP listener and a connection to it; -S says what it cannot. */
@Live
class MptcpLiveTest {
    private static final String MIX = """
            import socket, sys, time
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)
            s.bind(("127.0.0.1", 47001)); s.listen(5)
            c = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)
            c.connect(("127.0.0.1", 47001)); a, _ = s.accept()
            t = socket.socket(); t.bind(("127.0.0.1", 47002)); t.listen(1)   # plain TCP: not MPTCP's
            open(sys.argv[1], "w").close()
            time.sleep(600)
            """;

    @Test
    @SuppressWarnings("unchecked")
    void mptcpSocketsEqualSs() throws IOException, InterruptedException {
        TestNetns.assumeUsable();
        try (TestNetns ns = TestNetns.create("pstmp")) {
            Process mix = ns.startPython(MIX);
            String why = mix.isAlive() ? "" : new String(mix.getErrorStream().readAllBytes());
            assumeTrue(why.isEmpty(), "this kernel has no MPTCP (net.mptcp.enabled=0?): " + why);
            List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "ss", "-ManH"));
            TreeSet<String> ss = new TreeSet<>();
            for (String row : NonRootOwnersTest.run(line).out().strip().split("\n")) {
                String[] f = row.trim().split("\\s+");
                ss.add(f[0] + " " + f[3] + " " + f[4]);
            }
            assertEquals(3, ss.size(), ss.toString());
            Cli cli = Cli.live("-N", ns.name(), "-Man", "--json");
            assertEquals(0, cli.code(), cli.err());
            TreeSet<String> ours = new TreeSet<>();
            for (Object o : (List<Object>) JsonValue.parse(cli.out())) {
                Map<String, Object> m = (Map<String, Object>) o;
                assertEquals("mptcp", m.get("protocol"));
                Map<String, Object> local = (Map<String, Object>) m.get("local");
                Map<String, Object> remote = (Map<String, Object>) m.get("remote");
                String state = switch ((String) m.get("state")) {
                    case "ESTABLISHED" -> "ESTAB";
                    default -> (String) m.get("state");
                };
                ours.add(state + " " + local.get("address") + ":" + local.get("port") + " "
                        + (remote.get("port").equals(0L) ? "0.0.0.0:*" : remote.get("address") + ":" + remote.get("port")));
            }
            assertEquals(ss, ours);
            Cli sctp = Cli.live("-S");
            assertEquals(1, sctp.code());
            assertTrue(sctp.err().contains("SCTP"), sctp.err());
        }
    }
}
