package dev.portscope.cli;

import dev.portscope.model.Family;
import dev.portscope.model.PacketSocket;
import dev.portscope.model.Protocol;
import dev.portscope.model.UnixSocket;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The socket families beside TCP and UDP, in ss's and netstat's flags: -x (UNIX), -0 (packet),
 * --netlink, -M (MPTCP), -S (SCTP), and the lists -A/--query (ss's and netstat's words) and
 * -f/--family.
 */
final class FamilyOptions {
    @Option(names = {"-x", "--unix"}, description = "UNIX domain sockets (path, type, state, inode and the peer's inode).")
    boolean unix;
    @Option(names = {"-0", "--packet"}, description = "Packet sockets (interface, protocol; sniffers flagged).")
    boolean packet;
    @Option(names = "--netlink", description = "Netlink sockets (protocol, port id).")
    boolean netlink;
    @Option(names = {"-M", "--mptcp"}, description = "MPTCP sockets (Linux 5.7+ with mptcp_diag).")
    boolean mptcp;
    @Option(names = {"-S", "--sctp"}, description = "SCTP sockets, when the kernel has SCTP.")
    boolean sctp;
    @Option(names = {"-A", "--query", "--socket", "--protocol"}, split = ",", paramLabel = "QUERY",
            description = "Socket tables to list, as ss -A and netstat -A: all, inet, inet6, tcp, udp, raw, mptcp, sctp, unix, "
                    + "unix_stream, unix_dgram, unix_seqpacket, packet, packet_raw, packet_dgram, netlink; comma-separated.")
    List<String> queries = new ArrayList<>();
    @Option(names = {"-f", "--family"}, paramLabel = "FAMILY", description = "Families to list, as ss -f: unix, inet, inet6, link, "
            + "netlink; repeatable.")
    List<String> families = new ArrayList<>();

    /** The tables -A lists, in ss's words and netstat's (inet6). */
    static final List<String> QUERIES = List.of("all", "inet", "inet6", "tcp", "udp", "raw", "mptcp", "sctp", "unix", "unix_stream",
            "unix_dgram", "unix_seqpacket", "packet", "packet_raw", "packet_dgram", "netlink");
    /** The families -f lists, as ss -f. */
    static final List<String> FAMILIES = List.of("unix", "inet", "inet6", "link", "netlink");

    /** {@code a, b or c}: a list as the messages write it. */
    static String words(List<String> list, String last) {
        return list.size() < 2 ? String.join("", list)
                : String.join(", ", list.subList(0, list.size() - 1)) + " " + last + " " + list.getLast();
    }

    /** What was asked, all flags taken together. */
    record Asked(Set<Protocol> inet, Set<Family> inetFamilies, Set<UnixSocket.Type> unix, Set<PacketSocket.Type> packet, boolean netlink,
                 boolean sctp, boolean named) {
        /** Whether TCP, UDP, RAW or MPTCP sockets are listed. */
        boolean anyInet() {
            return !inet.isEmpty();
        }

        /** Whether a family beside inet is listed. */
        boolean anyOther() {
            return otherKinds() > 0;
        }

        /** How many of the families beside inet (UNIX, packet, netlink) are listed. */
        int otherKinds() {
            return (unix.isEmpty() ? 0 : 1) + (packet.isEmpty() ? 0 : 1) + (netlink ? 1 : 0);
        }
    }

    /** netstat's default: what was asked (TCP and UDP), and the UNIX section after them. */
    static Asked withNetstatUnix(Asked asked) {
        return new Asked(asked.inet(), asked.inetFamilies(), EnumSet.allOf(UnixSocket.Type.class), asked.packet(), asked.netlink(),
                asked.sctp(), asked.named());
    }

    /** The same without UNIX sockets. */
    static Asked withoutUnix(Asked asked) {
        return new Asked(asked.inet(), asked.inetFamilies(), Set.of(), asked.packet(), asked.netlink(), asked.sctp(), asked.named());
    }

