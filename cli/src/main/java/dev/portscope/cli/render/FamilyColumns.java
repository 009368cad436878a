package dev.portscope.cli.render;

import dev.portscope.lookup.Owners;
import dev.portscope.model.KernelSocket;
import dev.portscope.model.LinkNames;
import dev.portscope.model.NetlinkSocket;
import dev.portscope.model.PacketSocket;
import dev.portscope.model.UnixSocket;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** --csv, --columns and --sort for the families beside inet, each column named by its JSON field. */
public final class FamilyColumns {
    private FamilyColumns() {
    }

    public static Columns<UnixSocket> unix(Optional<Owners> owners, boolean processes, Map<Long, UnixSocket> byInode) {
        Columns<UnixSocket> c = new Columns<UnixSocket>()
                .add("protocol", "unix", true, s -> "unix")
                .add("type", "stream, dgram or seqpacket", true, s -> s.type().name().toLowerCase(Locale.ROOT))
                .add("state", "LISTEN, ESTABLISHED (connected), CLOSE (unconnected)", true, s -> s.state().netstatName())
                .add("recvQ", "bytes not yet read (listener: connections not yet accepted)", true, s -> Long.toString(s.recvQ()))
                .add("sendQ", "bytes not yet read by the peer (listener: its backlog)", true, s -> Long.toString(s.sendQ()))
                .add("path", "the bound path or @abstract name", true, s -> s.name().orElse(""))
                .add("inode", "socket inode", true, s -> Long.toString(s.inode()))
                .add("peerInode", "the other end's inode (0: none)", true, s -> Long.toString(s.peer()))
                .add("peerPath", "the other end's path", false,
                        s -> Optional.ofNullable(byInode.get(s.peer())).flatMap(UnixSocket::name).orElse(""))
                .add("uid", "socket owner's uid", false, s -> s.uid().isPresent() ? Integer.toString(s.uid().getAsInt()) : "");
        return withOwners(c, owners, processes).alias("proto", "protocol").alias("recvq", "recvQ").alias("sendq", "sendQ");
    }

    public static Columns<PacketSocket> packet(Optional<Owners> owners, boolean processes) {
        Columns<PacketSocket> c = new Columns<PacketSocket>()
                .add("protocol", "packet", true, s -> "packet")
                .add("type", "raw or dgram", true, s -> s.type().name().toLowerCase(Locale.ROOT))
                .add("recvQ", "bytes of frames not yet read", true, s -> Long.toString(s.recvQ()))
                .add("ethertype", "the Ethernet protocol it receives (3: all)", true, s -> Integer.toString(s.protocol()))
                .add("ethertypeName", "its name (ip, arp, all ...)", false, s -> LinkNames.ethertype(s.protocol()).orElse(""))
                .add("interface", "the interface it is bound to (empty: all)", true,
                        s -> s.interfaceIndex() == 0 ? "" : s.interfaceName().orElse(""))
                .add("interfaceIndex", "its index (0: all)", false, s -> Integer.toString(s.interfaceIndex()))
                .add("promiscuous", "whether it made an interface promiscuous", true, s -> s.promiscuous().map(String::valueOf).orElse(""))
                .add("allProtocols", "whether it sees every protocol", false, s -> Boolean.toString(s.allProtocols()))
                .add("uid", "socket owner's uid", true, s -> Integer.toString(s.uid()))
                .add("inode", "socket inode", true, s -> Long.toString(s.inode()));
        return withOwners(c, owners, processes);
    }

    public static Columns<NetlinkSocket> netlink(Optional<Owners> owners, boolean processes) {
        Columns<NetlinkSocket> c = new Columns<NetlinkSocket>()
                .add("protocol", "netlink", true, s -> "netlink")
                .add("netlinkProtocol", "the netlink family number", true, s -> Integer.toString(s.protocol()))
                .add("netlinkProtocolName", "its name (rtnl, tcpdiag, uevent ...)", true,
                        s -> LinkNames.netlinkProtocol(s.protocol()).orElse(""))
                .add("portId", "port id (0: the kernel)", true, s -> Integer.toString(s.portId()))
                .add("groups", "multicast groups, a bit each", false, s -> Long.toString(s.groups()))
                .add("recvQ", "bytes not yet read", true, s -> Long.toString(s.recvQ()))
                .add("sendQ", "bytes being written", true, s -> Long.toString(s.sendQ()))
                .add("inode", "socket inode", true, s -> Long.toString(s.inode()));
        return withOwners(c, owners, processes);
    }

    private static <T extends KernelSocket> Columns<T> withOwners(Columns<T> c, Optional<Owners> owners, boolean processes) {
        return c.add("owners.pid", "pids holding the socket, comma-separated", processes, s -> owners.map(o -> OwnerText.pids(o, s)).orElse(""))
                .add("owners.command", "their commands, comma-separated", processes,
                        s -> owners.map(o -> OwnerText.commands(o, s)).orElse(""))
                .add("owners.user", "their users, comma-separated", false, s -> owners.map(o -> OwnerText.users(o, s)).orElse(""))
                .alias("pid", "owners.pid").alias("comm", "owners.command").alias("user", "owners.user");
    }
}
