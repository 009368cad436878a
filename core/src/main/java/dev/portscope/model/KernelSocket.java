package dev.portscope.model;

/**
 * What the kernel says about one socket of any family ss lists: internet ({@link SocketEntry}),
 * UNIX domain ({@link UnixSocket}), packet ({@link PacketSocket}) or netlink ({@link NetlinkSocket}).
 * Each family is its own record with only the facts it has; this interface holds what they share,
 * which is what ss prints for all of them (Netid, State, Recv-Q, Send-Q) and the key to owners.
 */
public sealed interface KernelSocket permits SocketEntry, UnixSocket, PacketSocket, NetlinkSocket {

    /** ss's Netid column: {@code tcp}, {@code udp}, {@code u_str}, {@code u_dgr}, {@code u_seq}, {@code p_raw}, {@code p_dgr}, {@code nl}. */
    String netid();

    /** Kernel state in ss's vocabulary; UNIX sockets use LISTEN, ESTABLISHED and CLOSE (unconnected), as the kernel does. */
    TcpState state();

    /** Bytes (or, for a listener, connections) waiting to be read. */
    long recvQ();

    /** Bytes waiting to be sent (or, for a UNIX listener, its backlog limit, as ss shows it). */
    long sendQ();

    /** The socket's inode: the key to its owning processes ({@code socket:[inode]} in /proc/PID/fd). */
    long inode();

    /** Inode of the network namespace it was read in; 0 when the read did not name one. */
    long netns();
}
