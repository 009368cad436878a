package dev.portscope.linux.netlink;

import dev.portscope.linux.ffm.NativeException;
import dev.portscope.linux.ffm.NetlinkSocket;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.SourceException;
import dev.portscope.source.SourceUnavailableException;

import java.util.Optional;

/**
 * Destroys sockets as {@code ss -K} does: one {@code SOCK_DESTROY} request per socket, naming its
 * ends and cookie; the kernel aborts it (the peer gets a reset) and acks with an errno. Needs
 * CAP_NET_ADMIN and a kernel built with CONFIG_INET_DIAG_DESTROY. Use from one thread.
 */
public final class SocketKiller implements AutoCloseable {
    private static final int ENOENT = 2, EOPNOTSUPP = 95;
    private final DumpChannel channel;
    private final byte[] buffer = new byte[NetlinkSocket.RECEIVE_BUFFER];
    private int sequence;

    SocketKiller(DumpChannel channel) {
        this.channel = channel;
    }

    /** A killer for this process's network namespace. */
    public static SocketKiller open() {
        return new SocketKiller(opened(DumpChannel::kernel));
    }

    /** A killer for the network namespace of this nsfs file (entering it needs root). */
    public static SocketKiller openIn(String netns) {
        return new SocketKiller(opened(() -> DumpChannel.kernelIn(netns)));
    }

    private static DumpChannel opened(java.util.function.Supplier<DumpChannel> open) {
        try {
            return open.get();
        } catch (NativeException e) {
            throw new SourceUnavailableException("netlink sock_diag is not available: " + e.getMessage(), e);
        }
    }

    /**
     * Destroys {@code socket}: true when the kernel did, false when it no longer exists (closed
     * meanwhile, or another socket now holds its ends).
     *
     * @throws SourceUnavailableException when the kernel refuses: without CAP_NET_ADMIN (EPERM), or
     *                                    without SOCK_DESTROY support (EOPNOTSUPP)
     */
    public boolean kill(SocketEntry socket) {
        channel.send(InetDiag.destroyRequest(socket, ++sequence));
        Optional<Integer> errno = Optional.empty();
        while (errno.isEmpty()) {
            int length = channel.receive(buffer);
            errno = InetDiag.ackError(buffer, length);
        }
        return switch (errno.get()) {
            case 0 -> true;
            case ENOENT -> false;
            case NativeException.EPERM, NativeException.EACCES -> throw new SourceUnavailableException(
                    "destroying sockets needs CAP_NET_ADMIN: run portscope kill as root", null);
            case EOPNOTSUPP -> throw new SourceUnavailableException(
                    "this kernel cannot destroy sockets (built without CONFIG_INET_DIAG_DESTROY)", null);
            default -> throw new SourceException("the kernel refused to destroy " + socket.local() + " -> " + socket.remote()
                    + ": " + NativeException.describe(errno.get()));
        };
    }

    @Override
    public void close() {
        channel.close();
    }
}
