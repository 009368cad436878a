package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real server and client on loopback: both halves of the pair must be listed. */
@Live
class LoopbackPairTest {

    /** An IPv4 loopback connection: the listener, the client, and the server's accepted half. */
    private record Connection(ServerSocketChannel server, SocketChannel client, SocketChannel accepted) implements AutoCloseable {
        static Connection open() throws IOException {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)
                    .bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET);
            client.connect(server.getLocalAddress());
            return new Connection(server, client, server.accept());
        }

        int serverPort() throws IOException {
            return port(server.getLocalAddress());
        }

        int clientPort() throws IOException {
            return port(client.getLocalAddress());
        }

        /** The client's row as the table writes it, blanks squeezed: {@code local remote ESTABLISHED}. */
        String clientHalf() throws IOException {
            return "127.0.0.1:" + clientPort() + " 127.0.0.1:" + serverPort() + " ESTABLISHED";
        }

        /** The server's accepted half, likewise. */
        String serverHalf() throws IOException {
            return "127.0.0.1:" + serverPort() + " 127.0.0.1:" + clientPort() + " ESTABLISHED";
        }

        static int port(SocketAddress address) {
            return ((InetSocketAddress) address).getPort();
        }

        @Override
        public void close() throws IOException {
            try (server; client; accepted) {
                // closes all three
            }
        }
    }

    @Test
    void bothHalvesOfALoopbackConnectionAppear() throws IOException {
        try (Connection c = Connection.open()) {
            int serverPort = c.serverPort();
            int clientPort = c.clientPort();
            assertEquals(clientPort, Connection.port(c.accepted().getRemoteAddress()));

            Cli run = Cli.live("-tn");
            assertEquals(0, run.code(), run.err());
            String clientHalf = c.clientHalf();
            String serverHalf = c.serverHalf();
            List<String> rows = run.rows().stream().map(r -> r.replaceAll("\\s+", " ").strip()).toList();
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("tcp 0 0 ") && r.endsWith(clientHalf)), run.out());
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("tcp 0 0 ") && r.endsWith(serverHalf)), run.out());

            Cli listening = Cli.live("-tln");
            assertTrue(listening.out().contains("127.0.0.1:" + serverPort + " "), listening.out());
            assertTrue(listening.rows().stream().noneMatch(r -> r.contains("ESTABLISHED")), listening.out());
        }
    }

    @Test
    void portscopesOwnFilterConditionsSelectTheRightHalf() throws IOException {
        try (Connection c = Connection.open()) {
            int serverPort = c.serverPort();
            int clientPort = c.clientPort();
            // By address and port: another socket on the host may share the port number as its peer's.
            String ours = "( src 127.0.0.1:" + serverPort + " or dst 127.0.0.1:" + serverPort + " )";
            String clientHalf = c.clientHalf();
            String serverHalf = c.serverHalf();
            long pid = ProcessHandle.current().pid();

            assertEquals(List.of(serverHalf), rows(Cli.live("-tn", ours, "dir = in")));
            assertEquals(List.of(clientHalf), rows(Cli.live("-tn", ours, "dir", "=", "out")));
            assertEquals(List.of(clientHalf), rows(Cli.live("-tn", ours, "not dir = in")));
            assertEquals(2, rows(Cli.live("-tn", ours, "pid = " + pid)).size());
            assertEquals(List.of(), rows(Cli.live("-tn", ours, "pid != " + pid)));
            assertEquals(2, rows(Cli.live("-tn", ours, "comm = java")).size());
            assertEquals(2, rows(Cli.live("-tn", ours, "user = " + System.getProperty("user.name"))).size());
            String expectedClass = serverPort < 49152 ? "user" : "dynamic";
            assertEquals(2, rows(Cli.live("-tn", ours, "class = " + expectedClass)).size(), "both halves' service port is " + serverPort);
            assertEquals(List.of(), rows(Cli.live("-tn", ours, "class = system")));
        }
    }

    /** The rows' addresses and state, blanks squeezed: {@code local remote STATE}. */
    private static List<String> rows(Cli run) {
        assertEquals(0, run.code(), run.err());
        return run.rows().stream().map(r -> r.replaceAll("\\s+", " ").strip().split(" ", 4)[3]).toList();
    }

    @Test
    void eachHalfKnowsItsDirectionAndPairsJoinsThem() throws IOException {
        try (Connection c = Connection.open()) {
            int serverPort = c.serverPort();
            int clientPort = c.clientPort();
            String clientHalf = c.clientHalf();
            String serverHalf = c.serverHalf();

            Cli extended = Cli.live("-tne");
            List<String> rows = extended.rows().stream().map(r -> r.replaceAll("\\s+", " ").strip()).toList();
            assertTrue(rows.stream().anyMatch(r -> r.contains(clientHalf + " ") && r.endsWith(" dir:out")), extended.out());
            assertTrue(rows.stream().anyMatch(r -> r.contains(serverHalf + " ") && r.endsWith(" dir:in")), extended.out());

            Cli json = Cli.live("-tn", "--json");
            String compact = json.out().replace(" ", "");
            assertTrue(compact.contains("\"local\":{\"address\":\"127.0.0.1\",\"port\":" + clientPort + "},\"remote\":{\"address\":\"127.0.0.1\",\"port\":" + serverPort + "}"), json.out());
            String clientObject = objectWith(compact, "\"port\":" + clientPort + "},\"remote\":{\"address\":\"127.0.0.1\",\"port\":" + serverPort + "}");
            String serverObject = objectWith(compact, "\"port\":" + serverPort + "},\"remote\":{\"address\":\"127.0.0.1\",\"port\":" + clientPort + "}");
            assertTrue(clientObject.contains("\"direction\":\"out\",\"serviceEnd\":\"remote\""), clientObject);
            assertTrue(serverObject.contains("\"direction\":\"in\",\"serviceEnd\":\"local\""), serverObject);

            Cli pairs = Cli.live("pairs", "-n", "-p");
            assertEquals(0, pairs.code(), pairs.err());
            long pid = ProcessHandle.current().pid();
            String expected = "tcp 127.0.0.1:" + clientPort + " 127.0.0.1:" + serverPort + " ESTABLISHED " + pid + "/java " + pid + "/java";
            assertTrue(pairs.out().lines().map(l -> l.replaceAll("\\s+", " ").strip()).anyMatch(expected::equals), pairs.out());
            Cli pairsJson = Cli.live("pairs", "-p", "--json");
            String pj = pairsJson.out().replace(" ", "");
            assertTrue(pj.contains("\"client\":{\"address\":\"127.0.0.1\",\"port\":" + clientPort + ",\"state\":\"ESTABLISHED\""), pairsJson.out());
            assertTrue(pj.contains("\"server\":{\"address\":\"127.0.0.1\",\"port\":" + serverPort + ",\"state\":\"ESTABLISHED\""), pairsJson.out());
        }
    }

    /** The one-line JSON object (the listing prints one per line) that contains {@code part}. */
    private static String objectWith(String json, String part) {
        return json.lines().filter(l -> l.contains(part)).findFirst().orElseThrow(() -> new AssertionError(part + " in " + json));
    }
}
