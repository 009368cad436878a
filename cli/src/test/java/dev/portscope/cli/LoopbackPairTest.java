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
}
