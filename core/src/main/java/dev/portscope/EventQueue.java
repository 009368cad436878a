package dev.portscope;

import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketEvent;
import dev.portscope.model.TcpInfo;
import dev.portscope.model.TcpState;
import dev.portscope.model.Transferred;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link Watch}'s events in the order they are handed out. A TCP close whose received bytes
 * wait on its peer's final counts ({@link ReceivedBytes}: the peer is on this host) holds its
 * place, and the events behind it, until the peer's destroy event answers it or
 * {@link ReceivedBytes#PEER_WAIT_NANOS} pass; then the peer is asked for while it still lives, and
 * failing that its bytes stay unknown. A close whose peer is elsewhere is checked at once against
 * what it left behind ({@link ReceivedBytes#fromTimeWait}). Use from one thread.
 */
final class EventQueue implements AutoCloseable {
    /** An event in line; {@code waitUntil} (System.nanoTime()) is 0 once it may go. */
    private static final class Slot {
        SocketEvent event;
        long waitUntil;

        Slot(SocketEvent event, long waitUntil) {
            this.event = event;
            this.waitUntil = waitUntil;
        }
    }

    private final ArrayDeque<Slot> line = new ArrayDeque<>();
    /** Closes waiting for their peer's destroy event, by the peer's ends. */
    private final Map<ReceivedBytes.Ends, Slot> waiting = new HashMap<>();
    private final ReceivedBytes bytes;

    EventQueue(ReceivedBytes bytes) {
        this.bytes = bytes;
    }

    /** An event that goes as it is. */
    void add(SocketEvent event) {
        line.add(new Slot(event, 0));
    }

    /**
     * A close; it waits for its peer's counts when its received bytes are unknown and the peer may
     * yet close here. With a peer elsewhere, what the connection left behind may tell them, now.
     */
    void addClose(SocketEvent.Closed event) {
        boolean unknown = !event.seenByDump() && event.transferred().filter(t -> t.received().isEmpty()).isPresent();
        boolean peerHere = ReceivedBytes.peerMayBeHere(event.socket());
        SocketEvent.Closed close = unknown && !peerHere
                ? withTransferred(event, bytes.fromTimeWait(event.socket(), event.transferred().orElseThrow())) : event;
        boolean peerToCome = unknown && peerHere;
        Slot slot = new Slot(close, peerToCome ? System.nanoTime() + ReceivedBytes.PEER_WAIT_NANOS : 0);
        if (peerToCome) {
            waiting.put(ReceivedBytes.Ends.of(close.socket()).reversed(), slot);
        }
        line.add(slot);
    }

    /**
     * What a destroyed TCP socket that will be shown carried (its counts also answer the close
     * waiting for them as its peer's); empty for UDP (no counters).
     *
     * @param lastState the state the last dump saw it in, if one did
     */
    Optional<Transferred> transferred(SocketEntry socket, Optional<TcpState> lastState) {
        Optional<TcpInfo> info = socket.extras().tcpInfo();
        if (info.isEmpty()) {
            return Optional.empty();
        }
        answerWaiting(socket, info.get());
        return Optional.of(bytes.of(socket, info.get(), lastState));
    }

    /** A destroyed TCP socket not shown: its final counts still answer its peer's close, waiting now or yet to come. */
    void notShown(SocketEntry socket, TcpInfo info) {
        if (!answerWaiting(socket, info)) {
            bytes.remember(socket, ReceivedBytes.sent(info));
        }
    }

    private boolean answerWaiting(SocketEntry socket, TcpInfo info) {
        Slot peer = waiting.remove(ReceivedBytes.Ends.of(socket));
        if (peer == null || !(peer.event instanceof SocketEvent.Closed c)) {
            return false;
        }
        peer.event = withTransferred(c, ReceivedBytes.peerClosed(c.transferred().orElseThrow(), ReceivedBytes.sent(info)));
        peer.waitUntil = 0;
        return true;
    }

    /** Whether the first event in line may go: it waits for nothing, or has waited long enough. */
    boolean headReady() {
        Slot head = line.peek();
        if (head == null) {
            return false;
        }
        if (head.waitUntil != 0 && System.nanoTime() - head.waitUntil >= 0) {
            head.waitUntil = 0;
            if (head.event instanceof SocketEvent.Closed c) { // no destroy event from the peer: it may still live
                waiting.remove(ReceivedBytes.Ends.of(c.socket()).reversed(), head);
                head.event = withTransferred(c, bytes.fromLivePeer(c.socket(), c.transferred().orElseThrow()));
            }
        }
        return head.waitUntil == 0;
    }

    /** The first event in line; call only when {@link #headReady}. */
    SocketEvent poll() {
        return line.poll().event;
    }

    /** When the first event in line stops waiting (System.nanoTime()); empty when the line is empty. */
    OptionalLong headWaitsUntil() {
        Slot head = line.peek();
        return head == null ? OptionalLong.empty() : OptionalLong.of(head.waitUntil);
    }

    private static SocketEvent.Closed withTransferred(SocketEvent.Closed c, Transferred t) {
        return new SocketEvent.Closed(c.at(), c.socket(), c.direction(), c.owners(), c.attribution(), c.lifetime(), c.seenByDump(),
                Optional.of(t));
    }

    @Override
    public void close() {
        bytes.close();
    }
}
