package dev.portscope.model;

import java.util.Objects;

/**
 * What the kernel says about one packet socket (packet_diag): a program reading or writing link
 * layer frames, as tcpdump, DHCP clients and LLDP daemons do.
 *
 * @param type           raw frames (with link-layer header) or cooked ones
 * @param protocol       the Ethernet protocol it receives, host order ({@link #ALL_PROTOCOLS}: every frame)
 * @param interfaceIndex the interface it is bound to; 0 for every interface
 * @param interfaceName  that interface's name in the socket's namespace (rtnetlink), when it could be read
 * @param inode          the socket's inode
 * @param recvQ          bytes of frames waiting to be read
 * @param uid            the owner's uid
 * @param promiscuous    whether it put an interface in promiscuous mode (PACKET_MR_PROMISC); empty when the
 *                       source does not say (/proc/net/packet)
 * @param netns          inode of the network namespace it was read in; 0 when the read did not name one
 */
public record PacketSocket(Type type, int protocol, int interfaceIndex, java.util.Optional<String> interfaceName, long inode, long recvQ, int uid,
                           java.util.Optional<Boolean> promiscuous,
                           long netns) implements KernelSocket {
    /** {@code ETH_P_ALL}: the socket sees every frame, whatever its protocol. */
    public static final int ALL_PROTOCOLS = 0x0003;

    /** {@code SOCK_RAW} (frames with their link-layer header) or {@code SOCK_DGRAM} (without). */
    public enum Type {
        RAW(3, "p_raw"), DGRAM(2, "p_dgr");

        private final int code;
        private final String netid;

        Type(int code, String netid) {
            this.code = code;
            this.netid = netid;
        }

        public int code() {
            return code;
        }

        /** ss's Netid. */
        public String netid() {
            return netid;
        }

        /** The type of a {@code SOCK_*} number: raw for {@code SOCK_RAW}, cooked otherwise, as ss. */
        public static Type ofCode(int code) {
            return code == RAW.code ? RAW : DGRAM;
        }
    }

    public PacketSocket {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(promiscuous, "promiscuous");
    }

    @Override
    public String netid() {
        return type.netid();
    }

    /** Packet sockets have no connection: ss shows them UNCONN. */
    @Override
    public TcpState state() {
        return TcpState.CLOSE;
    }

    @Override
    public long sendQ() {
        return 0;
    }

    /** Whether it receives every protocol ({@code ETH_P_ALL}): a sniffer's socket. */
    public boolean allProtocols() {
        return protocol == ALL_PROTOCOLS;
    }

    public PacketSocket inNamespace(long netnsInode) {
        return new PacketSocket(type, protocol, interfaceIndex, interfaceName, inode, recvQ, uid, promiscuous, netnsInode);
    }

    /** The same socket with its interface named. */
    public PacketSocket withInterfaceName(String name) {
        return new PacketSocket(type, protocol, interfaceIndex, java.util.Optional.of(name), inode, recvQ, uid, promiscuous, netns);
    }
}
