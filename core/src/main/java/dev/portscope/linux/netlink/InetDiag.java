package dev.portscope.linux.netlink;

import dev.portscope.linux.ffm.NativeException;
import dev.portscope.model.BoundInterface;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketExtras;
import dev.portscope.model.SocketTimer;
import dev.portscope.model.TcpState;
import dev.portscope.source.Query;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Pure encoding and decoding of sock_diag messages ({@code linux/netlink.h}, {@code linux/sock_diag.h},
 * {@code linux/inet_diag.h}) on byte arrays: no native memory here, so it is tested on captured bytes.
 * Headers are in host byte order; ports and addresses in network order.
 */
final class InetDiag {
    /** {@code sizeof(struct nlmsghdr)}. */
    static final int NLMSGHDR = 16;
    /** {@code sizeof(struct inet_diag_sockid)}. */
    static final int INET_DIAG_SOCKID = 48;
    /** {@code sizeof(struct inet_diag_req_v2)}. */
    static final int INET_DIAG_REQ_V2 = 56;
    /** {@code sizeof(struct inet_diag_msg)}. */
    static final int INET_DIAG_MSG = 72;

    static final int NETLINK_SOCK_DIAG = 4;
    static final int SOCK_DIAG_BY_FAMILY = 20;
    /** The request type older than sock_diag: one TCP dump of both families (AF_UNSPEC). */
    static final int TCPDIAG_GETSOCK = 18;
    /** struct inet_diag_req: family, src_len, dst_len, ext, sockid, states, dbs. */
    static final int INET_DIAG_REQ = 60;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 0x01;
    static final int NLM_F_DUMP = 0x300;
    /** Set by the kernel on a dump's messages when what it dumps changed under it (linux/netlink.h). */
    static final int NLM_F_DUMP_INTR = 0x10;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    /** With IPPROTO_RAW, raw_diag dumps raw sockets of every IP protocol. */
    static final int IPPROTO_RAW = 255;
    /** MPTCP's protocol number does not fit sdiag_protocol: it goes in an INET_DIAG_REQ_PROTOCOL attribute too (as ss sends it). */
    static final int IPPROTO_MPTCP = 262;
    static final int INET_DIAG_REQ_PROTOCOL = 3;
    /** Attribute types after an inet_diag_msg ({@code enum} in linux/inet_diag.h). */
    static final int NLA_HEADER = 4;
    static final int INET_DIAG_REQ_BYTECODE = 1;
    static final int INET_DIAG_INFO = 2, INET_DIAG_CONG = 4, INET_DIAG_SKMEMINFO = 7, INET_DIAG_SKV6ONLY = 11;
    /** The socket's cgroup v2 id (Linux 5.8+), sent with every socket unasked. */
    static final int INET_DIAG_CGROUP_ID = 21;

    /** Host-order views of a byte array, shared with {@link DiagAttributes}. */
    static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private InetDiag() {
    }

    /** What a received chunk held after its messages went to the sink. */
    enum Chunk { MORE, DONE }

    /** An {@code NLMSG_ERROR} with a non-zero error in reply to a dump. */
    static final class DumpError extends RuntimeException {
        final int errno;

        DumpError(int errno) {
            super("sock_diag dump failed: " + NativeException.describe(errno));
            this.errno = errno;
        }
    }

    static int nlmsgAlign(int length) {
        return (length + 3) & ~3;
    }

    static int protocolNumber(Protocol protocol) {
        return switch (protocol) {
            case TCP -> IPPROTO_TCP;
            case UDP -> IPPROTO_UDP;
            case RAW -> IPPROTO_RAW;
            case MPTCP -> IPPROTO_MPTCP;
        };
    }

    static int familyNumber(Family family) {
        return family == Family.IPV4 ? AF_INET : AF_INET6;
    }

    /**
     * The {@code idiag_states} mask for these states; a request socket (NEW_SYN_RECV) counts as
     * SYN-RECV. For TCP the CLOSE bit is dropped: no hashed TCP socket is in CLOSE, and any bit
     * but LISTEN makes the kernel walk every established socket, so {@code -tl} stays cheap.
     * BOUND_INACTIVE (bit 13) makes a 6.5+ kernel walk the bind hash too; older kernels ignore it.
     */
    static int stateMask(Set<TcpState> states, Protocol protocol) {
        int mask = 0;
        for (TcpState s : states) {
            mask |= 1 << s.code();
        }
        if (states.contains(TcpState.SYN_RECV)) {
            mask |= 1 << TcpState.NEW_SYN_RECV.code();
        }
        if (protocol == Protocol.TCP) {
            mask &= ~(1 << TcpState.CLOSE.code());
        } else {
            mask &= ~(1 << TcpState.BOUND_INACTIVE.code());
        }
        if (protocol == Protocol.MPTCP) {
            mask &= ~(1 << TcpState.CLOSE.code()); // as TCP: CLOSE would make the kernel walk every socket
        }
        return mask;
    }

