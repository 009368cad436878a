package dev.portscope;

import dev.portscope.linux.netlink.SocketRequests;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Family;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketTimer;
import dev.portscope.model.TcpInfo;
import dev.portscope.model.TcpState;
import dev.portscope.model.Transferred;
import dev.portscope.source.SourceException;
import dev.portscope.source.SourceUnavailableException;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The application bytes of closed TCP connections ({@link Transferred}) for a {@link Watch}. The
 * kernel's {@code bytes_received} counts the peer's FIN when it came, and nothing in a destroyed
 * socket says whether it did; the peer's own count of what it sent does, when the peer is on this
 * host: its final counters from its destroy event (kept here a while), or from the kernel while it
 * still lives ({@link #fromLivePeer}). A dump that saw this end after the FIN (CLOSE-WAIT,
 * LAST-ACK, CLOSING) says so too, and with a peer elsewhere, a TIME-WAIT socket left in FIN-WAIT-2
 * ({@link #fromTimeWait}). Use from one thread.
 */
final class ReceivedBytes implements AutoCloseable {
    /** How long a close waits for its peer's destroy event when the peer may be on this host and is gone. */
    static final long PEER_WAIT_NANOS = 250_000_000L;
    private static final long KEPT_NANOS = 10_000_000_000L;
    private static final int KEPT = 1 << 16;
    private static final Set<TcpState> FIN_RECEIVED = Set.of(TcpState.CLOSE_WAIT, TcpState.LAST_ACK, TcpState.CLOSING);
    static final int TIME_WAIT_LOOKUPS_PER_SECOND = 1000;

    /** A connection's ends as one of its sockets sees them, IPv4-mapped addresses as IPv4 (the peer may be of the other family). */
    record Ends(InetAddress localAddress, int localPort, InetAddress remoteAddress, int remotePort) {
        static Ends of(SocketEntry s) {
            Endpoint local = s.local().unmapped();
            Endpoint remote = s.remote().unmapped();
            return new Ends(local.address(), local.port(), remote.address(), remote.port());
        }

        Ends reversed() {
            return new Ends(remoteAddress, remotePort, localAddress, localPort);
        }
    }

    private record Sent(long bytes, long nanos) {
    }

    private final Supplier<SocketRequests> open;
    private SocketRequests requests;
    private boolean unavailable;
    private long lookupSecond;
    private int lookupsThisSecond;
    /** What closed sockets that may have a peer here sent, by their ends, until the peer's close takes it. */
    private final Map<Ends, Sent> recent = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Ends, Sent> eldest) {
            return size() > KEPT;
        }
    };

    ReceivedBytes(Supplier<SocketRequests> open) {
        this.open = open;
    }

    /** Whether the peer of this connection may be a socket of this host's (same namespace): a loopback address, or its own. */
    static boolean peerMayBeHere(SocketEntry s) {
        InetAddress remote = s.remote().unmapped().address();
        return remote.isLoopbackAddress() || remote.equals(s.local().unmapped().address());
    }

    /**
     * What this destroyed TCP socket carried; {@code received} is empty when its peer's count is
     * not known (yet: {@link #peerClosed} may tell when the peer's destroy event follows).
     *
     * @param lastState the state the last dump saw it in, if one did
     */
    Transferred of(SocketEntry destroyed, TcpInfo info, Optional<TcpState> lastState) {
        return of(destroyed, sent(info), info.bytesReceived(), lastState);
    }

    /** Bytes sent, each once. */
    static long sent(TcpInfo info) {
        return info.bytesSent() - info.bytesRetrans();
    }

    /** {@link #of(SocketEntry, TcpInfo, Optional)} from the two counters that matter. */
    Transferred of(SocketEntry destroyed, long sent, long kernel, Optional<TcpState> lastState) {
        OptionalLong received = kernel == 0 ? OptionalLong.of(0) // no data, no FIN
                : lastState.filter(FIN_RECEIVED::contains).isPresent() ? OptionalLong.of(kernel - 1) : OptionalLong.empty();
        if (peerMayBeHere(destroyed)) {
            long now = System.nanoTime();
            Ends own = Ends.of(destroyed);
            Sent peer = recent.remove(own.reversed());
            OptionalLong paired = peer != null && now - peer.nanos() < KEPT_NANOS ? withoutFin(kernel, peer.bytes()) : OptionalLong.empty();
            if (paired.isPresent()) {
                return new Transferred(sent, paired, kernel); // the pair is complete: nothing to keep
            }
            recent.put(own, new Sent(sent, now));
        }
        return new Transferred(sent, received, kernel);
    }

    /** What a destroyed socket that is not shown sent, for its peer's close if that is shown and comes later. */
    void remember(SocketEntry destroyed, long sent) {
        if (peerMayBeHere(destroyed)) {
            recent.put(Ends.of(destroyed), new Sent(sent, System.nanoTime()));
        }
    }

    /**
     * {@code waiting}'s received bytes from its peer's counts now, if the peer still lives (asked
     * only once a close has waited for the peer's destroy event in vain: in a burst of short
     * connections the peer's event comes first, and one lookup per close would slow the reading).
     */
    Transferred fromLivePeer(SocketEntry destroyed, Transferred waiting) {
        Optional<TcpInfo> peer = ask(destroyed.remote().unmapped(), destroyed.local().unmapped()).flatMap(p -> p.extras().tcpInfo());
        return peer.map(p -> peerClosed(waiting, sent(p))).orElse(waiting);
    }

    /**
     * {@code closed}'s received bytes when its peer is elsewhere, from what it left behind: a
     * TIME-WAIT socket still in FIN-WAIT-2 means the peer's FIN had not come (one that got it
     * leaves TIME-WAIT, and never goes back), so the kernel's count is all data. Anything else
     * (TIME-WAIT: the FIN may have come after; nothing left) leaves it as it was. Asked at most
     * {@link #TIME_WAIT_LOOKUPS_PER_SECOND} times a second: a lookup costs ~20 µs, and a burst of
     * closes must not slow the reading.
     */
    Transferred fromTimeWait(SocketEntry destroyed, Transferred closed) {
        if (closed.received().isPresent() || !allowLookup()) {
            return closed;
        }
        boolean finNotCome = ask(destroyed.local().unmapped(), destroyed.remote().unmapped())
                .filter(s -> s.state() == TcpState.FIN_WAIT2 && s.extras().tcpInfo().isEmpty()
                        && s.extras().timer().filter(t -> t.kind() == SocketTimer.Kind.TIMEWAIT).isPresent())
                .isPresent();
        return finNotCome ? new Transferred(closed.sent(), OptionalLong.of(closed.kernelReceived()), closed.kernelReceived()) : closed;
    }

    private boolean allowLookup() {
        long second = System.nanoTime() / 1_000_000_000L;
        if (second != lookupSecond) {
            lookupSecond = second;
            lookupsThisSecond = 0;
        }
        return lookupsThisSecond++ < TIME_WAIT_LOOKUPS_PER_SECOND;
    }

    /** {@code waiting}'s received bytes now that its peer closed, having sent {@code peerSent}. */
    static Transferred peerClosed(Transferred waiting, long peerSent) {
        return new Transferred(waiting.sent(), withoutFin(waiting.kernelReceived(), peerSent), waiting.kernelReceived());
    }

    /**
     * The bytes received when the peer sent {@code peerSent}: the kernel's count is that, or one
     * more for the FIN. Anything else (the peer sent data that never arrived: a reset) leaves it unknown.
     */
    private static OptionalLong withoutFin(long kernelReceived, long peerSent) {
        long fin = kernelReceived - peerSent;
        return fin == 0 || fin == 1 ? OptionalLong.of(peerSent) : OptionalLong.empty();
    }

    /** The TCP socket with these ends now, in their family or the other (IPv4-mapped), if the kernel can be asked. */
    private Optional<SocketEntry> ask(Endpoint local, Endpoint remote) {
        if (unavailable) {
            return Optional.empty();
        }
        try {
            if (requests == null) {
                requests = open.get();
            }
            return find(requests, local, remote);
        } catch (SourceUnavailableException e) {
            unavailable = true;
            return Optional.empty();
        } catch (SourceException e) {
            return Optional.empty(); // no answer is no count: received stays unknown, as it is without a peer here
        }
    }

    private static Optional<SocketEntry> find(SocketRequests requests, Endpoint local, Endpoint remote) {
        if (local.family() == Family.IPV6) {
            return requests.find(Family.IPV6, local, remote);
        }
        Optional<SocketEntry> found = requests.find(Family.IPV4, local, remote);
        return found.isPresent() ? found : requests.find(Family.IPV6, local, remote);
    }

    @Override
    public void close() {
        if (requests != null) {
            requests.close();
        }
    }
}
