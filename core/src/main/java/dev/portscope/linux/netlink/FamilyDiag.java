package dev.portscope.linux.netlink;

import dev.portscope.model.NetlinkSocket;
import dev.portscope.model.PacketSocket;
import dev.portscope.model.SocketMemory;
import dev.portscope.model.TcpState;
import dev.portscope.model.UnixSocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Pure encoding and decoding of the sock_diag messages of the families beside inet:
 * {@code linux/unix_diag.h}, {@code linux/packet_diag.h}, {@code linux/netlink_diag.h}. Requests
 * are {@code SOCK_DIAG_BY_FAMILY} dumps; each answer is one fixed message and its attributes.
 */
final class FamilyDiag {
    static final int AF_UNIX = 1, AF_NETLINK = 16, AF_PACKET = 17;

    static final CStruct UNIX_DIAG_REQ = new CStruct().u8("sdiag_family", "sdiag_protocol").u16("pad")
            .u32("udiag_states", "udiag_ino", "udiag_show", "udiag_cookie0", "udiag_cookie1");
    static final CStruct UNIX_DIAG_MSG = new CStruct().u8("udiag_family", "udiag_type", "udiag_state", "pad")
            .u32("udiag_ino", "udiag_cookie0", "udiag_cookie1");
    // offsets looked up once: by name per message was a third of a cold 18,000-socket read
    private static final int UDIAG_TYPE = UNIX_DIAG_MSG.offset("udiag_type"), UDIAG_STATE = UNIX_DIAG_MSG.offset("udiag_state"),
            UDIAG_INO = UNIX_DIAG_MSG.offset("udiag_ino"), UNIX_MSG_SIZE = UNIX_DIAG_MSG.size();
    static final int UDIAG_SHOW_NAME = 0x01, UDIAG_SHOW_PEER = 0x04, UDIAG_SHOW_ICONS = 0x08, UDIAG_SHOW_RQLEN = 0x10,
            UDIAG_SHOW_MEMINFO = 0x20, UDIAG_SHOW_UID = 0x40;
    static final int UNIX_DIAG_NAME = 0, UNIX_DIAG_PEER = 2, UNIX_DIAG_ICONS = 3, UNIX_DIAG_RQLEN = 4, UNIX_DIAG_MEMINFO = 5,
            UNIX_DIAG_UID = 7;

    static final CStruct PACKET_DIAG_REQ = new CStruct().u8("sdiag_family", "sdiag_protocol").u16("pad")
            .u32("pdiag_ino", "pdiag_show", "pdiag_cookie0", "pdiag_cookie1");
    static final CStruct PACKET_DIAG_MSG = new CStruct().u8("pdiag_family", "pdiag_type").u16("pdiag_num")
            .u32("pdiag_ino", "pdiag_cookie0", "pdiag_cookie1");
    static final CStruct PACKET_DIAG_INFO_STRUCT = new CStruct()
            .u32("pdi_index", "pdi_version", "pdi_reserve", "pdi_copy_thresh", "pdi_tstamp", "pdi_flags");
    static final CStruct PACKET_DIAG_MCLIST_STRUCT = new CStruct().u32("pdmc_index", "pdmc_count").u16("pdmc_type", "pdmc_alen")
            .bytes("pdmc_addr", 32);                                           // MAX_ADDR_LEN
    static final int PACKET_SHOW_INFO = 0x01, PACKET_SHOW_MCLIST = 0x02, PACKET_SHOW_MEMINFO = 0x10;
    static final int PACKET_DIAG_INFO = 0, PACKET_DIAG_MCLIST = 1, PACKET_DIAG_UID = 5, PACKET_DIAG_MEMINFO = 6;
    /** {@code PACKET_MR_PROMISC} in a membership list entry: the socket made the interface promiscuous. */
    static final int PACKET_MR_PROMISC = 1;

    static final CStruct NETLINK_DIAG_REQ = new CStruct().u8("sdiag_family", "sdiag_protocol").u16("pad")
            .u32("ndiag_ino", "ndiag_show", "ndiag_cookie0", "ndiag_cookie1");
    static final CStruct NETLINK_DIAG_MSG = new CStruct().u8("ndiag_family", "ndiag_type", "ndiag_protocol", "ndiag_state")
            .u32("ndiag_portid", "ndiag_dst_portid", "ndiag_dst_group", "ndiag_ino", "ndiag_cookie0", "ndiag_cookie1");
    static final int NDIAG_PROTO_ALL = 255, NDIAG_SHOW_MEMINFO = 0x01, NDIAG_SHOW_GROUPS = 0x02;
    static final int NETLINK_DIAG_MEMINFO = 0, NETLINK_DIAG_GROUPS = 1;
    static final int NETLINK_CONNECTED = 1;
    /** {@code SK_MEMINFO_RMEM_ALLOC} and {@code SK_MEMINFO_WMEM_ALLOC}: u32 indexes into a meminfo attribute. */
    static final int SK_MEMINFO_RMEM_ALLOC = 0, SK_MEMINFO_WMEM_ALLOC = 2;

