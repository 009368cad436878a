package dev.portscope.model;

/**
 * What the kernel says about one netlink socket (netlink_diag): a program talking to the kernel
 * (routing, audit, uevents, sock_diag itself ...).
 *
 * @param protocol  the netlink family number ({@code NETLINK_ROUTE} 0, {@code NETLINK_SOCK_DIAG} 4, ...)
 * @param portId    its port id, signed as ss prints it: 0 for the kernel's socket, a pid for the first
 *                  socket of a process, a negative number the kernel picked for the others
 * @param groups    the first 32 multicast groups it listens to, a bit each
 * @param connected whether it is connected to a peer ({@code NETLINK_CONNECTED})
 * @param dstPortId the peer's port id when connected
 * @param dstGroup  the peer's group when connected
 * @param recvQ     bytes waiting to be read (rmem_alloc)
 * @param sendQ     bytes being written (wmem_alloc)
 * @param inode     the socket's inode; 0 for the kernel's own
 * @param netns     inode of the network namespace it was read in; 0 when the read did not name one
 */
public record NetlinkSocket(int protocol, int portId, long groups, boolean connected, int dstPortId, int dstGroup,
                            long recvQ, long sendQ, long inode, long netns) implements KernelSocket {

    @Override
    public String netid() {
        return "nl";
    }

    /** Netlink sockets have no connection state: ss shows them UNCONN. */
    @Override
    public TcpState state() {
        return TcpState.CLOSE;
    }

    /** Whether it is the kernel's end of its protocol (port id 0). */
    public boolean isKernel() {
        return portId == 0;
    }

    public NetlinkSocket inNamespace(long netnsInode) {
        return new NetlinkSocket(protocol, portId, groups, connected, dstPortId, dstGroup, recvQ, sendQ, inode, netnsInode);
    }
}
