package dev.portscope;

import dev.portscope.lookup.PortExplanation;
import dev.portscope.lookup.PortSpec;
import dev.portscope.lookup.SocketPairs;
import dev.portscope.model.PortClass;
import dev.portscope.model.PortRange;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import dev.portscope.source.Query;
import dev.portscope.testing.Fixtures;
import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the facade answers beyond a listing: who uses a port, what a port is, pairs. */
class FacadeTest {

    @Test
    void aSnapshotExplainsPortsAndTellsWhatUsesThem() {
        try (Portscope portscope = Portscope.snapshot(Fixtures.path("mix"))) {
            PortExplanation http = portscope.explain(80);
            assertEquals(PortClass.SYSTEM, http.portClass());
            assertEquals(Optional.of(false), http.ephemeral());
            assertTrue(http.services().stream().anyMatch(e -> e.protocol().equals("tcp")), http.toString());
            List<SocketEntry> all;
            try (Listing listing = portscope.list(Query.all())) {
                all = listing.toList();
            }
            for (int port : all.stream().map(s -> s.local().port()).collect(Collectors.toSet())) {
                List<SocketEntry> expected = all.stream().filter(s -> PortSpec.usesPort(s, p -> p == port)).toList();
                try (Listing using = portscope.using(PortSpec.parse(Integer.toString(port), portscope::registry))) {
                    assertEquals(expected, using.toList(), "port " + port);
                }
            }
            try (Listing range = portscope.using(new PortRange(0, 65535), Optional.empty())) {
                assertEquals(all, range.toList());
            }
        }
    }

    @Test
    @Live
    void bothHalvesOfALoopbackConnectionArePairedAndUseItsPort() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(loopback, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept();
             Portscope portscope = Portscope.system()) {
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            int clientPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
            try (Listing using = portscope.using(PortSpec.parse(port + "/tcp", portscope::registry))) {
                Set<String> found = using.toList().stream().filter(s -> s.state() != TcpState.TIME_WAIT)
                        .map(s -> s.state() + " " + s.local().port() + " " + s.remote().port()).collect(Collectors.toSet());
                assertEquals(Set.of("LISTEN " + port + " 0", "ESTABLISHED " + port + " " + clientPort,
                        "ESTABLISHED " + clientPort + " " + port), found);
            }
            try (Listing connected = portscope.list(Query.all().withStates(Query.CONNECTED)
                    .withFilter(portscope.parseFilter("src 127.0.0.1:" + port + " or src 127.0.0.1:" + clientPort)))) {
                List<SocketPairs.SocketPair> pairs = connected.pairs();
                assertEquals(1, pairs.size(), pairs.toString());
                assertEquals(clientPort, pairs.getFirst().client().local().port());
                assertEquals(port, pairs.getFirst().server().local().port());
            }
            assertTrue(accepted.isConnected());
        }
    }
}