    static final int NETLINK_ROUTE = 0, RTM_NEWLINK = 16, RTM_GETLINK = 18, IFLA_IFNAME = 3;
    static final CStruct IFINFOMSG = new CStruct().u8("ifi_family", "ifi_pad").u16("ifi_type").u32("ifi_index", "ifi_flags", "ifi_change");

    private FamilyDiag() {
    }

    /**
     * A unix_diag dump of sockets in these states; {@code pending} adds each listener's waiting
     * connections, {@code memory} each socket's memory (sk_meminfo).
     */
    static byte[] unixRequest(Set<TcpState> states, boolean pending, boolean memory, int sequence) {
        byte[] b = request(UNIX_DIAG_REQ, sequence);
        b[at(UNIX_DIAG_REQ, "sdiag_family")] = AF_UNIX;
        int mask = 0;
        for (TcpState s : states) {
            mask |= 1 << s.code();
        }
        InetDiag.U32.set(b, at(UNIX_DIAG_REQ, "udiag_states"), mask);
        InetDiag.U32.set(b, at(UNIX_DIAG_REQ, "udiag_show"),
                UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN | UDIAG_SHOW_UID | (pending ? UDIAG_SHOW_ICONS : 0)
                        | (memory ? UDIAG_SHOW_MEMINFO : 0));
        return b;
    }

    /** A packet_diag dump: every packet socket with its interface, uid, memberships and memory. */
    static byte[] packetRequest(int sequence) {
        byte[] b = request(PACKET_DIAG_REQ, sequence);
        b[at(PACKET_DIAG_REQ, "sdiag_family")] = AF_PACKET;
        InetDiag.U32.set(b, at(PACKET_DIAG_REQ, "pdiag_show"), PACKET_SHOW_INFO | PACKET_SHOW_MCLIST | PACKET_SHOW_MEMINFO);
        return b;
    }

    /** A netlink_diag dump of every protocol's sockets with their groups and memory. */
    static byte[] netlinkRequest(int sequence) {
        byte[] b = request(NETLINK_DIAG_REQ, sequence);
        b[at(NETLINK_DIAG_REQ, "sdiag_family")] = AF_NETLINK;
        b[at(NETLINK_DIAG_REQ, "sdiag_protocol")] = (byte) NDIAG_PROTO_ALL;
        InetDiag.U32.set(b, at(NETLINK_DIAG_REQ, "ndiag_show"), NDIAG_SHOW_MEMINFO | NDIAG_SHOW_GROUPS);
        return b;
    }

    /** An rtnetlink dump of every interface ({@code ip link}): their indexes and names, for packet sockets. */
    static byte[] linksRequest(int sequence) {
        return request(IFINFOMSG, RTM_GETLINK, sequence);
    }

    /** One {@code RTM_NEWLINK} answer: the interface's index and {@code IFLA_IFNAME}. */
    static Optional<java.util.Map.Entry<Integer, String>> link(byte[] b, int at, int end) {
        int index = (int) InetDiag.U32.get(b, at + IFINFOMSG.offset("ifi_index"));
        Rtattrs a = Rtattrs.parse(b, at + IFINFOMSG.size(), end, IFLA_IFNAME);
        if (!a.has(IFLA_IFNAME)) {
            return Optional.empty();
        }
        int n = 0;
        while (n < a.length(IFLA_IFNAME) && b[a.at(IFLA_IFNAME) + n] != 0) {
            n++;
        }
        return Optional.of(java.util.Map.entry(index, new String(b, a.at(IFLA_IFNAME), n, StandardCharsets.UTF_8)));
    }

    private static byte[] request(CStruct body, int sequence) {
        return request(body, InetDiag.SOCK_DIAG_BY_FAMILY, sequence);
    }