    /** The {@code idiag_ext} bits that ask for these details: bit (attribute type - 1) each. */
    static int extensions(Set<Query.Detail> details, Protocol protocol) {
        int ext = 0;
        if (details.contains(Query.Detail.MEMORY)) {
            ext |= 1 << (INET_DIAG_SKMEMINFO - 1);
        }
        if (details.contains(Query.Detail.TCP_INFO) && protocol == Protocol.TCP) {
            ext |= (1 << (INET_DIAG_INFO - 1)) | (1 << (INET_DIAG_CONG - 1));
        }
        return ext;
    }

    /**
     * A {@code SOCK_DIAG_BY_FAMILY} dump request: nlmsghdr, inet_diag_req_v2, and the filter
     * program as an {@code INET_DIAG_REQ_BYTECODE} attribute when there is one.
     */
    static byte[] dumpRequest(Family family, Protocol protocol, int stateMask, int extensions, int sequence, Optional<byte[]> bytecode) {
        byte[] b = request(SOCK_DIAG_BY_FAMILY, INET_DIAG_REQ_V2, sequence, bytecode);
        if (protocolNumber(protocol) > 255) {
            b = withProtocolAttribute(b, protocolNumber(protocol));
        }
        b[NLMSGHDR] = (byte) familyNumber(family);                 // sdiag_family
        b[NLMSGHDR + 1] = (byte) protocolNumber(protocol);         // sdiag_protocol
        b[NLMSGHDR + 2] = (byte) extensions;                       // idiag_ext
        U32.set(b, NLMSGHDR + 4, stateMask);                       // idiag_states; id stays zero: all sockets
        return b;
    }

    /**
     * A {@code TCPDIAG_GETSOCK} dump request: TCP sockets of both families in one walk of the
     * kernel's tables (the compat path sets sdiag_family to AF_UNSPEC), where two
     * {@code SOCK_DIAG_BY_FAMILY} dumps walk them twice. The established hash is global, so
     * every walk costs ~0.5 ms here even in an empty namespace: reading 50 namespaces, that walk is
     * most of the kernel's time. ss sends this only as a fallback.
     */
    static byte[] tcpBothFamiliesRequest(int stateMask, int extensions, int sequence, Optional<byte[]> bytecode) {
        byte[] b = request(TCPDIAG_GETSOCK, INET_DIAG_REQ, sequence, bytecode);
        b[NLMSGHDR] = (byte) AF_INET;                              // idiag_family: ignored by the compat dump
        b[NLMSGHDR + 3] = (byte) extensions;                       // idiag_ext
        U32.set(b, NLMSGHDR + 4 + INET_DIAG_SOCKID, stateMask);    // idiag_states, after the zero id; idiag_dbs 0
        return b;
    }

    /** SOCK_DESTROY (sock_diag.h): what ss -K sends, one socket named exactly, acked with an errno. */
    static final int SOCK_DESTROY = 21;
    static final int NLM_F_ACK = 0x04;

    /**
     * A {@code SOCK_DESTROY} request for this socket: inet_diag_req_v2 naming its family, protocol,
     * both ends and cookie (the kernel refuses a socket whose cookie differs: no other socket that
     * took the same ends meanwhile is hit).
     */
    static byte[] destroyRequest(SocketEntry s, int sequence) {
        return oneSocketRequest(SOCK_DESTROY, NLM_F_ACK, 0, s.family(), s.protocol(), s.local(), s.remote(),
                s.extras().cookie().orElse(-1L), sequence);                 // INET_DIAG_NOCOOKIE when unknown
    }

    /**
     * A request for the one TCP socket of {@code family} with these ends, with its tcp_info: the
     * kernel looks it up as it would for an arriving packet (an established socket, a TIME-WAIT
     * one, or failing those a listener on the port) and answers with one message or an error.
     */
    static byte[] findRequest(Family family, Endpoint local, Endpoint remote, int sequence) {
        return oneSocketRequest(SOCK_DIAG_BY_FAMILY, 0, 1 << (INET_DIAG_INFO - 1), family, Protocol.TCP, local, remote, -1L, sequence);
    }