    /**
     * The families asked for by these flags and -t -u -w -4 -6; {@code named} false when none
     * names a table (netstat's default: TCP and UDP, and the UNIX section in the table).
     *
     * @throws UsageException for a query or family word portscope does not know or list
     */
    Asked resolve(SelectionOptions select, boolean raw) {
        Set<Protocol> inet = EnumSet.noneOf(Protocol.class);
        Set<Family> inetFamilies = EnumSet.noneOf(Family.class);
        Set<UnixSocket.Type> unixTypes = EnumSet.noneOf(UnixSocket.Type.class);
        Set<PacketSocket.Type> packetTypes = EnumSet.noneOf(PacketSocket.Type.class);
        boolean nl = netlink, sc = sctp;
        if (select.tcp) {
            inet.add(Protocol.TCP);
        }
        if (select.udp) {
            inet.add(Protocol.UDP);
        }
        if (raw) {
            inet.add(Protocol.RAW);
        }
        if (mptcp) {
            inet.add(Protocol.MPTCP);
        }
        if (unix) {
            unixTypes.addAll(EnumSet.allOf(UnixSocket.Type.class));
        }
        if (packet) {
            packetTypes.addAll(EnumSet.allOf(PacketSocket.Type.class));
        }
        for (String word : queries) {
            switch (word.toLowerCase(Locale.ROOT).trim()) {
                case "all" -> {
                    inet.addAll(EnumSet.allOf(Protocol.class));
                    unixTypes.addAll(EnumSet.allOf(UnixSocket.Type.class));
                    packetTypes.addAll(EnumSet.allOf(PacketSocket.Type.class));
                    nl = true;
                }
                case "inet" -> inet.addAll(EnumSet.allOf(Protocol.class));
                case "inet6" -> {
                    inet.addAll(EnumSet.allOf(Protocol.class));
                    inetFamilies.add(Family.IPV6);
                }
                case "tcp" -> inet.add(Protocol.TCP);
                case "udp" -> inet.add(Protocol.UDP);
                case "raw" -> inet.add(Protocol.RAW);
                case "mptcp" -> inet.add(Protocol.MPTCP);
                case "sctp" -> sc = true;
                case "unix" -> unixTypes.addAll(EnumSet.allOf(UnixSocket.Type.class));
                case "unix_stream" -> unixTypes.add(UnixSocket.Type.STREAM);
                case "unix_dgram" -> unixTypes.add(UnixSocket.Type.DGRAM);
                case "unix_seqpacket" -> unixTypes.add(UnixSocket.Type.SEQPACKET);
                case "packet" -> packetTypes.addAll(EnumSet.allOf(PacketSocket.Type.class));
                case "packet_raw" -> packetTypes.add(PacketSocket.Type.RAW);
                case "packet_dgram" -> packetTypes.add(PacketSocket.Type.DGRAM);
                case "netlink" -> nl = true;
                case "dccp", "tipc", "vsock", "vsock_stream", "vsock_dgram", "xdp", "ipx", "ax25", "netrom", "ddp", "bluetooth" ->
                        throw new UsageException("portscope does not list " + word + " sockets; ss and netstat may: ss -A " + word);
                default -> throw new UsageException("unknown socket table '" + word + "' after -A: use " + String.join(", ", QUERIES));
            }
        }
        for (String word : families) {
            switch (word.toLowerCase(Locale.ROOT).trim()) {
                case "unix", "local" -> unixTypes.addAll(EnumSet.allOf(UnixSocket.Type.class));
                case "inet" -> {
                    inet.addAll(EnumSet.of(Protocol.TCP, Protocol.UDP));
                    inetFamilies.add(Family.IPV4);
                }
                case "inet6" -> {
                    inet.addAll(EnumSet.of(Protocol.TCP, Protocol.UDP));
                    inetFamilies.add(Family.IPV6);
                }
                case "link", "packet" -> packetTypes.addAll(EnumSet.allOf(PacketSocket.Type.class));
                case "netlink" -> nl = true;
                case "vsock", "tipc", "xdp" -> throw new UsageException("portscope does not list " + word + " sockets; ss does: ss -f " + word);
                default -> throw new UsageException("unknown family '" + word + "' after -f: use " + words(FAMILIES, "or"));
            }
        }
        boolean named = !inet.isEmpty() || !unixTypes.isEmpty() || !packetTypes.isEmpty() || nl || sc;
        if (!named || (inet.isEmpty() && (select.ipv4 || select.ipv6))) {
            inet.addAll(EnumSet.of(Protocol.TCP, Protocol.UDP)); // -4/-6 alone, or nothing: TCP and UDP, as netstat
        }
        if (inetFamilies.isEmpty() || select.ipv4 || select.ipv6) {
            inetFamilies = select.families();
        }
        return new Asked(inet, inetFamilies, unixTypes, packetTypes, nl, sc, named);
    }
}
