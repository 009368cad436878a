package dev.portscope.linux.netlink;

import dev.portscope.linux.ffm.NativeException;
import dev.portscope.linux.ffm.NetlinkSocket;
import dev.portscope.model.NatRedirect;
import dev.portscope.model.Protocol;
import dev.portscope.source.SourceUnavailableException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The destination NAT rules of this namespace's nftables ruleset (what iptables-nft writes too),
 * read as {@code nft --debug=netlink list ruleset} shows them: one {@code NFT_MSG_GETRULE} dump
 * over NETLINK_NETFILTER, each rule's expressions walked with the registers they load. A rule
 * counts when it compares the transport header's destination port (and maybe the layer-4 protocol
 * and the destination address) with constants and then DNATs to constants: native {@code nat}
 * expressions, and iptables-nft's {@code DNAT} target. Sets, maps, ranges and jumps are not
 * followed. Reading needs CAP_NET_ADMIN; iptables-legacy rules are not seen.
 */
public final class NatRules {
    static final int NETLINK_NETFILTER = 12;
    static final int NFT_MSG_GETRULE = (10 << 8) | 7; // NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_GETRULE
    /** What the dump answers with, one per rule: NFT_MSG_NEWRULE. */
    static final int NFT_MSG_NEWRULE = (10 << 8) | 6;
    private static final int NFPROTO_IPV4 = 2, NFPROTO_IPV6 = 10, NFPROTO_INET = 1;
    // nf_tables.h attribute numbers
    private static final int RULE_TABLE = 1, RULE_CHAIN = 2, RULE_EXPRESSIONS = 4, LIST_ELEM = 1, EXPR_NAME = 1, EXPR_DATA = 2;
    private static final int DATA_VALUE = 1;
    private static final int PAYLOAD_DREG = 1, PAYLOAD_BASE = 2, PAYLOAD_OFFSET = 3, PAYLOAD_LEN = 4, TRANSPORT_HEADER = 2, NETWORK_HEADER = 1;
    private static final int CMP_SREG = 1, CMP_OP = 2, CMP_DATA = 3, CMP_EQ = 0;
    private static final int META_DREG = 1, META_KEY = 2, META_L4PROTO = 16;
    private static final int IMMEDIATE_DREG = 1, IMMEDIATE_DATA = 2;
    private static final int NAT_TYPE = 1, NAT_FAMILY = 2, NAT_ADDR_MIN = 3, NAT_PROTO_MIN = 5, NAT_DNAT = 1;
    private static final int TARGET_NAME = 1, TARGET_REV = 2, TARGET_INFO = 3;

    private NatRules() {
    }

    /**
     * The DNAT rules of this process's network namespace.
     *
     * @throws SourceUnavailableException without CAP_NET_ADMIN (EPERM), or without nf_tables
     */
    public static List<NatRedirect> read() {
        NetlinkSocket socket;
        try {
            socket = NetlinkSocket.open(NETLINK_NETFILTER);
        } catch (NativeException e) {
            throw new SourceUnavailableException("netfilter's netlink is not available: " + e.getMessage(), e);
        }
        try (socket) {
            byte[] request = new byte[InetDiag.NLMSGHDR + 4];
            InetDiag.U32.set(request, 0, request.length);
            InetDiag.U16.set(request, 4, (short) NFT_MSG_GETRULE);
            InetDiag.U16.set(request, 6, (short) (InetDiag.NLM_F_REQUEST | InetDiag.NLM_F_DUMP));
            InetDiag.U32.set(request, 8, 1);                       // nfgenmsg: family 0 (every family), version 0, res_id 0
            socket.send(request);
            List<NatRedirect> rules = new ArrayList<>();
            byte[] buffer = new byte[NetlinkSocket.RECEIVE_BUFFER];
            while (true) {
                int length = socket.receive(buffer);
                Optional<Integer> error = parse(buffer, length, rules);
                if (error.isPresent()) {
                    int errno = error.get();
                    if (errno == NativeException.EPERM) {
                        throw new SourceUnavailableException("reading the NAT rules needs CAP_NET_ADMIN (root)", null);
                    }
                    if (errno != 0) {
                        throw new SourceUnavailableException("the kernel did not give its NAT rules: " + NativeException.describe(errno), null);
                    }
                    return rules;
                }
            }
        } catch (NativeException e) {
            throw new SourceUnavailableException("reading the NAT rules failed: " + e.getMessage(), e);
        }
    }