    private static byte[] oneSocketRequest(int type, int flags, int extensions, Family family, Protocol protocol,
                                           Endpoint local, Endpoint remote, long cookie, int sequence) {
        byte[] b = new byte[NLMSGHDR + INET_DIAG_REQ_V2];
        U32.set(b, 0, b.length);                                   // nlmsg_len
        U16.set(b, 4, (short) type);                               // nlmsg_type
        U16.set(b, 6, (short) (NLM_F_REQUEST | flags));            // nlmsg_flags
        U32.set(b, 8, sequence);                                   // nlmsg_seq
        b[NLMSGHDR] = (byte) familyNumber(family);                 // sdiag_family
        b[NLMSGHDR + 1] = (byte) protocolNumber(protocol);         // sdiag_protocol
        b[NLMSGHDR + 2] = (byte) extensions;                       // idiag_ext
        U32.set(b, NLMSGHDR + 4, -1);                              // idiag_states: any
        int id = NLMSGHDR + 8;
        b[id] = (byte) (local.port() >> 8);                        // idiag_sport, big-endian
        b[id + 1] = (byte) local.port();
        b[id + 2] = (byte) (remote.port() >> 8);                   // idiag_dport
        b[id + 3] = (byte) remote.port();
        byte[] src = local.address().getAddress();
        byte[] dst = remote.address().getAddress();
        if (family == Family.IPV6 && src.length == 4) {            // an IPv6 socket Java shows as IPv4: mapped again
            src = mapped(src);
            dst = mapped(dst);
        }
        System.arraycopy(src, 0, b, id + 4, src.length);           // idiag_src
        System.arraycopy(dst, 0, b, id + 20, dst.length);          // idiag_dst; idiag_if 0
        U32.set(b, id + 40, (int) cookie);                         // idiag_cookie
        U32.set(b, id + 44, (int) (cookie >>> 32));
        return b;
    }

    private static byte[] mapped(byte[] v4) {
        byte[] a = new byte[16];
        a[10] = (byte) 0xff;
        a[11] = (byte) 0xff;
        System.arraycopy(v4, 0, a, 12, 4);
        return a;
    }

    /** The errno of the NLMSG_ERROR acking a request (0: done); empty when the chunk holds none. */
    static Optional<Integer> ackError(byte[] b, int length) {
        for (int offset = 0; offset + NLMSGHDR + 4 <= length; ) {
            int messageLength = (int) U32.get(b, offset);
            if (messageLength < NLMSGHDR) {
                break;
            }
            if (Short.toUnsignedInt((short) U16.get(b, offset + 4)) == NLMSG_ERROR) {
                return Optional.of(-(int) U32.get(b, offset + NLMSGHDR));
            }
            offset += nlmsgAlign(messageLength);
        }
        return Optional.empty();
    }

    /** The request with an {@code INET_DIAG_REQ_PROTOCOL} attribute (u32) appended, its length updated. */
    private static byte[] withProtocolAttribute(byte[] request, int protocol) {
        byte[] b = java.util.Arrays.copyOf(request, request.length + NLA_HEADER + 4);
        U16.set(b, request.length, (short) (NLA_HEADER + 4));     // nla_len
        U16.set(b, request.length + 2, (short) INET_DIAG_REQ_PROTOCOL);
        U32.set(b, request.length + NLA_HEADER, protocol);
        U32.set(b, 0, b.length);                                   // nlmsg_len
        return b;
    }

    private static byte[] request(int type, int body, int sequence, Optional<byte[]> bytecode) {
        int attribute = bytecode.map(code -> NLA_HEADER + code.length).orElse(0);
        byte[] b = new byte[NLMSGHDR + body + attribute];
        bytecode.ifPresent(code -> {
            int at = NLMSGHDR + body;
            U16.set(b, at, (short) attribute);                     // nla_len
            U16.set(b, at + 2, (short) INET_DIAG_REQ_BYTECODE);    // nla_type
            System.arraycopy(code, 0, b, at + NLA_HEADER, code.length);
        });
        U32.set(b, 0, b.length);                                   // nlmsg_len
        U16.set(b, 4, (short) type);                               // nlmsg_type
        U16.set(b, 6, (short) (NLM_F_REQUEST | NLM_F_DUMP));       // nlmsg_flags
        U32.set(b, 8, sequence);                                   // nlmsg_seq
        return b;
    }

    /**
     * Decodes the messages of one received chunk and hands each socket to {@code sink}.
     *
     * @throws DumpError when the kernel answered with an error
     */
    static Chunk parse(byte[] b, int length, Protocol protocol, Consumer<SocketEntry> sink) {
        return messages(b, length, INET_DIAG_MSG, (at, end) -> socket(b, at, end, protocol).ifPresent(sink));
    }

    /** Where one answer's body starts and ends in a chunk. */
    interface BodySink {
        void accept(int at, int end);
    }

    /**
     * Walks the messages of one received chunk of a sock_diag dump, handing each answer's body (at
     * least {@code minBody} long) to {@code sink}.
     *
     * @throws DumpError when the kernel answered with an error
     */
    static Chunk messages(byte[] b, int length, int minBody, BodySink sink) {
        return messages(b, length, minBody, type -> type == SOCK_DIAG_BY_FAMILY || type == TCPDIAG_GETSOCK, sink);
    }

