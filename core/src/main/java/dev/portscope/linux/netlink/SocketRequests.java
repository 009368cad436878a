package dev.portscope.linux.netlink;

import dev.portscope.linux.ffm.NativeException;
import dev.portscope.linux.ffm.NetlinkSocket;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.SourceException;
import dev.portscope.source.SourceUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Requests about one socket named by its ends, on one sock_diag socket of one namespace: destroy
 * it as {@code ss -K} does ({@code SOCK_DESTROY}: the kernel aborts it, the peer gets a reset;
 * needs CAP_NET_ADMIN and CONFIG_INET_DIAG_DESTROY), or find a TCP socket with its tcp_info (no
 * privilege). Use from one thread.
 */
public final class SocketRequests implements AutoCloseable {
    private static final int ENOENT = 2, EOPNOTSUPP = 95;
    private final DumpChannel channel;
    private final byte[] buffer = new byte[NetlinkSocket.RECEIVE_BUFFER];
    private int sequence;

    SocketRequests(DumpChannel channel) {
        this.channel = channel;
    }

    /** Requests to this process's network namespace. */
    public static SocketRequests open() {
        return new SocketRequests(opened(DumpChannel::kernel));
    }

    /** Requests to the network namespace of this nsfs file (entering it needs root). */
    public static SocketRequests openIn(String netns) {
        return new SocketRequests(opened(() -> DumpChannel.kernelIn(netns)));
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

    /**
     * The TCP socket of {@code family} whose ends are exactly {@code local} and {@code remote} now:
     * a full socket with its tcp_info, or what is left of a closed one (a TIME-WAIT socket: no
     * tcp_info, the timewait timer, in TIME-WAIT or FIN-WAIT-2); empty when none holds them. IPv4
     * ends asked of {@link Family#IPV6} stand for their IPv4-mapped addresses (a dual-stack socket).
     */
    public Optional<SocketEntry> find(Family family, Endpoint local, Endpoint remote) {
        channel.send(InetDiag.findRequest(family, local, remote, ++sequence));
        List<SocketEntry> found = new ArrayList<>();
        try {
            InetDiag.Chunk chunk;
            do {
                int length = channel.receive(buffer);
                chunk = InetDiag.parse(buffer, length, Protocol.TCP, found::add);
            } while (chunk != InetDiag.Chunk.DONE && found.isEmpty());
        } catch (InetDiag.DumpError e) {
            return Optional.empty(); // ENOENT: no socket has those ends
        }
        // the kernel's lookup falls back to a listener on the port: only the exact connection counts
        return found.stream().filter(s -> s.local().unmapped().equals(local.unmapped()) && s.remote().unmapped().equals(remote.unmapped()))
                .findFirst();
    }

    @Override
    public void close() {
        channel.close();
    }
}
