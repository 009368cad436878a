package dev.portscope.linux.netlink;

import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Decoding checked against messages laid out field by field after linux/inet_diag.h. */
class InetDiagTest {

    /** One SOCK_DIAG_BY_FAMILY reply: nlmsghdr, inet_diag_msg, then an attribute to be stepped over. */
    static void diagMessage(ByteBuffer b, int family, int state, byte[] src, int sport, byte[] dst, int dport,
                                    int rqueue, int wqueue, int uid, int inode) {
        int attribute = 8;
        b.putInt(16 + 72 + attribute).putShort((short) 20).putShort((short) 2).putInt(1).putInt(0);
        b.put((byte) family).put((byte) state).put((byte) 0).put((byte) 0);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) sport).putShort((short) dport).order(ByteOrder.nativeOrder());
        b.put(src).put(new byte[16 - src.length]).put(dst).put(new byte[16 - dst.length]);
        b.putInt(0).putInt(0).putInt(0);                      // idiag_if (0: bound to no interface), idiag_cookie[2]
        b.putInt(0).putInt(rqueue).putInt(wqueue).putInt(uid).putInt(inode);
        b.putShort((short) attribute).putShort((short) 8).putInt(0); // an INET_DIAG_SHUTDOWN-sized rtattr
    }

    @Test
    void structSizesMatchTheKernelHeaders() {
        assertEquals(16, InetDiag.NLMSGHDR);
        assertEquals(48, InetDiag.INET_DIAG_SOCKID);
        assertEquals(56, InetDiag.INET_DIAG_REQ_V2);
        assertEquals(72, InetDiag.INET_DIAG_MSG);
        byte[] request = InetDiag.dumpRequest(Family.IPV6, Protocol.UDP, 0xfff, 0, 7, Optional.empty());
        ByteBuffer b = ByteBuffer.wrap(request).order(ByteOrder.nativeOrder());
        assertEquals(72, request.length);
        assertEquals(72, b.getInt(0));
        assertEquals(20, b.getShort(4));
        assertEquals(0x301, b.getShort(6));
        assertEquals(7, b.getInt(8));
        assertEquals(10, request[16]);
        assertEquals(17, request[17]);
        assertEquals(0xfff, b.getInt(20));
    }

    @Test
    void decodesMessagesAndStopsAtDone() {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
        diagMessage(b, 2, 10, new byte[] {127, 0, 0, 1}, 8080, new byte[4], 0, 3, 128, 1000, 4242);
        byte[] v6 = new byte[16];
        v6[15] = 1;
        diagMessage(b, 10, 1, v6, 443, v6, 50000, 0, 5, 0, 99);
        b.putInt(20).putShort((short) 3).putShort((short) 2).putInt(1).putInt(0).putInt(0); // NLMSG_DONE
        List<SocketEntry> got = new ArrayList<>();
        assertEquals(InetDiag.Chunk.DONE, InetDiag.parse(b.array(), b.position(), Protocol.TCP, got::add));
        assertEquals(2, got.size());
        SocketEntry listener = got.get(0);
        assertEquals("[127.0.0.1:8080, 0.0.0.0:0]", List.of(listener.local(), listener.remote()).toString());
        assertEquals(TcpState.LISTEN, listener.state());
        assertEquals(3, listener.recvQ());
        assertEquals(128, listener.sendQ());
        assertEquals(1000, listener.uid());
        assertEquals(4242, listener.inode());
        SocketEntry v6Entry = got.get(1);
        assertEquals(Family.IPV6, v6Entry.family());
        assertEquals("[::1]:50000", v6Entry.remote().toString());
        assertEquals(TcpState.ESTABLISHED, v6Entry.state());
    }

    @Test
    void aChunkWithoutDoneAsksForMore() {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        diagMessage(b, 2, 1, new byte[] {127, 0, 0, 1}, 1, new byte[] {127, 0, 0, 1}, 2, 0, 0, 0, 1);
        assertEquals(InetDiag.Chunk.MORE, InetDiag.parse(b.array(), b.position(), Protocol.TCP, e -> { }));
    }

    @Test
    void anErrorReplyBecomesADumpError() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        b.putInt(36).putShort((short) 2).putShort((short) 0).putInt(1).putInt(0).putInt(-2).put(new byte[16]);
        InetDiag.DumpError e = assertThrows(InetDiag.DumpError.class, () -> InetDiag.parse(b.array(), b.position(), Protocol.UDP, x -> { }));
        assertEquals(2, e.errno);
    }

    @Test
    void aTruncatedMessageIsRejected() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        b.putInt(200).putShort((short) 20).putShort((short) 2).putInt(1).putInt(0);
        assertThrows(IllegalStateException.class, () -> InetDiag.parse(b.array(), 64, Protocol.TCP, x -> { }));
    }

    @Test
    void stateMaskCountsRequestSocketsAsSynRecv() {
        assertEquals((1 << 10) | (1 << 7), InetDiag.stateMask(EnumSet.of(TcpState.LISTEN, TcpState.CLOSE), Protocol.UDP));
        assertEquals(1 << 10, InetDiag.stateMask(EnumSet.of(TcpState.LISTEN, TcpState.CLOSE), Protocol.TCP));
        assertEquals((1 << 3) | (1 << 12), InetDiag.stateMask(EnumSet.of(TcpState.SYN_RECV), Protocol.TCP));
    }
}
