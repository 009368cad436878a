package dev.portscope.linux.netlink;

import dev.portscope.linux.ffm.NativeException;
import dev.portscope.linux.ffm.NetlinkSocket;
import dev.portscope.source.SourceException;

/**
 * Where a dump's requests go and its answers come from: a {@code NETLINK_SOCK_DIAG} socket, or in
 * tests a fake that replays captured or hand-built chunks, so the dump loop's error paths run
 * without a kernel. One per read, used from one thread.
 */
interface DumpChannel extends AutoCloseable {

    /** Sends one request. */
    void send(byte[] request);

    /**
     * Receives one datagram into {@code into} (at least {@link NetlinkSocket#RECEIVE_BUFFER} long)
     * and returns its length.
     *
     * @throws SourceException when the receive fails
     */
    int receive(byte[] into);

    @Override
    void close();

    /**
     * A channel from {@code channels}, or a {@link dev.portscope.source.SourceUnavailableException}
     * saying why there is none (native access denied, the socket or the namespace refused).
     */
    static DumpChannel open(java.util.function.Supplier<DumpChannel> channels) {
        java.util.Optional<String> noNative = dev.portscope.linux.ffm.NativeAccess.unavailableReason();
        if (noNative.isPresent()) {
            throw new dev.portscope.source.SourceUnavailableException("netlink sock_diag is not available: " + noNative.get(), null);
        }
        try {
            return channels.get();
        } catch (NativeException e) {
            throw new dev.portscope.source.SourceUnavailableException("netlink sock_diag is not available: " + e.getMessage(), e);
        }
    }

    /** A real socket; its failures are turned into {@link SourceException}s here. */
    static DumpChannel kernel() {
        return over(NetlinkSocket.open(InetDiag.NETLINK_SOCK_DIAG));
    }

    /** A real socket in the network namespace of this nsfs file ({@link NetlinkSocket#openIn}). */
    static DumpChannel kernelIn(String netns) {
        return over(NetlinkSocket.openIn(netns, InetDiag.NETLINK_SOCK_DIAG));
    }

    /** A real socket of another netlink protocol (rtnetlink), here or in the namespace of this nsfs file. */
    static DumpChannel kernel(int protocol, java.util.Optional<String> netns) {
        return over(netns.isPresent() ? NetlinkSocket.openIn(netns.get(), protocol) : NetlinkSocket.open(protocol));
    }

    private static DumpChannel over(NetlinkSocket socket) {
        return new DumpChannel() {
            @Override
            public void send(byte[] request) {
                try {
                    socket.send(request);
                } catch (NativeException e) {
                    throw new SourceException("asking the kernel for sockets failed: " + e.getMessage(), e);
                }
            }

            @Override
            public int receive(byte[] into) {
                try {
                    return socket.receive(into);
                } catch (NativeException e) {
                    throw new SourceException("reading the kernel's socket dump failed: " + e.getMessage()
                            + (e.errno() == NativeException.ENOBUFS ? "; run again" : ""), e);
                }
            }

            @Override
            public void close() {
                socket.close();
            }
        };
    }
}