    /**
     * The DNAT rules of one received chunk, added to {@code into}; the dump's end as an errno (0
     * when it ended well), empty while more chunks follow.
     */
    static Optional<Integer> parse(byte[] b, int length, List<NatRedirect> into) {
        for (int offset = 0; offset + InetDiag.NLMSGHDR <= length; ) {
            int messageLength = (int) InetDiag.U32.get(b, offset);
            int type = Short.toUnsignedInt((short) InetDiag.U16.get(b, offset + 4));
            if (messageLength < InetDiag.NLMSGHDR || offset + messageLength > length) {
                throw new IllegalStateException("malformed netlink message at offset " + offset);
            }
            if (type == InetDiag.NLMSG_DONE) {
                return Optional.of(0);
            }
            if (type == InetDiag.NLMSG_ERROR) {
                int error = -(int) InetDiag.U32.get(b, offset + InetDiag.NLMSGHDR);
                if (error != 0) {
                    return Optional.of(error);
                }
            } else if (type == NFT_MSG_NEWRULE && messageLength >= InetDiag.NLMSGHDR + 4) {
                rule(b, b[offset + InetDiag.NLMSGHDR] & 0xff, offset + InetDiag.NLMSGHDR + 4, offset + messageLength).ifPresent(into::add);
            }
            offset += InetDiag.nlmsgAlign(messageLength);
        }
        return Optional.empty();
    }

    /** What one loaded register holds: a header field, the layer-4 protocol, or a constant. */
    private sealed interface Loaded {
        record Payload(int base, int offset, int length) implements Loaded {
        }

        record L4Protocol() implements Loaded {
        }

        record Constant(byte[] bytes) implements Loaded {
        }
    }

