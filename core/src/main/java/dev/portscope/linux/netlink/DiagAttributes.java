package dev.portscope.linux.netlink;

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

    static SocketExtras parse(byte[] b, int from, int end, long cookie, Optional<SocketTimer> timer) {
        Optional<Boolean> v6only = Optional.empty();
        Optional<SocketMemory> memory = Optional.empty();
        Optional<TcpInfo> tcpInfo = Optional.empty();
        Optional<String> congestion = Optional.empty();
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
                default -> { }
            }
            pos += InetDiag.nlmsgAlign(length);
        }
        return new SocketExtras(OptionalLong.of(cookie), v6only, timer, memory, tcpInfo, congestion);
    }

    private static SocketMemory memory(Payload p) {
        return new SocketMemory(p.u32(0), p.u32(4), p.u32(8), p.u32(12), p.u32(16), p.u32(20), p.u32(24), p.u32(28), p.u32(32));
    }

    /** Offsets are those of struct tcp_info in linux/tcp.h. */
    private static TcpInfo tcpInfo(Payload p) {
        int wscale = p.u8(6);
        return new TcpInfo(p.u8(1), p.u8(2), p.u8(3), p.u8(4), p.u8(5), wscale & 0x0f, wscale >>> 4, (p.u8(7) & 1) != 0,
                p.u32(8), p.u32(12), p.u32(16), p.u32(20),
                p.u32(24), p.u32(28), p.u32(32), p.u32(36),
                p.u32(44), p.u32(52), p.u32(56),
                p.u32(60), p.u32(64), p.u32(68), p.u32(72), p.u32(76), p.u32(80),
                p.u32(84), p.u32(88), p.u32(92), p.u32(96), p.u32(100),
                p.u64(104), p.u64(112), p.u64(120), p.u64(128),
                p.u32(136), p.u32(140), p.u32(144), p.u32(148), p.u32(152), p.u32(156),
                p.u64(160), p.u64(168), p.u32(192), p.u64(200), p.u64(208),
                p.u32(216), p.u32(220), p.u32(228));
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
