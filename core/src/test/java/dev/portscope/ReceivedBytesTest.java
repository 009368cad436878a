package dev.portscope;

import dev.portscope.linux.netlink.SocketRequests;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import dev.portscope.model.Transferred;
import dev.portscope.source.SourceUnavailableException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a destroyed socket's received bytes are told apart from the peer's FIN, without a kernel:
 * the kernel cannot be asked here ({@link #NO_KERNEL}), so a pair is matched by its closes alone.
 */
class ReceivedBytesTest {
    private static final Supplier<SocketRequests> NO_KERNEL = () -> {
        throw new SourceUnavailableException("no kernel in this test", null);
    };

    @Test
    void aLoopbackPairTakesEachOthersCounts() throws Exception {
        ReceivedBytes bytes = new ReceivedBytes(NO_KERNEL);
        SocketEntry client = tcp("127.0.0.1", 40000, "127.0.0.1", 8080);
        SocketEntry server = tcp("127.0.0.1", 8080, "127.0.0.1", 40000);
        // the client sent 5 and got 10 and the server's FIN (11); the server got 5 and no FIN (it closed first, then died)
        Transferred first = bytes.of(client, 5, 11, Optional.empty());
        assertEquals(OptionalLong.empty(), first.received(), "the peer's count is not known yet");
        Transferred second = bytes.of(server, 10, 5, Optional.empty());
        assertEquals(OptionalLong.of(5), second.received());
        assertEquals(OptionalLong.of(10), ReceivedBytes.peerClosed(first, 10).received(), "11 less the FIN");
        assertEquals(11, first.kernelReceived());
    }

    @Test
    void aPeerThatSentMoreThanArrivedLeavesItUnknown() throws Exception {
        ReceivedBytes bytes = new ReceivedBytes(NO_KERNEL);
        bytes.of(tcp("127.0.0.1", 40001, "127.0.0.1", 8080), 100, 3, Optional.empty());
        // a reset: 3 of the peer's 100 bytes arrived
        assertEquals(OptionalLong.empty(), bytes.of(tcp("127.0.0.1", 8080, "127.0.0.1", 40001), 3, 3, Optional.empty()).received(),
                "no FIN to take out, but the peer's count does not say how much arrived");
        assertEquals(OptionalLong.empty(), ReceivedBytes.peerClosed(new Transferred(1, OptionalLong.empty(), 3), 100).received());
    }

    @Test
    void aPeerElsewhereLeavesItUnknownUnlessADumpSawTheFin() throws Exception {
        ReceivedBytes bytes = new ReceivedBytes(NO_KERNEL);
        SocketEntry remote = tcp("10.0.0.5", 40000, "192.0.2.7", 443);
        assertFalse(ReceivedBytes.peerMayBeHere(remote));
        assertEquals(OptionalLong.empty(), bytes.of(remote, 10, 21, Optional.empty()).received(), "20 or 21: nobody can say");
        assertEquals(OptionalLong.empty(), bytes.of(remote, 10, 21, Optional.of(TcpState.ESTABLISHED)).received());
        assertEquals(OptionalLong.of(20), bytes.of(remote, 10, 21, Optional.of(TcpState.CLOSE_WAIT)).received(),
                "a dump saw the FIN come");
        assertEquals(OptionalLong.of(20), bytes.of(remote, 10, 21, Optional.of(TcpState.LAST_ACK)).received());
        assertEquals(OptionalLong.of(0), bytes.of(remote, 10, 0, Optional.empty()).received(), "nothing counted: no FIN either");
    }

    @Test
    void theHostsOwnAddressAndMappedEndsMayBeAPairHere() throws Exception {
        assertTrue(ReceivedBytes.peerMayBeHere(tcp("10.0.0.5", 40000, "10.0.0.5", 22)), "a connection to its own address");
        assertTrue(ReceivedBytes.peerMayBeHere(tcp("::1", 40000, "::1", 22)));
        ReceivedBytes bytes = new ReceivedBytes(NO_KERNEL);
        bytes.of(tcp("127.0.0.1", 40002, "127.0.0.1", 8080), 7, 1, Optional.empty());
        SocketEntry dualStackServer = new SocketEntry(Protocol.TCP, Family.IPV6, TcpState.CLOSE, mapped("127.0.0.1", 8080),
                mapped("127.0.0.1", 40002), 0, 0, 0, 0);
        assertEquals(OptionalLong.of(7), bytes.of(dualStackServer, 0, 8, Optional.empty()).received(),
                "an IPv4 client and an IPv6 listener's connection are one pair");
    }

    private static SocketEntry tcp(String local, int localPort, String remote, int remotePort) throws Exception {
        InetAddress l = InetAddress.getByName(local);
        return new SocketEntry(Protocol.TCP, l.getAddress().length == 4 ? Family.IPV4 : Family.IPV6, TcpState.CLOSE,
                new Endpoint(l, localPort), new Endpoint(InetAddress.getByName(remote), remotePort), 0, 0, 0, 0);
    }

    private static Endpoint mapped(String v4, int port) throws Exception {
        byte[] a = new byte[16];
        a[10] = (byte) 0xff;
        a[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(v4).getAddress(), 0, a, 12, 4);
        return Endpoint.of(a, port);
    }
}
