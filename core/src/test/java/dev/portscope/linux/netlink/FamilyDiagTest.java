package dev.portscope.linux.netlink;

import dev.portscope.model.NetlinkSocket;
import dev.portscope.model.PacketSocket;
import dev.portscope.model.TcpState;
import dev.portscope.model.UnixSocket;
import dev.portscope.source.Query;
import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * unix_diag, packet_diag and netlink_diag answers captured verbatim in a namespace holding
 * cli's {@code unix/unixmix.py} and {@code unix/linkmix.py} ({@code fixtures/diag/*.bin}), decoded
 * through the real dump loop over a {@link FakeChannel}, against {@code ss -xaH}, {@code ss -0anH}
 * and {@code ss -A netlink -anH} run at the same moment ({@code *.ss}).
 */
class FamilyDiagTest {

    private static FamilySource replaying(String capture) throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.path("diag/" + capture));
        return new FamilySource(() -> FakeChannel.replaying(bytes), () -> FakeChannel.replaying(links()));
    }

    /** An rtnetlink answer naming interface 1 "lo", then DONE. */
    static byte[] links() {
        byte[] b = new byte[256];
        int body = FamilyDiag.IFINFOMSG.size();
        int attr = InetDiag.NLA_HEADER + 3;                                 // "lo\0"
        int length = InetDiag.NLMSGHDR + body + attr;
        InetDiag.U32.set(b, 0, length);
        InetDiag.U16.set(b, 4, (short) FamilyDiag.RTM_NEWLINK);
        InetDiag.U32.set(b, InetDiag.NLMSGHDR + FamilyDiag.IFINFOMSG.offset("ifi_index"), 1);
        int at = InetDiag.NLMSGHDR + body;
        InetDiag.U16.set(b, at, (short) attr);
        InetDiag.U16.set(b, at + 2, (short) FamilyDiag.IFLA_IFNAME);
        b[at + 4] = 'l';
        b[at + 5] = 'o';
        int done = InetDiag.nlmsgAlign(length);
        InetDiag.U32.set(b, done, InetDiag.NLMSGHDR + 4);
        InetDiag.U16.set(b, done + 4, (short) InetDiag.NLMSG_DONE);
        return java.util.Arrays.copyOf(b, done + InetDiag.NLMSGHDR + 4);
    }

    private static List<String[]> ssRows(String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.path("diag/" + name))) {
            rows.add(line.trim().split("\\s+"));
        }
        return rows;
    }

    @Test
    void layoutsAreTheHeadersSizes() {
        assertEquals(24, FamilyDiag.UNIX_DIAG_REQ.size());
        assertEquals(16, FamilyDiag.UNIX_DIAG_MSG.size());
        assertEquals(20, FamilyDiag.PACKET_DIAG_REQ.size());
        assertEquals(16, FamilyDiag.PACKET_DIAG_MSG.size());
        assertEquals(24, FamilyDiag.PACKET_DIAG_INFO_STRUCT.size());
        assertEquals(44, FamilyDiag.PACKET_DIAG_MCLIST_STRUCT.size());
        assertEquals(20, FamilyDiag.NETLINK_DIAG_REQ.size());
        assertEquals(28, FamilyDiag.NETLINK_DIAG_MSG.size());
        assertEquals(16, FamilyDiag.IFINFOMSG.size());
    }

    /** ss's row of a UNIX socket: Netid State Recv-Q Send-Q Path Inode * Peer. */
    static String ssLine(UnixSocket s) {
        return String.join(" ", s.netid(), s.state().ssName(), Long.toString(s.recvQ()), Long.toString(s.sendQ()),
                s.name().orElse("*"), Long.toString(s.inode()), "*", Long.toString(s.peer()));
    }

    @Test
    void unixSocketsAreWhatSsPrinted() throws IOException {
        List<UnixSocket> sockets = replaying("unix.bin").unix(Query.EVERY_STATE, true, false);
        Set<String> ours = new TreeSet<>();
        sockets.forEach(s -> ours.add(ssLine(s)));
        Set<String> ss = new TreeSet<>();
        ssRows("unix.ss").forEach(r -> ss.add(String.join(" ", r)));
        assertEquals(20, ss.size());
        assertEquals(ss, ours);
        UnixSocket listener = sockets.stream().filter(s -> s.isListening() && s.recvQ() == 2).findFirst().orElseThrow();
        assertEquals(2, listener.pending().size(), "UNIX_DIAG_ICONS: the connections waiting");
        assertTrue(sockets.stream().anyMatch(s -> s.uid().orElse(-1) == 65534), "UNIX_DIAG_UID: nobody's sockets");
        assertTrue(sockets.stream().anyMatch(UnixSocket::isAbstract));
    }

    @Test
    void packetSocketsAreWhatSsPrinted() throws IOException {
        List<PacketSocket> sockets = replaying("packet.bin").packet();
        List<String> ours = sockets.stream().map(s -> String.join(" ", s.netid(), s.state().ssName(), Long.toString(s.recvQ()),
                Long.toString(s.sendQ()), (s.allProtocols() ? "*" : "[" + s.protocol() + "]") + ":"
                        + (s.interfaceIndex() == 0 ? "*" : s.interfaceName().orElseThrow()), "*")).sorted().toList();
        List<String> ss = ssRows("packet.ss").stream().map(r -> String.join(" ", r)).sorted().toList();
        assertEquals(ss, ours);
        assertEquals(List.of(true, false, false), sockets.stream().map(s -> s.promiscuous().orElseThrow()).toList(), "the sniffer on lo only");
    }

    @Test
    void netlinkSocketsAreWhatSsPrinted() throws IOException {
        List<NetlinkSocket> sockets = replaying("netlink.bin").netlink();
        Set<String> ours = new TreeSet<>();
        for (NetlinkSocket s : sockets) {
            ours.add(String.join(" ", s.state().ssName(), Long.toString(s.recvQ()), Long.toString(s.sendQ()),
                    s.protocol() + ":" + s.portId(), "*"));
        }
        Set<String> ss = new TreeSet<>();
        ssRows("netlink.ss").forEach(r -> ss.add(String.join(" ", r)));
        // each dumper's own sock_diag socket (ss's, the capturing script's) is its own
        ours.removeIf(r -> r.contains(" 4:") && !r.contains(" 4:0 "));
        ss.removeIf(r -> r.contains(" 4:") && !r.contains(" 4:0 "));
        assertEquals(ss, ours);
        assertEquals(sockets.size(), sockets.stream().map(NetlinkSocket::inode).filter(i -> i != 0).distinct().count()
                + sockets.stream().filter(s -> s.inode() == 0).count(), "a socket the kernel sent twice is kept once");
    }

    @Test
    void aKernelWithoutTheDiagModuleIsSaidInWords() {
        byte[] error = new byte[InetDiag.NLMSGHDR + 4];
        InetDiag.U32.set(error, 0, error.length);
        InetDiag.U16.set(error, 4, (short) InetDiag.NLMSG_DONE);
        InetDiag.U32.set(error, InetDiag.NLMSGHDR, -FakeChannel.ENOENT);
        FamilySource source = new FamilySource(() -> FakeChannel.replaying(error), () -> FakeChannel.replaying(links()));
        FamilySource.FamilyUnavailableException e = assertThrows(FamilySource.FamilyUnavailableException.class,
                () -> source.unix(Set.of(TcpState.LISTEN), false, false));
        assertTrue(e.getMessage().contains("unix_diag"), e.getMessage());
    }
}
