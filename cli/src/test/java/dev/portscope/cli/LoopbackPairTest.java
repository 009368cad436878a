package dev.portscope.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real server and client on loopback: both halves of the pair must be listed. */
class LoopbackPairTest {

    @Test
    void bothHalvesOfALoopbackConnectionAppear() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)
                .bind(new InetSocketAddress(loopback, 0));
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET)) {
            int serverPort = ((InetSocketAddress) server.getLocalAddress()).getPort();
            client.connect(new InetSocketAddress(loopback, serverPort));
            try (SocketChannel accepted = server.accept()) {
                int clientPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
                assertEquals(clientPort, ((InetSocketAddress) accepted.getRemoteAddress()).getPort());

                Cli run = Cli.live("-tn");
                assertEquals(0, run.code(), run.err());
                String clientHalf = "127.0.0.1:" + clientPort + " 127.0.0.1:" + serverPort + " ESTABLISHED";
                String serverHalf = "127.0.0.1:" + serverPort + " 127.0.0.1:" + clientPort + " ESTABLISHED";
                List<String> rows = run.rows().stream().map(r -> r.replaceAll("\\s+", " ").strip()).toList();
                assertTrue(rows.stream().anyMatch(r -> r.startsWith("tcp 0 0 ") && r.endsWith(clientHalf)), run.out());
                assertTrue(rows.stream().anyMatch(r -> r.startsWith("tcp 0 0 ") && r.endsWith(serverHalf)), run.out());

                Cli listening = Cli.live("-tln");
                assertTrue(listening.out().contains("127.0.0.1:" + serverPort + " "), listening.out());
                assertTrue(listening.rows().stream().noneMatch(r -> r.contains("ESTABLISHED")), listening.out());
            }
        }
    }

    @Test
    void eachHalfKnowsItsDirectionAndPairsJoinsThem() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)
                .bind(new InetSocketAddress(loopback, 0));
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET)) {
            int serverPort = ((InetSocketAddress) server.getLocalAddress()).getPort();
            client.connect(new InetSocketAddress(loopback, serverPort));
            try (SocketChannel accepted = server.accept()) {
                int clientPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
                String clientHalf = "127.0.0.1:" + clientPort + " 127.0.0.1:" + serverPort + " ESTABLISHED";
                String serverHalf = "127.0.0.1:" + serverPort + " 127.0.0.1:" + clientPort + " ESTABLISHED";

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
    }

    /** The one-line JSON object (the listing prints one per line) that contains {@code part}. */
    private static String objectWith(String json, String part) {
        return json.lines().filter(l -> l.contains(part)).findFirst().orElseThrow(() -> new AssertionError(part + " in " + json));
    }
}
