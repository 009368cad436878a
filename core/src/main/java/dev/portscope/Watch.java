package dev.portscope;

import dev.portscope.linux.netlink.DestroyEvents;
import dev.portscope.linux.netlink.SocketRequests;
import dev.portscope.lookup.Owners;
import dev.portscope.model.Direction;
import dev.portscope.model.Netns;
import dev.portscope.model.Owner;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketEvent;
import dev.portscope.model.SocketTimer;
import dev.portscope.model.TcpState;
import dev.portscope.model.Transferred;
import dev.portscope.source.Query;
import dev.portscope.source.SourceException;
import dev.portscope.source.SourceUnavailableException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Connections over time ({@link Portscope#watch}): every socket that opens, changes state or
 * closes, one {@link SocketEvent} at a time from {@link #next}. Opens and state changes come from
 * dumps every interval, compared by socket cookie (the kernel sends no "opened" event); closes from
 * the kernel's destroy broadcasts, received on a platform thread of their own into an unbounded
 * queue, so output that blocks never makes the kernel drop them. When it drops some anyway (its
 * queue overflowed) {@link SocketEvent.Lost} says so and a dump follows at once: sockets gone
 * meanwhile are reported closed by that dump. The caller's thread runs the dumps, inside
 * {@link #next}; use a watch from one thread, and close it there.
 */
public final class Watch implements AutoCloseable {
    /** States a socket whose program closed it passes through (an accepted connection waiting in its queue has inode 0 too, but is ESTABLISHED). */
    private static final java.util.Set<TcpState> ORPHAN_STATES = java.util.EnumSet.of(TcpState.FIN_WAIT1, TcpState.FIN_WAIT2,
            TcpState.CLOSING, TcpState.LAST_ACK);
    /** What the kernel's destroy queue is asked to hold: ~40,000 events of a TCP close (~200 bytes each). */
    public static final int DEFAULT_RECEIVE_BUFFER = 8 << 20;

    /**
     * Counts since the watch began.
     *
     * @param hiddenProcesses the most processes any owner lookup could not inspect (another user's,
     *                        without root): their sockets' events show no owner
     */
    public record Summary(long opened, long closed, long stateChanges, long losses, long unattributed, int hiddenProcesses) {
        /** Every event reported, losses included. */
        public long events() {
            return opened + closed + stateChanges + losses;
        }
    }

    /** A whole socket some dump saw (never a TIME-WAIT socket): as last seen whole, with its owners and since when. */
    private record Known(SocketEntry last, List<Owner> owners, Instant firstSeen, boolean openedWhileWatching) {
    }

    /** What the destroy reader hands over: a destroyed socket, an overflow, or its own end by failure. */
    private sealed interface Received {
        record Destroyed(Instant at, long nanos, SocketEntry socket) implements Received {
        }

        record Overflow(Instant at) implements Received {
        }

        record Failed(RuntimeException cause) implements Received {
        }

        /** The reader found the kernel's queue empty after {@link #catchUp} asked, in request {@code id}. */
        record Drained(long id) implements Received {
        }
    }

    private final Portscope portscope;
    private final Query query;
    private final Query dumped;
    private final Duration interval;
    private final int receiveBuffer;
    private final boolean dumping;
    /** The namespace named for the watch, if one was (entered unless it is this process's own): events are labelled with its inode, as its dumps are. */
    private final Optional<Netns> netns;
    private final Thread reader;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final EventQueue ready;
    private final Map<Long, Known> known = new HashMap<>();
    /** Sockets a dump no longer saw, by cookie: reported closed by the next dump unless their destroy event comes first. */
    private final Map<Long, Known> gone = new HashMap<>();
    /** Cookies reported closed, with the dump generation then: a TIME-WAIT socket keeps its cookie, and is no new socket. */
    private final Map<Long, Long> closed = new HashMap<>();
    private final WatchedListeners listening;
    private volatile int hiddenProcesses;
    private long generation;
    private long nextDump = System.nanoTime();
    private volatile boolean closing;
    /** The last {@link #catchUp} request, and the last one the reader answered. */
    private volatile long drainRequested;
    private long drainAnswered;
    private long opened, closes, stateChanges, losses, unattributed;

    Watch(Portscope portscope, Query query, Duration interval, int receiveBuffer) {
        this(portscope, query, Optional.of(interval), receiveBuffer, Optional.empty());
    }

    /**
     * {@code every} empty: closes only, no dumps (what an exporter counting closes wants at 100k
     * sockets: no map of every socket, no owner scan); every close is then attributed through the
     * listeners, which are read again when a close needs them.
     */
    Watch(Portscope portscope, Query query, Optional<Duration> every, int receiveBuffer, Optional<Netns> netns) {
        Duration interval = every.orElse(Duration.ofDays(365));
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, not " + interval);
        }
        this.portscope = portscope;
        this.query = query;
        this.dumped = query.withStates(Query.ALL_STATES); // a socket leaving the chosen states has not closed
        this.interval = interval;
        this.dumping = every.isPresent();
        this.receiveBuffer = receiveBuffer;
        this.netns = netns;
        this.listening = new WatchedListeners(portscope, query.protocols());
        this.ready = new EventQueue(new ReceivedBytes(() -> netns.filter(n -> !n.own()).map(n -> SocketRequests.openIn(n.path()))
                .orElseGet(SocketRequests::open)));
        // The reader subscribes (its socket's memory is confined to its thread) before the first dump,
        // so that nothing closes unheard between the two.
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        this.reader = Thread.ofPlatform().name("portscope-destroy-events").daemon().start(() -> receiveDestroyed(subscribed));
        try {
            subscribed.join();
            if (dumping) {
                dump(Instant.now()); // the sockets there already: no events, but their owners for when they close
            } else {
                List<SocketEntry> listeners = listening.read();
                listening.listen(listeners, portscope.owners(listeners));
            }
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The next event, waiting up to {@code timeout} for one (dumping when a dump is due);
     * empty when none came in time.
     *
     * @throws SourceException when the socket tables or the destroy events can no longer be read
     */
    public Optional<SocketEvent> next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.headReady()) {
            long now = System.nanoTime();
            if (dumping && now - nextDump >= 0) {
                nextDump = now + interval.toNanos();
                List<Received> before = new ArrayList<>();
                received.drainTo(before); // what came before the dump is handled before it: events stay in time order
                before.forEach(this::handle);
                dump(Instant.now());
                continue;
            }
            long wait = Math.min(deadline, nextDump) - now;
            OptionalLong head = ready.headWaitsUntil();
            if (head.isPresent()) {
                wait = Math.min(wait, head.getAsLong() - now);
            }
            if (deadline - now <= 0) {
                return Optional.empty();
            }
            Received r = received.poll(Math.max(wait, 0), TimeUnit.NANOSECONDS);
            if (r != null) {
                handle(r);
            }
        }
        return Optional.of(handOut(ready.poll()));
    }

    /**
     * The next event already received, without waiting and without dumping: what a caller ending
     * the watch drains, so that closes that came before the end are not dropped.
     */
    public Optional<SocketEvent> pending() throws InterruptedException {
        while (!ready.headReady()) {
            OptionalLong head = ready.headWaitsUntil();
            Received r = head.isEmpty() ? received.poll()
                    : received.poll(Math.max(head.getAsLong() - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
            if (r == null && head.isEmpty()) {
                return Optional.empty();
            }
            if (r != null) {
                handle(r);
            }
        }
        return Optional.of(handOut(ready.poll()));
    }

    /**
     * Waits (at most {@code limit}) until the destroy events the kernel holds now have been read,
     * so that {@link #pending} then hands out every close that came before this call: what a
     * caller ending the watch does first, since the reader may lag behind a burst.
     */
    public void catchUp(Duration limit) throws InterruptedException {
        long id = drainRequested + 1;
        drainRequested = id;
        long deadline = System.nanoTime() + limit.toNanos();
        for (long left = limit.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Received r = received.poll(left, TimeUnit.NANOSECONDS);
            if (r == null || r instanceof Received.Drained(long answered) && answered == id) {
                return;
            }
            handle(r);
        }
    }


    /** Counts an event as it leaves: the summary is of what the caller got. */
    private SocketEvent handOut(SocketEvent event) {
        switch (event) {
            case SocketEvent.Opened o -> opened++;
            case SocketEvent.StateChanged c -> stateChanges++;
            case SocketEvent.Lost l -> losses++;
            case SocketEvent.Closed c -> {
                closes++;
                if (c.attribution() == SocketEvent.Attribution.UNKNOWN) {
                    unattributed++;
                }
            }
        }
        return event;
    }

    /** What {@link #next} and {@link #pending} have handed out so far. */
    public Summary summary() {
        return new Summary(opened, closes, stateChanges, losses, unattributed, hiddenProcesses);
    }

    /** The interval between dumps. */
    public Duration interval() {
        return interval;
    }

    private void receiveDestroyed(CompletableFuture<Void> subscribed) {
        DestroyEvents destroyed;
        try {
            destroyed = DestroyEvents.subscribe(netns.filter(n -> !n.own()).map(Netns::path), receiveBuffer);
        } catch (RuntimeException e) {
            subscribed.completeExceptionally(e);
            return;
        }
        subscribed.complete(null);
        try (destroyed) {
            while (!closing) {
                DestroyEvents.Batch batch = destroyed.receive();
                Instant at = Instant.now();
                if (batch.overflowed()) {
                    received.add(new Received.Overflow(at));
                }
                long nanos = System.nanoTime();
                long inode = netns.map(Netns::inode).orElse(0L);
                batch.sockets().forEach(s -> received.add(new Received.Destroyed(at, nanos, inode == 0 ? s : s.inNamespace(inode))));
                long drain = drainRequested;
                if (batch.sockets().isEmpty() && !batch.overflowed() && drain != drainAnswered) { // a receive that timed out: nothing queued
                    drainAnswered = drain;
                    received.add(new Received.Drained(drain));
                }
            }
        } catch (RuntimeException e) {
            if (!closing) {
                received.add(new Received.Failed(e));
            }
        }
    }

    private void handle(Received r) {
        switch (r) {
            case Received.Destroyed(Instant at, long nanos, SocketEntry socket) -> destroyed(at, nanos, socket);
            case Received.Overflow(Instant at) -> {
                ready.add(new SocketEvent.Lost(at));
                nextDump = System.nanoTime(); // catch up: what closed unheard is found gone
            }
            case Received.Failed(RuntimeException cause) -> throw new SourceException(
                    "the kernel's socket-destroy events can no longer be read: " + cause.getMessage(), cause);
            case Received.Drained d -> {
            }
        }
    }

    private void destroyed(Instant at, long receivedNanos, SocketEntry destroyed) {
        long cookie = destroyed.extras().cookie().orElse(0);
        SocketEntry socket = abortedEnds(destroyed, cookie);
        if (socket.local().port() == 0) {
            return; // never bound: no connection, and nothing a dump could have shown
        }
        if (!matches(socket)) {
            if (destroyed.remote().port() != 0) {
                socket.extras().tcpInfo().ifPresent(info -> ready.notShown(socket, info)); // its peer may be shown: sport = :443 shows one end
            }
            return;
        }
        if (closed.containsKey(cookie)) {
            return; // already reported gone by a dump
        }
        if (dumping) {
            closed.put(cookie, generation); // for the dumps to come: kept while one still shows the cookie; none without dumps
        }
        Known k = known.remove(cookie);
        if (k == null) {
            k = gone.remove(cookie);
        }
        // an aborted end's counters were zeroed with its ends (tcp_disconnect): no count beats a wrong one
        Optional<Transferred> transferred = destroyed.remote().port() == 0 ? Optional.empty()
                : ready.transferred(socket, Optional.ofNullable(k).map(seen -> seen.last().state()));
        if (k != null) {
            report(new SocketEvent.Closed(at, socket, listening.direction(socket), k.owners(), SocketEvent.Attribution.SEEN,
                    k.openedWhileWatching() ? Optional.of(Duration.between(k.firstSeen(), at)) : Optional.empty(), false, transferred),
                    k.last().state());
            return;
        }
        Optional<Direction> direction = listening.direction(socket);
        if (direction.isEmpty() || direction.get() == Direction.OUT) {
            listening.refresh(receivedNanos); // a listener newer than the last read makes it inbound
            direction = listening.direction(socket);
        }
        Optional<List<Owner>> listener = direction.filter(d -> d == Direction.IN).flatMap(d -> listening.ownersOf(socket));
        report(new SocketEvent.Closed(at, socket, direction, listener.orElse(List.of()),
                listener.isPresent() ? SocketEvent.Attribution.LISTENER : SocketEvent.Attribution.UNKNOWN, Optional.empty(), false,
                transferred),
                socket.remote().port() != 0 ? TcpState.ESTABLISHED : socket.state()); // never seen: a connection, or an unconnected socket
    }

    /**
     * A connection its own side aborted (a close with SO_LINGER 0) reaches its destroy event with
     * its peer's port, its local address and its byte counters cleared (tcp_disconnect); the ends a
     * dump saw it with are put back. One no dump saw keeps what the kernel says.
     */
    private SocketEntry abortedEnds(SocketEntry destroyed, long cookie) {
        if (destroyed.remote().port() != 0) {
            return destroyed;
        }
        Known k = known.containsKey(cookie) ? known.get(cookie) : gone.get(cookie);
        if (k == null || k.last().remote().port() == 0) {
            return destroyed;
        }
        SocketEntry seen = k.last();
        return new SocketEntry(destroyed.protocol(), destroyed.family(), destroyed.state(), seen.local(), seen.remote(),
                destroyed.recvQ(), destroyed.sendQ(), destroyed.uid(), destroyed.inode(), destroyed.extras(), destroyed.netns());
    }

    /** One dump: new sockets are opened, changed ones changed, and those gone for a whole interval without an event closed. */
    private void dump(Instant at) {
        generation++;
        List<SocketEntry> nowListening = listening.read();
        List<SocketEntry> sockets = WatchedListeners.read(portscope, dumped);
        if (generation == 1 && Stream.concat(sockets.stream(), nowListening.stream()).anyMatch(s -> s.extras().cookie().isEmpty())) {
            throw new SourceUnavailableException("watch needs netlink sock_diag (its socket cookies tell sockets apart), "
                    + "and the sockets came from /proc", null);
        }
        List<SocketEntry> unknown = new ArrayList<>();
        sockets.stream().filter(s -> !known.containsKey(cookie(s)) && !closed.containsKey(cookie(s))).forEach(unknown::add);
        listening.unknown(nowListening).forEach(unknown::add);
        Owners owners = unknown.isEmpty() ? null : portscope.owners(unknown);
        if (owners != null) {
            hiddenProcesses = Math.max(hiddenProcesses, owners.unreadable());
        }
        listening.listen(nowListening, owners);
        Map<Long, SocketEntry> seen = new HashMap<>();
        for (SocketEntry s : sockets) {
            long cookie = cookie(s);
            seen.put(cookie, s);
            if (closed.containsKey(cookie)) {
                continue; // a TIME-WAIT socket whose full socket was reported closed
            }
            Known k = known.get(cookie);
            if (k == null) {
                k = gone.remove(cookie); // back in the chosen dump after a miss: the same socket
            }
            if (k == null) {
                if (leftOfAClosedConnection(s)) {
                    continue; // never seen open: its full socket's destroy event reports it, as one no dump saw
                }
                List<Owner> held = owners.of(s);
                known.put(cookie, new Known(s, held, at, generation > 1));
                if (generation > 1 && query.states().contains(s.state())) {
                    ready.add(new SocketEvent.Opened(at, s, listening.direction(s), held));
                }
            } else if (timeWaitSocket(s) && !timeWaitSocket(k.last())) {
                // its full socket left TIME-WAIT behind (the cookie passes on): its destroy event comes when the program
                // lets go, with the final counters; kept as last seen whole, so that if that event is lost, the
                // TIME-WAIT socket's end reports it closed
                known.put(cookie, k);
            } else {
                known.put(cookie, new Known(s, k.owners(), k.firstSeen(), k.openedWhileWatching()));
                if (k.last().state() != s.state() && (query.states().contains(s.state()) || query.states().contains(k.last().state()))) {
                    ready.add(new SocketEvent.StateChanged(at, s, k.last().state(), listening.direction(s), k.owners()));
                }
            }
        }
        for (Iterator<Map.Entry<Long, Known>> it = gone.entrySet().iterator(); it.hasNext(); ) {
            Known k = it.next().getValue();
            it.remove();
            closedByDump(at, k); // known sockets are whole ones (never TIME-WAIT): gone for a whole interval without an event
        }
        for (Iterator<Map.Entry<Long, Known>> it = known.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Known> e = it.next();
            if (!seen.containsKey(e.getKey())) {
                gone.put(e.getKey(), e.getValue());
                it.remove();
            }
        }
        // a closed cookie is remembered while a dump still shows it (TIME-WAIT), and for the dump after its close
        closed.entrySet().removeIf(e -> !seen.containsKey(e.getKey()) && e.getValue() < generation);
    }

    /** A socket a dump found closed, its destroy event lost: as that dump last saw it, without the final counters. */
    private void closedByDump(Instant at, Known k) {
        closed.put(cookie(k.last()), generation);
        report(new SocketEvent.Closed(at, k.last(), listening.direction(k.last()), k.owners(), SocketEvent.Attribution.SEEN,
                k.openedWhileWatching() ? Optional.of(Duration.between(k.firstSeen(), at)) : Optional.empty(), true, Optional.empty()),
                k.last().state());
    }

    /**
     * A TIME-WAIT socket (the kernel's small stand-in for a closed connection's full socket: state
     * TIME-WAIT, or FIN-WAIT-2 when the peer had not closed yet, with the timewait timer). Its
     * cookie is its own unless a dump had asked for the full socket's.
     */
    private static boolean timeWaitSocket(SocketEntry s) {
        return s.state() == TcpState.TIME_WAIT || s.extras().timer().filter(t -> t.kind() == SocketTimer.Kind.TIMEWAIT).isPresent();
    }

    /** What is left of a connection its program closed: a TIME-WAIT socket, or an orphan (no file: inode 0) still closing. */
    private static boolean leftOfAClosedConnection(SocketEntry s) {
        return timeWaitSocket(s) || s.inode() == 0 && ORPHAN_STATES.contains(s.state());
    }

    /** Reports a close when the state the socket was last known in is one of the chosen states. */
    private void report(SocketEvent.Closed event, TcpState lastState) {
        if (query.states().contains(lastState)) {
            ready.addClose(event);
        }
    }

    /** The chosen protocols and families, and the filter; not the states: a destroyed socket's state is CLOSE. */
    private boolean matches(SocketEntry s) {
        return query.protocols().contains(s.protocol()) && query.families().contains(s.family()) && query.filter().test(s);
    }

    private static long cookie(SocketEntry s) {
        return s.extras().cookie().orElse(0);
    }

    /** Stops the destroy reader (within ~200 ms) and closes its socket. */
    @Override
    public void close() {
        ready.close();
        closing = true;
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