    private static byte[] request(CStruct body, int type, int sequence) {
        byte[] b = new byte[InetDiag.NLMSGHDR + body.size()];
        InetDiag.U32.set(b, 0, b.length);                                                         // nlmsg_len
        InetDiag.U16.set(b, 4, (short) type);                                                     // nlmsg_type
        InetDiag.U16.set(b, 6, (short) (InetDiag.NLM_F_REQUEST | InetDiag.NLM_F_DUMP));            // nlmsg_flags
        InetDiag.U32.set(b, 8, sequence);                                                         // nlmsg_seq
        return b;
    }

    private static int at(CStruct request, String field) {
        return InetDiag.NLMSGHDR + request.offset(field);
    }

    /** One {@code unix_diag_msg} at {@code at}, with its attributes up to {@code end}. */
    static Optional<UnixSocket> unix(byte[] b, int at, int end) {
        if (end - at < UNIX_MSG_SIZE) {
            return Optional.empty();
        }
        UnixSocket.Type type = UnixSocket.Type.ofCode(b[at + UDIAG_TYPE] & 0xff);
        TcpState state = TcpState.ofCode(b[at + UDIAG_STATE] & 0xff).orElse(TcpState.CLOSE);
        long inode = u32(b, at + UDIAG_INO);
        Rtattrs a = Rtattrs.parse(b, at + UNIX_MSG_SIZE, end, UNIX_DIAG_UID);
        Optional<String> name = a.has(UNIX_DIAG_NAME) ? Optional.of(unixName(b, a.at(UNIX_DIAG_NAME), a.length(UNIX_DIAG_NAME)))
                : Optional.empty();
        long peer = a.u32(UNIX_DIAG_PEER, 0);
        long recvQ = a.u32(UNIX_DIAG_RQLEN, 0), sendQ = a.u32(UNIX_DIAG_RQLEN, 4);
        OptionalInt uid = a.length(UNIX_DIAG_UID) >= 4 ? OptionalInt.of((int) a.u32(UNIX_DIAG_UID, 0)) : OptionalInt.empty();
        List<Long> pending = List.of();
        if (a.length(UNIX_DIAG_ICONS) >= 4) {
            pending = new ArrayList<>(a.length(UNIX_DIAG_ICONS) / 4);
            for (int i = 0; i + 4 <= a.length(UNIX_DIAG_ICONS); i += 4) {
                pending.add(a.u32(UNIX_DIAG_ICONS, i));
            }
        }
        Optional<SocketMemory> memory = a.has(UNIX_DIAG_MEMINFO)
                ? Optional.of(DiagAttributes.memory(b, a.at(UNIX_DIAG_MEMINFO), a.length(UNIX_DIAG_MEMINFO))) : Optional.empty();
        return Optional.of(new UnixSocket(type, state, name, inode, peer, recvQ, sendQ, uid, pending, memory, 0));
    }

    /**
     * A bound name as ss prints it: a path up to its first NUL; an abstract name (leading NUL) with
     * every NUL as {@code @}. Names are bytes to the kernel; UTF-8 is what a terminal shows them as.
     */
    static String unixName(byte[] b, int at, int length) {
        if (length > 0 && b[at] == 0) {
            byte[] name = java.util.Arrays.copyOfRange(b, at, at + length);
            for (int i = 0; i < name.length; i++) {
                if (name[i] == 0) {
                    name[i] = '@';
                }
            }
            return new String(name, StandardCharsets.UTF_8);
        }
        int n = 0;
        while (n < length && b[at + n] != 0) {
            n++;
        }
        return new String(b, at, n, StandardCharsets.UTF_8);
    }

