package dev.portscope.model;

import java.util.List;
import java.util.Objects;

/**
 * What the kernel says about one socket, in one answer. Immutable; enrichments such as owners or
 * names are looked up by {@link #inode()} or address, never stored here.
 *
 * @param protocol transport protocol
 * @param family   address family of the socket (an IPv6 socket may carry IPv4-mapped addresses)
 * @param state    kernel state; UDP uses {@link TcpState#ESTABLISHED} and {@link TcpState#CLOSE}
 * @param local    local address and port
 * @param remote   peer address and port; the wildcard address and port 0 when not connected
 * @param recvQ    bytes not yet read by the program (for a TCP listener: connections not yet accepted)
 * @param sendQ    bytes not yet acknowledged by the peer (UDP: bytes not yet sent)
 * @param uid      owner's user id as the kernel records it (0 for TIME-WAIT sockets)
 * @param inode    socket inode, the key to the owning process; 0 when no file refers to it
 * @param extras   what netlink adds (cookie, timer, memory, tcp_info); {@link SocketExtras#NONE} from /proc
 * @param netns    inode of the network namespace it was read in ({@link Netns}); 0 when the read did not
 *                 name one (a plain listing of the reader's own namespace, a snapshot)
 */
public record SocketEntry(Protocol protocol, Family family, TcpState state, Endpoint local, Endpoint remote,
                          long recvQ, long sendQ, int uid, long inode, SocketExtras extras, long netns) implements KernelSocket {

    /** A socket read without naming its namespace. */
    public SocketEntry(Protocol protocol, Family family, TcpState state, Endpoint local, Endpoint remote,
                       long recvQ, long sendQ, int uid, long inode, SocketExtras extras) {
        this(protocol, family, state, local, remote, recvQ, sendQ, uid, inode, extras, 0);
    }

    /** A socket with no extras, as /proc describes it. */
    public SocketEntry(Protocol protocol, Family family, TcpState state, Endpoint local, Endpoint remote,
                       long recvQ, long sendQ, int uid, long inode) {
        this(protocol, family, state, local, remote, recvQ, sendQ, uid, inode, SocketExtras.NONE);
    }

    /** The same socket, labelled with the network namespace it was read in. */
    public SocketEntry inNamespace(long netnsInode) {
        return new SocketEntry(protocol, family, state, local, remote, recvQ, sendQ, uid, inode, extras, netnsInode);
    }

    public SocketEntry {
        Objects.requireNonNull(extras, "extras");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }

    /**
     * What tells this socket apart from every other one of a read: protocol, both ends, inode and
     * namespace (TIME-WAIT sockets have inode 0, and two namespaces can hold the same ends).
     */
    public Object identity() {
        return List.of(protocol, local, remote, inode, netns);
    }

    /** {@code tcp}, {@code udp} or {@code raw}, as ss's Netid column (the family is in the addresses). */
    @Override
    public String netid() {
        return protocol.label();
    }

    /** Whether this socket waits for peers: TCP LISTEN or unconnected UDP. */
    public boolean isListening() {
        return state.isListening(protocol);
    }
}
