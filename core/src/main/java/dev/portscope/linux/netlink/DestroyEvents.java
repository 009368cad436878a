package dev.portscope.linux.netlink;

import dev.portscope.linux.ffm.NativeException;
import dev.portscope.linux.ffm.NetlinkSocket;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import dev.portscope.source.SourceUnavailableException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's socket-destroy broadcasts (Linux 4.2+): a {@code NETLINK_SOCK_DIAG} socket in the
 * multicast groups SKNLGRP_INET_TCP_DESTROY, _UDP_DESTROY, SKNLGRP_INET6_TCP_DESTROY and
 * _UDP_DESTROY receives one inet_diag_msg for every full socket the kernel frees, whoever owned it
 * (the groups let any user listen): its ends, cookie and last state, INET_DIAG_PROTOCOL, and for
 * TCP the final tcp_info (bytes, retransmits, rtt). Its uid and inode are gone by then, and so is
 * any owner. A reader too slow for the kernel gets ENOBUFS: the queue overflowed and some were
 * dropped, which {@link Batch#overflowed} says. Use from one thread.
 */
public final class DestroyEvents implements AutoCloseable {
    /** Groups 1-4 (sock_diag.h's SKNLGRP_*), one bit each. */
    static final int ALL_INET_GROUPS = 0b1111;
    static final int INET_DIAG_PROTOCOL = 10;
    /** How long a receive waits before it returns an empty batch, so that a closing reader notices. */
    private static final Duration POLL = Duration.ofMillis(200);

    /** Where datagrams come from: the kernel, or in tests a script. */
    interface Receiver extends AutoCloseable {
        /** One datagram into {@code into}; its length. @throws NativeException EAGAIN on timeout, ENOBUFS on overflow */
        int receive(byte[] into);

        @Override
        void close();
    }

    /** What one receive brought: the sockets destroyed, and whether the queue overflowed before it. */
    public record Batch(List<SocketEntry> sockets, boolean overflowed) {
        static final Batch EMPTY = new Batch(List.of(), false);
        static final Batch OVERFLOWED = new Batch(List.of(), true);
    }

    private final Receiver receiver;
    private final byte[] buffer = new byte[NetlinkSocket.RECEIVE_BUFFER];
    /** Names a destroyed socket's bound interface as the namespace names it, as the dumps do. */
    private final InterfaceNamer interfaces;

    DestroyEvents(Receiver receiver) {
        this(receiver, InterfaceNames.NONE);
    }

    DestroyEvents(Receiver receiver, java.util.function.Supplier<DumpChannel> routes) {
        this.receiver = receiver;
        this.interfaces = new InterfaceNamer(routes, why -> { }); // unnamed: the index stays, as ss's if7
    }

    /**
     * Subscribes in this process's network namespace with a receive queue of {@code receiveBuffer}
     * bytes (more than net.core.rmem_max needs CAP_NET_ADMIN; without it the kernel caps it).
     *
     * @throws SourceUnavailableException when the kernel has no sock_diag or refuses the groups
     */
    public static DestroyEvents subscribe(int receiveBuffer) {
        return subscribe(Optional.empty(), receiveBuffer);
    }

    /**
     * The same in the network namespace of this nsfs file (entering it needs root): the groups are
     * per namespace, as the sockets are.
     */
    public static DestroyEvents subscribe(Optional<String> netns, int receiveBuffer) {
        NetlinkSocket socket;
        try {
            socket = netns.isPresent() ? NetlinkSocket.openIn(netns.get(), InetDiag.NETLINK_SOCK_DIAG)
                    : NetlinkSocket.open(InetDiag.NETLINK_SOCK_DIAG);
        } catch (NativeException e) {
            throw new SourceUnavailableException(netns.map(n -> "the network namespace " + n + " cannot be entered: ")
                    .orElse("netlink sock_diag is not available: ") + e.getMessage(), e);
        }
        try {
            socket.receiveBuffer(receiveBuffer);
            socket.receiveTimeout(POLL);
            socket.subscribe(ALL_INET_GROUPS);
        } catch (NativeException e) {
            socket.close();
            throw new SourceUnavailableException("the kernel's socket-destroy events cannot be subscribed to: " + e.getMessage(), e);
        }
        return new DestroyEvents(new Receiver() {
            @Override
            public int receive(byte[] into) {
                return socket.receive(into);
            }

            @Override
            public void close() {
                socket.close();
            }
        }, InterfaceNames.routes(netns));
    }

    /** Waits up to ~200 ms for the next datagram: its destroyed sockets, or an empty batch. */
    public Batch receive() {
        int length;
        try {
            length = receiver.receive(buffer);
        } catch (NativeException e) {
            return switch (e.errno()) {
                case NativeException.EAGAIN, NativeException.EINTR -> Batch.EMPTY;
                case NativeException.ENOBUFS -> Batch.OVERFLOWED;
                default -> throw e;
            };
        }
        List<SocketEntry> sockets = parse(buffer, length);
        sockets.replaceAll(interfaces::name);
        return new Batch(sockets, false);
    }

    /** The destroyed sockets of one datagram; messages of other types or protocols are skipped. */
    static List<SocketEntry> parse(byte[] b, int length) {
        List<SocketEntry> sockets = new ArrayList<>(1);
        int offset = 0;
        while (offset + InetDiag.NLMSGHDR <= length) {
            int messageLength = (int) InetDiag.U32.get(b, offset);
            int type = Short.toUnsignedInt((short) InetDiag.U16.get(b, offset + 4));
            if (messageLength < InetDiag.NLMSGHDR || offset + messageLength > length) {
                break; // a truncated datagram: what came before it stands
            }
            int at = offset + InetDiag.NLMSGHDR;
            int end = offset + messageLength;
            if (type == InetDiag.SOCK_DIAG_BY_FAMILY && messageLength >= InetDiag.NLMSGHDR + InetDiag.INET_DIAG_MSG) {
                protocol(b, at + InetDiag.INET_DIAG_MSG, end).flatMap(p -> InetDiag.socket(b, at, end, p)).map(DestroyEvents::closed)
                        .ifPresent(sockets::add);
            }
            offset += InetDiag.nlmsgAlign(messageLength);
        }
        return sockets;
    }

    /** A destroyed TCP socket is in CLOSE: not BOUND_INACTIVE, which is what CLOSE means in a dump. */
    private static SocketEntry closed(SocketEntry s) {
        return s.state() != TcpState.BOUND_INACTIVE ? s : new SocketEntry(s.protocol(), s.family(), TcpState.CLOSE, s.local(), s.remote(),
                s.recvQ(), s.sendQ(), s.uid(), s.inode(), s.extras(), s.netns());
    }

    /** The INET_DIAG_PROTOCOL attribute: which table the socket was in. */
    private static Optional<Protocol> protocol(byte[] b, int from, int end) {
        for (int pos = from; pos + 4 <= end; ) {
            int length = Short.toUnsignedInt((short) InetDiag.U16.get(b, pos));
            int type = Short.toUnsignedInt((short) InetDiag.U16.get(b, pos + 2)) & 0x3fff;
            if (length < 4 || pos + length > end) {
                break;
            }
            if (type == INET_DIAG_PROTOCOL && length >= 5) {
                return switch (b[pos + 4] & 0xff) {
                    case InetDiag.IPPROTO_TCP -> Optional.of(Protocol.TCP);
                    case InetDiag.IPPROTO_UDP -> Optional.of(Protocol.UDP);
                    default -> Optional.empty();
                };
            }
            pos += (length + 3) & ~3;
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        receiver.close();
    }
}
