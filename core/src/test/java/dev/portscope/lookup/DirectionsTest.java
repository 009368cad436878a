package dev.portscope.lookup;

import dev.portscope.model.Direction;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Family;
import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.model.Roles;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DirectionsTest {
    private static final Optional<PortRange> EPHEMERAL = Optional.of(new PortRange(32768, 60999));

    private static Endpoint at(String host, int port) throws UnknownHostException {
        return new Endpoint(InetAddress.getByName(host), port);
    }

    private static SocketEntry tcp(TcpState state, Endpoint local, Endpoint remote) {
        Family family = local.address().getAddress().length == 4 ? Family.IPV4 : Family.IPV6;
        return new SocketEntry(Protocol.TCP, family, state, local, remote, 0, 0, 0, 1);
    }

    @Test
    void theServerHalfIsInboundTheClientHalfOutbound() throws UnknownHostException {
        SocketEntry listener = tcp(TcpState.LISTEN, at("0.0.0.0", 80), at("0.0.0.0", 0));
        SocketEntry server = tcp(TcpState.ESTABLISHED, at("127.0.0.1", 80), at("127.0.0.1", 40000));
        SocketEntry client = tcp(TcpState.ESTABLISHED, at("127.0.0.1", 40000), at("127.0.0.1", 80));
        Directions d = Directions.of(Stream.of(listener, server, client), EPHEMERAL);
        assertEquals(Optional.of(new Roles(Direction.IN, server.local(), server.remote(), true)), d.of(server));
        assertEquals(Optional.of(new Roles(Direction.OUT, client.remote(), client.local(), true)), d.of(client));
        assertEquals(Optional.empty(), d.of(listener));
        assertEquals(List.of(new SocketPairs.SocketPair(client, server)), SocketPairs.join(List.of(server, client, listener), d));
    }

    @Test
    void aListenerOnAnotherAddressOrProtocolDoesNotMakeItInbound() throws UnknownHostException {
        SocketEntry listener = tcp(TcpState.LISTEN, at("10.0.0.1", 8080), at("0.0.0.0", 0));
        SocketEntry other = tcp(TcpState.ESTABLISHED, at("127.0.0.1", 8080), at("127.0.0.1", 1234));
        SocketEntry udp = new SocketEntry(Protocol.UDP, Family.IPV4, TcpState.ESTABLISHED, at("10.0.0.1", 8080), at("10.0.0.9", 53), 0, 0, 0, 2);
        Directions d = Directions.of(Stream.of(listener), EPHEMERAL);
        assertEquals(Direction.OUT, d.of(other).orElseThrow().direction());
        assertEquals(Direction.OUT, d.of(udp).orElseThrow().direction());
        assertEquals(false, d.of(other).orElseThrow().clientEphemeral());
    }

    @Test
    void aDualStackListenerServesMappedAndPlainAddresses() throws UnknownHostException {
        SocketEntry listener = tcp(TcpState.LISTEN, at("::", 443), at("::", 0));
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        SocketEntry accepted = tcp(TcpState.ESTABLISHED, Endpoint.of(mapped, 443), Endpoint.of(mapped, 50000));
        SocketEntry client = tcp(TcpState.ESTABLISHED, at("127.0.0.1", 50000), at("127.0.0.1", 443));
        Directions d = Directions.of(Stream.of(listener), EPHEMERAL);
        assertEquals(Direction.IN, d.of(accepted).orElseThrow().direction());
        assertEquals(List.of(new SocketPairs.SocketPair(client, accepted)), SocketPairs.join(List.of(accepted, client), d));
    }
}