    /** One rule: its table and chain, then its expressions in order, registers followed. */
    private static Optional<NatRedirect> rule(byte[] b, int family, int from, int end) {
        String table = "", chain = "";
        Optional<Attr> expressions = Optional.empty();
        for (Attr a : Attr.all(b, from, end)) {
            switch (a.type) {
                case RULE_TABLE -> table = a.string(b);
                case RULE_CHAIN -> chain = a.string(b);
                case RULE_EXPRESSIONS -> expressions = Optional.of(a);
                default -> { }
            }
        }
        if (expressions.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, Loaded> registers = new HashMap<>();
        Optional<Protocol> protocol = Optional.empty();
        OptionalInt port = OptionalInt.empty();
        Optional<InetAddress> destination = Optional.empty();
        for (Attr element : expressions.get().children(b)) {
            if (element.type != LIST_ELEM) {
                continue;
            }
            String name = "";
            Optional<Attr> data = Optional.empty();
            for (Attr a : element.children(b)) {
                if (a.type == EXPR_NAME) {
                    name = a.string(b);
                } else if (a.type == EXPR_DATA) {
                    data = Optional.of(a);
                }
            }
            Map<Integer, Attr> d = new HashMap<>();
            data.ifPresent(x -> x.children(b).forEach(a -> d.put(a.type, a)));
            switch (name) {
                case "payload" -> registers.put(u32(b, d, PAYLOAD_DREG), new Loaded.Payload(u32(b, d, PAYLOAD_BASE), u32(b, d, PAYLOAD_OFFSET),
                        u32(b, d, PAYLOAD_LEN)));
                case "meta" -> {
                    if (d.containsKey(META_DREG)) {
                        registers.put(u32(b, d, META_DREG), u32(b, d, META_KEY) == META_L4PROTO ? new Loaded.L4Protocol()
                                : new Loaded.Constant(new byte[0]));
                    }
                }
                case "immediate" -> {
                    if (d.containsKey(IMMEDIATE_DATA)) {
                        registers.put(u32(b, d, IMMEDIATE_DREG), new Loaded.Constant(value(b, d.get(IMMEDIATE_DATA))));
                    }
                }
                case "cmp" -> {
                    if (u32(b, d, CMP_OP) != CMP_EQ || !d.containsKey(CMP_DATA)) {
                        break; // iifname != "docker0" and the like: a condition on where packets come from, not on what they are
                    }
                    byte[] value = value(b, d.get(CMP_DATA));
                    switch (registers.get(u32(b, d, CMP_SREG))) {
                        case Loaded.L4Protocol() when value.length >= 1 -> protocol = value[0] == 6 ? Optional.of(Protocol.TCP)
                                : value[0] == 17 ? Optional.of(Protocol.UDP) : Optional.empty();
                        case Loaded.Payload(int base, int at, int len) when base == TRANSPORT_HEADER && at == 2 && len == 2 && value.length >= 2 ->
                                port = OptionalInt.of(((value[0] & 0xff) << 8) | (value[1] & 0xff));
                        case Loaded.Payload(int base, int at, int len) when base == NETWORK_HEADER
                                && (family == NFPROTO_IPV4 && at == 16 && len == 4 || family == NFPROTO_IPV6 && at == 24 && len == 16) ->
                                destination = address(value, len);
                        case null, default -> { }
                    }
                }
                case "nat" -> {
                    if (u32(b, d, NAT_TYPE) != NAT_DNAT || port.isEmpty() || protocol.isEmpty()) {
                        return Optional.empty();
                    }
                    int length = u32(b, d, NAT_FAMILY) == NFPROTO_IPV6 ? 16 : 4;
                    Optional<InetAddress> to = constant(registers, d.containsKey(NAT_ADDR_MIN) ? u32(b, d, NAT_ADDR_MIN) : -1)
                            .flatMap(v -> address(v, length));
                    OptionalInt toPort = constant(registers, d.containsKey(NAT_PROTO_MIN) ? u32(b, d, NAT_PROTO_MIN) : -1)
                            .filter(v -> v.length >= 2).map(v -> OptionalInt.of(((v[0] & 0xff) << 8) | (v[1] & 0xff))).orElse(OptionalInt.empty());
                    return to.isEmpty() ? Optional.empty() : Optional.of(new NatRedirect(protocol.get(), port.getAsInt(), destination, to.get(),
                            toPort, tableName(family, table), chain));
                }
                case "target" -> {
                    if (!"DNAT".equals(d.containsKey(TARGET_NAME) ? d.get(TARGET_NAME).string(b) : "") || port.isEmpty() || protocol.isEmpty()
                            || !d.containsKey(TARGET_INFO)) {
                        return Optional.empty();
                    }
                    Optional<Target> t = xtDnat(b, d.get(TARGET_INFO), u32(b, d, TARGET_REV), family);
                    return t.isEmpty() ? Optional.empty() : Optional.of(new NatRedirect(protocol.get(), port.getAsInt(), destination,
                            t.get().address(), t.get().port(), tableName(family, table), chain));
                }
                default -> { }
            }
        }
        return Optional.empty();
    }

    private record Target(InetAddress address, OptionalInt port) {
    }

    /**
     * iptables-nft's DNAT target: revision 1 and 2 carry struct nf_nat_range(2) {u32 flags; 16-byte
     * min_addr, max_addr; be16 min_proto, ...}; revision 0 nf_nat_ipv4_multi_range_compat {u32
     * rangesize; u32 flags; be32 min_ip, max_ip; be16 min, max}.
     */
    private static Optional<Target> xtDnat(byte[] b, Attr info, int revision, int family) {
        int at = info.payload;
        int flagsAt = revision == 0 ? at + 4 : at;
        int addressAt = revision == 0 ? at + 8 : at + 4;
        int portAt = revision == 0 ? at + 16 : at + 36;
        if (portAt + 2 > info.payload + info.length) {
            return Optional.empty();
        }
        int flags = (int) InetDiag.U32.get(b, flagsAt);
        int length = family == NFPROTO_IPV6 && revision != 0 ? 16 : 4;
        byte[] address = java.util.Arrays.copyOfRange(b, addressAt, addressAt + length);
        OptionalInt port = (flags & 2) != 0 ? OptionalInt.of(((b[portAt] & 0xff) << 8) | (b[portAt + 1] & 0xff)) : OptionalInt.empty(); // NF_NAT_RANGE_PROTO_SPECIFIED
        return (flags & 1) == 0 ? Optional.empty() : address(address, length).map(a -> new Target(a, port)); // NF_NAT_RANGE_MAP_IPS
    }

    private static Optional<byte[]> constant(Map<Integer, Loaded> registers, int register) {
        return registers.get(register) instanceof Loaded.Constant(byte[] bytes) ? Optional.of(bytes) : Optional.empty();
    }

    private static Optional<InetAddress> address(byte[] value, int length) {
        if (value.length < length) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(java.util.Arrays.copyOf(value, length)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String tableName(int family, String table) {
        String f = switch (family) {
            case NFPROTO_IPV4 -> "ip";
            case NFPROTO_IPV6 -> "ip6";
            case NFPROTO_INET -> "inet";
            default -> "family " + family;
        };
        return f + " " + table;
    }

    /** NFTA_DATA_VALUE inside a nested data attribute. */
    private static byte[] value(byte[] b, Attr data) {
        for (Attr a : data.children(b)) {
            if (a.type == DATA_VALUE) {
                return java.util.Arrays.copyOfRange(b, a.payload, a.payload + a.length);
            }
        }
        return new byte[0];
    }

    /** An NLA_U32 of nf_tables: big-endian. */
    private static int u32(byte[] b, Map<Integer, Attr> attrs, int type) {
        Attr a = attrs.get(type);
        if (a == null || a.length < 4) {
            return -1;
        }
        return ((b[a.payload] & 0xff) << 24) | ((b[a.payload + 1] & 0xff) << 16) | ((b[a.payload + 2] & 0xff) << 8) | (b[a.payload + 3] & 0xff);
    }

    /** One netlink attribute: its type (flags dropped), where its payload starts, and how long it is. */
    private record Attr(int type, int payload, int length) {
        static List<Attr> all(byte[] b, int from, int end) {
            List<Attr> attrs = new ArrayList<>();
            for (int pos = from; pos + 4 <= end; ) {
                int length = Short.toUnsignedInt((short) InetDiag.U16.get(b, pos));
                if (length < 4 || pos + length > end) {
                    break;
                }
                attrs.add(new Attr(Short.toUnsignedInt((short) InetDiag.U16.get(b, pos + 2)) & 0x3fff, pos + 4, length - 4));
                pos += (length + 3) & ~3;
            }
            return attrs;
        }

        List<Attr> children(byte[] b) {
            return all(b, payload, payload + length);
        }

        String string(byte[] b) {
            int n = 0;
            while (n < length && b[payload + n] != 0) {
                n++;
            }
            return new String(b, payload, n, StandardCharsets.UTF_8);
        }
    }
}