    /** One {@code packet_diag_msg}; empty without the memory attribute (as ss, which then reads /proc). */
    static Optional<PacketSocket> packet(byte[] b, int at, int end) {
        if (end - at < PACKET_DIAG_MSG.size()) {
            return Optional.empty();
        }
        PacketSocket.Type type = PacketSocket.Type.ofCode(b[at + PACKET_DIAG_MSG.offset("pdiag_type")] & 0xff);
        int protocol = Short.toUnsignedInt((short) InetDiag.U16.get(b, at + PACKET_DIAG_MSG.offset("pdiag_num")));
        long inode = u32(b, at + PACKET_DIAG_MSG.offset("pdiag_ino"));
        Rtattrs a = Rtattrs.parse(b, at + PACKET_DIAG_MSG.size(), end, PACKET_DIAG_MEMINFO);
        int index = (int) a.u32(PACKET_DIAG_INFO, PACKET_DIAG_INFO_STRUCT.offset("pdi_index"));
        int uid = (int) a.u32(PACKET_DIAG_UID, 0);
        long recvQ = a.u32(PACKET_DIAG_MEMINFO, 4 * SK_MEMINFO_RMEM_ALLOC);
        boolean memory = a.has(PACKET_DIAG_MEMINFO), promiscuous = false;
        int size = PACKET_DIAG_MCLIST_STRUCT.size(), typeAt = PACKET_DIAG_MCLIST_STRUCT.offset("pdmc_type");
        for (int i = 0; i + size <= a.length(PACKET_DIAG_MCLIST); i += size) {
            promiscuous |= a.u16(PACKET_DIAG_MCLIST, i + typeAt) == PACKET_MR_PROMISC;
        }
        return memory ? Optional.of(new PacketSocket(type, protocol, index, Optional.empty(), inode, recvQ, uid, Optional.of(promiscuous), 0)) : Optional.empty();
    }

    /** One {@code netlink_diag_msg}. */
    static Optional<NetlinkSocket> netlink(byte[] b, int at, int end) {
        if (end - at < NETLINK_DIAG_MSG.size()) {
            return Optional.empty();
        }
        int protocol = b[at + NETLINK_DIAG_MSG.offset("ndiag_protocol")] & 0xff;
        boolean connected = (b[at + NETLINK_DIAG_MSG.offset("ndiag_state")] & 0xff) == NETLINK_CONNECTED;
        int portId = (int) InetDiag.U32.get(b, at + NETLINK_DIAG_MSG.offset("ndiag_portid"));
        int dstPortId = (int) InetDiag.U32.get(b, at + NETLINK_DIAG_MSG.offset("ndiag_dst_portid"));
        int dstGroup = (int) InetDiag.U32.get(b, at + NETLINK_DIAG_MSG.offset("ndiag_dst_group"));
        long inode = u32(b, at + NETLINK_DIAG_MSG.offset("ndiag_ino"));
        Rtattrs a = Rtattrs.parse(b, at + NETLINK_DIAG_MSG.size(), end, NETLINK_DIAG_GROUPS);
        long groups = a.u32(NETLINK_DIAG_GROUPS, 0);
        long recvQ = a.u32(NETLINK_DIAG_MEMINFO, 4 * SK_MEMINFO_RMEM_ALLOC);
        long sendQ = a.u32(NETLINK_DIAG_MEMINFO, 4 * SK_MEMINFO_WMEM_ALLOC);
        return Optional.of(new NetlinkSocket(protocol, portId, groups, connected, dstPortId, dstGroup, recvQ, sendQ, inode, 0));
    }

    /**
     * The attributes after a message, by type, as iproute2's parse_rtattr: the last of a type wins,
     * types above {@code max} are skipped, and reads past a payload's end give 0.
     */
    record Rtattrs(byte[] b, int[] at, int[] length) {
        static Rtattrs parse(byte[] b, int from, int end, int max) {
            int[] at = new int[max + 1], length = new int[max + 1];
            for (int pos = from; pos + InetDiag.NLA_HEADER <= end; ) {
                int size = Short.toUnsignedInt((short) InetDiag.U16.get(b, pos));
                int kind = Short.toUnsignedInt((short) InetDiag.U16.get(b, pos + 2)) & 0x3fff; // drop NLA_F_NESTED/NET_BYTEORDER
                if (size < InetDiag.NLA_HEADER || pos + size > end) {
                    break;
                }
                if (kind <= max) {
                    at[kind] = pos + InetDiag.NLA_HEADER;
                    length[kind] = size - InetDiag.NLA_HEADER;
                }
                pos += InetDiag.nlmsgAlign(size);
            }
            return new Rtattrs(b, at, length);
        }

        boolean has(int kind) {
            return at[kind] != 0;
        }

        int at(int kind) {
            return at[kind];
        }

        int length(int kind) {
            return length[kind];
        }

        long u32(int kind, int offset) {
            return has(kind) && offset + 4 <= length[kind] ? FamilyDiag.u32(b, at[kind] + offset) : 0;
        }

        int u16(int kind, int offset) {
            return has(kind) && offset + 2 <= length[kind] ? Short.toUnsignedInt((short) InetDiag.U16.get(b, at[kind] + offset)) : 0;
        }
    }

    private static long u32(byte[] b, int at) {
        return Integer.toUnsignedLong((int) InetDiag.U32.get(b, at));
    }
}
