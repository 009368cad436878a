package dev.portscope.linux.netlink;

import dev.portscope.linux.ffm.NativeException;
import dev.portscope.model.KernelSocket;
import dev.portscope.model.NetlinkSocket;
import dev.portscope.model.PacketSocket;
import dev.portscope.model.TcpState;
import dev.portscope.model.UnixSocket;
import dev.portscope.source.SourceException;
import dev.portscope.source.SourceUnavailableException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Dumps the socket families beside inet over {@code NETLINK_SOCK_DIAG}, as {@code ss -x},
 * {@code ss -0} and {@code ss --netlink} do: one dump each, read whole (the listing sorts them).
 * A socket the dump meets twice (it resumes by hash bucket) is kept once. Stateless: one channel per dump.
 */
public final class FamilySource {
    private final Supplier<DumpChannel> channels;
    private final Supplier<DumpChannel> routes;

    FamilySource(Supplier<DumpChannel> channels, Supplier<DumpChannel> routes) {
        this.channels = channels;
        this.routes = routes;
    }

    /** This process's network namespace. */
    public static FamilySource kernel() {
        return new FamilySource(DumpChannel::kernel, InterfaceNames.routes(Optional.empty()));
    }

    /** The network namespace of this nsfs file (needs CAP_SYS_ADMIN, as {@link NetlinkSource#in}). */
    public static FamilySource in(String netns) {
        return new FamilySource(() -> DumpChannel.kernelIn(netns), InterfaceNames.routes(Optional.of(netns)));
    }

    /** The kernel cannot list this family: no diag module, or no sock_diag at all. */
    public static final class FamilyUnavailableException extends SourceException {
        FamilyUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * UNIX sockets in these states; {@code pending} adds a listener's waiting connections,
     * {@code memory} every socket's memory.
     *
     * @throws FamilyUnavailableException when the kernel has no unix_diag (the caller reads /proc/net/unix)
     */
    public List<UnixSocket> unix(Set<TcpState> states, boolean pending, boolean memory) {
        return dump("unix", seq -> FamilyDiag.unixRequest(states, pending, memory, seq), FamilyDiag.UNIX_DIAG_MSG.size(), FamilyDiag::unix);
    }

    /** Every packet socket, its interface named as the namespace names it (rtnetlink's link dump). */
    public List<PacketSocket> packet() {
        List<PacketSocket> sockets = dump("packet", FamilyDiag::packetRequest, FamilyDiag.PACKET_DIAG_MSG.size(), FamilyDiag::packet);
        if (sockets.stream().noneMatch(s -> s.interfaceIndex() != 0)) {
            return sockets;
        }
        java.util.Map<Integer, String> names = InterfaceNames.read(routes);
        return sockets.stream().map(s -> names.containsKey(s.interfaceIndex()) ? s.withInterfaceName(names.get(s.interfaceIndex())) : s)
                .toList();
    }

    /** Every netlink socket. */
    public List<NetlinkSocket> netlink() {
        return dump("netlink", FamilyDiag::netlinkRequest, FamilyDiag.NETLINK_DIAG_MSG.size(), FamilyDiag::netlink);
    }

    interface Request {
        byte[] build(int sequence);
    }

    interface Decoder<T> {
        Optional<T> decode(byte[] b, int at, int end);
    }

    interface Sink {
        void accept(byte[] b, int at, int end);
    }

    private <T extends KernelSocket> List<T> dump(String family, Request request, int minBody, Decoder<T> decoder) {
        List<T> sockets = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        try {
            read(channels, request, minBody, type -> type == InetDiag.SOCK_DIAG_BY_FAMILY, (b, at, end) -> decoder.decode(b, at, end)
                    .filter(s -> s.inode() == 0 || seen.add(s.inode()))
                    .ifPresent(sockets::add));
        } catch (InetDiag.DumpError e) {
            throw new FamilyUnavailableException("netlink has no " + family + " sockets (" + NativeException.describe(e.errno)
                    + "; is the " + family + "_diag module loaded?)", e);
        }
        return sockets;
    }

    /** Sends one dump request on a fresh channel and hands every answer of the accepted types to {@code sink}. */
    static void read(Supplier<DumpChannel> channels, Request request, int minBody, java.util.function.IntPredicate answers,
                             Sink sink) {
        DumpChannel channel;
        try {
            channel = DumpChannel.open(channels);
        } catch (SourceUnavailableException e) {
            throw new FamilyUnavailableException(e.getMessage(), e);
        }
        try (channel) {
            channel.send(request.build(1));
            byte[] buffer = new byte[dev.portscope.linux.ffm.NetlinkSocket.RECEIVE_BUFFER];
            InetDiag.Chunk chunk;
            do {
                int length = channel.receive(buffer);
                chunk = InetDiag.messages(buffer, length, minBody, answers, (at, end) -> sink.accept(buffer, at, end));
            } while (chunk == InetDiag.Chunk.MORE);
        }
    }
}