    /** {@link #messages(byte[], int, int, BodySink)} for answers of the types {@code answers} accepts (another netlink protocol's). */
    static Chunk messages(byte[] b, int length, int minBody, java.util.function.IntPredicate answers, BodySink sink) {
        int offset = 0;
        while (offset + NLMSGHDR <= length) {
            int messageLength = (int) U32.get(b, offset);
            int type = Short.toUnsignedInt((short) U16.get(b, offset + 4));
            if (messageLength < NLMSGHDR || offset + messageLength > length) {
                throw new IllegalStateException("malformed netlink message at offset " + offset + ", length " + messageLength);
            }
            if (type == NLMSG_DONE) {
                // A dump that fails (e.g. no diag module for the protocol) says so in DONE's payload.
                int error = messageLength >= NLMSGHDR + 4 ? (int) U32.get(b, offset + NLMSGHDR) : 0;
                if (error < 0) {
                    throw new DumpError(-error);
                }
                return Chunk.DONE;
            }
            if (type == NLMSG_ERROR) {
                int error = (int) U32.get(b, offset + NLMSGHDR);
                if (error != 0) {
                    throw new DumpError(-error);
                }
            } else if (answers.test(type) && messageLength >= NLMSGHDR + minBody) {
                sink.accept(offset + NLMSGHDR, offset + messageLength);
            }
            offset += nlmsgAlign(messageLength);
        }
        return Chunk.MORE;
    }

    /** Whether any message of the chunk carries {@code NLM_F_DUMP_INTR}. */
    static boolean interrupted(byte[] b, int length) {
        for (int offset = 0; offset + NLMSGHDR <= length; ) {
            int messageLength = (int) U32.get(b, offset);
            if ((Short.toUnsignedInt((short) U16.get(b, offset + 6)) & NLM_F_DUMP_INTR) != 0) {
                return true;
            }
            if (messageLength < NLMSGHDR) {
                return false;
            }
            offset += nlmsgAlign(messageLength);
        }
        return false;
    }

    /** One {@code inet_diag_msg} at {@code at}, with its attributes up to {@code end}. */
    static Optional<SocketEntry> socket(byte[] b, int at, int end, Protocol protocol) {
        int familyNumber = b[at] & 0xff;
        Family family = familyNumber == AF_INET ? Family.IPV4 : familyNumber == AF_INET6 ? Family.IPV6 : null;
        Optional<TcpState> state = TcpState.ofCode(b[at + 1] & 0xff, protocol);
        if (family == null || state.isEmpty()) {
            return Optional.empty();
        }
        int id = at + 4;
        int localPort = ((b[id] & 0xff) << 8) | (b[id + 1] & 0xff);
        int remotePort = ((b[id + 2] & 0xff) << 8) | (b[id + 3] & 0xff);
        Endpoint local = Endpoint.of(address(b, id + 4, family), localPort);
        Endpoint remote = Endpoint.of(address(b, id + 20, family), remotePort);
        int after = id + INET_DIAG_SOCKID;                        // idiag_expires, rqueue, wqueue, uid, inode
        long recvQ = Integer.toUnsignedLong((int) U32.get(b, after + 4));
        long sendQ = Integer.toUnsignedLong((int) U32.get(b, after + 8));
        int uid = (int) U32.get(b, after + 12);
        long inode = Integer.toUnsignedLong((int) U32.get(b, after + 16));
        long cookie = Integer.toUnsignedLong((int) U32.get(b, id + 40)) | ((long) (int) U32.get(b, id + 44) << 32);
        int timerCode = b[at + 2] & 0xff;
        Optional<SocketTimer> timer = timerCode == 0 ? Optional.empty() : Optional.of(new SocketTimer(
                SocketTimer.Kind.ofCode(timerCode), Integer.toUnsignedLong((int) U32.get(b, after)), b[at + 3] & 0xff));
        int boundTo = (int) U32.get(b, id + 36);                   // idiag_if: sk_bound_dev_if, 0 for none
        SocketExtras extras = DiagAttributes.parse(b, at + INET_DIAG_MSG, end, cookie, timer,
                boundTo > 0 ? Optional.of(new BoundInterface(boundTo, Optional.empty())) : Optional.empty());
        return Optional.of(new SocketEntry(protocol, family, state.get(), local, remote, recvQ, sendQ, uid, inode, extras));
    }

    private static byte[] address(byte[] b, int at, Family family) {
        byte[] a = new byte[family.addressLength()];
        System.arraycopy(b, at, a, 0, a.length);
        return a;
    }
}
