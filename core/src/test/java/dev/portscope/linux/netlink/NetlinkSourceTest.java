package dev.portscope.linux.netlink;

import dev.portscope.testing.Live;
import dev.portscope.linux.proc.ProcNetSource;
import dev.portscope.linux.proc.ProcRoot;
import dev.portscope.model.Endpoint;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import dev.portscope.linux.ffm.NetlinkSocket;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;
import dev.portscope.source.SocketSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live: netlink and /proc agree on sockets this test opens; the namespace test compares everything with ss. */
@Live
class NetlinkSourceTest {

    private static List<SocketEntry> read(SocketSource source, Query query) {
        try (Stream<SocketEntry> s = source.sockets(query, new ReadNotes())) {
            return s.toList();
        }
    }

    @Test
    void netlinkAndProcAgreeOnALoopbackPairAndItsListener() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(loopback, 0), 7);
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET)) {
            client.connect(server.getLocalAddress());
            try (SocketChannel accepted = server.accept()) {
                int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
                Endpoint serverEnd = new Endpoint(loopback, port);
                Query all = Query.all();
                // By full endpoint, not port alone: a busy machine may use the same port number elsewhere.
                List<SocketEntry> netlink = read(NetlinkSource.kernel(), all).stream()
                        .filter(e -> e.local().equals(serverEnd) || e.remote().equals(serverEnd)).toList();
                List<SocketEntry> proc = read(new ProcNetSource(ProcRoot.system()), all).stream()
                        .filter(e -> e.local().equals(serverEnd) || e.remote().equals(serverEnd)).toList();
                assertEquals(3, netlink.size(), netlink.toString());
                SocketEntry listener = netlink.stream().filter(e -> e.state() == TcpState.LISTEN).findFirst().orElseThrow();
                assertEquals(7, listener.sendQ(), "netlink reports the listen backlog as Send-Q, as ss does");
                // Same sockets; only the listener's Send-Q differs (/proc has no backlog).
                assertEquals(netlink.stream().map(e -> e.inode()).sorted().toList(), proc.stream().map(e -> e.inode()).sorted().toList());
                assertTrue(netlink.stream().filter(e -> e.state() != TcpState.LISTEN).map(NetlinkSourceTest::facts).allMatch(proc::contains),
                        netlink + " vs " + proc);
            }
        }
    }

    /** The columns /proc also has, without netlink's extras. */
    private static SocketEntry facts(SocketEntry e) {
        return new SocketEntry(e.protocol(), e.family(), e.state(), e.local(), e.remote(), e.recvQ(), e.sendQ(), e.uid(), e.inode());
    }

    @Test
    void theKernelFiltersByState() {
        List<SocketEntry> listening = read(NetlinkSource.kernel(), Query.all().withStates(Query.LISTENING));
        assertTrue(listening.stream().allMatch(SocketEntry::isListening), listening.toString());
    }

    @Test
    void closingTwiceIsHarmless() {
        NetlinkSocket socket = NetlinkSocket.open(InetDiag.NETLINK_SOCK_DIAG);
        socket.close();
        socket.close();
    }
}
