package dev.portscope.linux.netlink;

import dev.portscope.model.BoundInterface;
import dev.portscope.model.SocketExtras;
import dev.portscope.model.SocketMemory;
import dev.portscope.model.SocketTimer;
import dev.portscope.model.TcpInfo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes the {@code rtattr}s that follow an inet_diag_msg: {u16 len, u16 type, payload}, each
 * aligned to 4 bytes. A payload shorter than the struct this kernel version knows (older kernels
 * send a shorter tcp_info) reads as zeros past its end.
 */
final class DiagAttributes {
    private static final VarHandle U16 = InetDiag.U16;
    private static final VarHandle U32 = InetDiag.U32;
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private DiagAttributes() {
    }

    static SocketExtras parse(byte[] b, int from, int end, long cookie, Optional<SocketTimer> timer,
                              Optional<BoundInterface> boundInterface) {
        Optional<Boolean> v6only = Optional.empty();
        Optional<SocketMemory> memory = Optional.empty();
        Optional<TcpInfo> tcpInfo = Optional.empty();
        Optional<String> congestion = Optional.empty();
        OptionalLong cgroup = OptionalLong.empty();
        int pos = from;
        while (pos + 4 <= end) {
            int length = Short.toUnsignedInt((short) U16.get(b, pos));
            int type = Short.toUnsignedInt((short) U16.get(b, pos + 2)) & 0x3fff; // drop NLA_F_NESTED / NET_BYTEORDER
            if (length < 4 || pos + length > end) {
                break;
            }
            Payload p = new Payload(b, pos + 4, length - 4);
            switch (type) {
                case InetDiag.INET_DIAG_SKV6ONLY -> v6only = Optional.of(p.u8(0) != 0);
                case InetDiag.INET_DIAG_SKMEMINFO -> memory = Optional.of(memory(p));
                case InetDiag.INET_DIAG_INFO -> tcpInfo = Optional.of(tcpInfo(p));
                case InetDiag.INET_DIAG_CONG -> congestion = Optional.of(p.cString());
                case InetDiag.INET_DIAG_CGROUP_ID -> cgroup = p.length() >= 8 ? OptionalLong.of(p.u64(0)) : OptionalLong.empty();
                default -> { }
            }
            pos += InetDiag.nlmsgAlign(length);
        }
        return new SocketExtras(OptionalLong.of(cookie), v6only, timer, memory, tcpInfo, congestion, cgroup, boundInterface);
    }

    /** {@code sk_meminfo}, u32 each (what INET_DIAG_SKMEMINFO and UNIX_DIAG_MEMINFO carry), from {@code length} bytes at {@code at}. */
    static SocketMemory memory(byte[] b, int at, int length) {
        return memory(new Payload(b, at, length));
    }

    private static SocketMemory memory(Payload p) {
        return new SocketMemory(p.u32(0), p.u32(4), p.u32(8), p.u32(12), p.u32(16), p.u32(20), p.u32(24), p.u32(28), p.u32(32));
    }

    /** Fields by the names linux/tcp.h gives them ({@link TcpInfoLayout}). */
    private static TcpInfo tcpInfo(Payload p) {
        int wscale = p.u8(TcpInfoLayout.WSCALE);
        return new TcpInfo(p.u8(TcpInfoLayout.CA_STATE), p.u8(TcpInfoLayout.RETRANSMITS), p.u8(TcpInfoLayout.PROBES),
                p.u8(TcpInfoLayout.BACKOFF), p.u8(TcpInfoLayout.OPTIONS), wscale & 0x0f, wscale >>> 4,
                (p.u8(TcpInfoLayout.APP_LIMITED) & 1) != 0,
                p.u32(TcpInfoLayout.RTO), p.u32(TcpInfoLayout.ATO), p.u32(TcpInfoLayout.SND_MSS), p.u32(TcpInfoLayout.RCV_MSS),
                p.u32(TcpInfoLayout.UNACKED), p.u32(TcpInfoLayout.SACKED), p.u32(TcpInfoLayout.LOST), p.u32(TcpInfoLayout.RETRANS),
                p.u32(TcpInfoLayout.LAST_DATA_SENT), p.u32(TcpInfoLayout.LAST_DATA_RECV), p.u32(TcpInfoLayout.LAST_ACK_RECV),
                p.u32(TcpInfoLayout.PMTU), p.u32(TcpInfoLayout.RCV_SSTHRESH), p.u32(TcpInfoLayout.RTT), p.u32(TcpInfoLayout.RTTVAR),
                p.u32(TcpInfoLayout.SND_SSTHRESH), p.u32(TcpInfoLayout.SND_CWND),
                p.u32(TcpInfoLayout.ADVMSS), p.u32(TcpInfoLayout.REORDERING), p.u32(TcpInfoLayout.RCV_RTT),
                p.u32(TcpInfoLayout.RCV_SPACE), p.u32(TcpInfoLayout.TOTAL_RETRANS),
                p.u64(TcpInfoLayout.PACING_RATE), p.u64(TcpInfoLayout.MAX_PACING_RATE), p.u64(TcpInfoLayout.BYTES_ACKED),
                p.u64(TcpInfoLayout.BYTES_RECEIVED),
                p.u32(TcpInfoLayout.SEGS_OUT), p.u32(TcpInfoLayout.SEGS_IN), p.u32(TcpInfoLayout.NOTSENT_BYTES),
                p.u32(TcpInfoLayout.MIN_RTT), p.u32(TcpInfoLayout.DATA_SEGS_IN), p.u32(TcpInfoLayout.DATA_SEGS_OUT),
                p.u64(TcpInfoLayout.DELIVERY_RATE), p.u64(TcpInfoLayout.BUSY_TIME), p.u32(TcpInfoLayout.DELIVERED),
                p.u64(TcpInfoLayout.BYTES_SENT), p.u64(TcpInfoLayout.BYTES_RETRANS),
                p.u32(TcpInfoLayout.DSACK_DUPS), p.u32(TcpInfoLayout.REORD_SEEN), p.u32(TcpInfoLayout.SND_WND));
    }

    /** One attribute's payload; reads past its end give 0. */
    private record Payload(byte[] b, int at, int length) {
        int u8(int offset) {
            return offset < length ? b[at + offset] & 0xff : 0;
        }

        long u32(int offset) {
            return offset + 4 <= length ? Integer.toUnsignedLong((int) U32.get(b, at + offset)) : 0;
        }

        long u64(int offset) {
            return offset + 8 <= length ? (long) U64.get(b, at + offset) : 0;
        }

        String cString() {
            int n = 0;
            while (n < length && b[at + n] != 0) {
                n++;
            }
            return new String(b, at, n, StandardCharsets.US_ASCII);
        }
    }
}
