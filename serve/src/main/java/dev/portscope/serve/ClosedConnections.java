package dev.portscope.serve;

import dev.portscope.Portscope;
import dev.portscope.Watch;
import dev.portscope.model.Direction;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEvent;
import dev.portscope.source.Query;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connections closed since serve started, and their bytes, from watch's destroy events (a
 * {@link Watch} of closes only: no dump of every socket, directions from the listeners). By
 * protocol, direction and service port: the local port of an inbound connection (bounded by the
 * listeners), the remote port of an outbound one, the first {@code portLimit} remote ports seen
 * with series of their own and the rest as "other" (a counter keeps its series once it has one).
 */
final class ClosedConnections implements AutoCloseable {
    private final Map<List<String>, LongAdder[]> counts = new ConcurrentHashMap<>(); // closes, bytes sent, bytes received
    private final Map<String, Boolean> outboundPorts = new ConcurrentHashMap<>();
    private final LongAdder lost = new LongAdder();
    private final int portLimit;
    private final Watch watch;
    private final Thread reader;
    private volatile boolean closing;

    private ClosedConnections(Watch watch, int portLimit) {
        this.watch = watch;
        this.portLimit = portLimit;
        this.reader = Thread.ofPlatform().name("portscope-serve-events").daemon().start(this::read);
    }

    /** Counting from now on, in this process's namespace; empty when the kernel's events cannot be had (say why). */
    static Optional<ClosedConnections> start(Portscope portscope, int portLimit, java.util.function.Consumer<String> why) {
        Optional<String> unwatchable = portscope.watchUnavailable();
        if (unwatchable.isPresent()) {
            why.accept("closed-connection metrics are off: " + unwatchable.get() + "; every other metric is served");
            return Optional.empty();
        }
        try {
            Query all = new Query(EnumSet.of(Protocol.TCP, Protocol.UDP), EnumSet.allOf(Family.class), Query.ALL_STATES);
            return Optional.of(new ClosedConnections(portscope.watchCloses(all), portLimit));
        } catch (RuntimeException e) {
            why.accept("closed-connection metrics are off: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void read() {
        try (watch) { // closed on the thread that used it: its netlink sockets' memory is confined to it
            while (!closing) {
                watch.next(Duration.ofMillis(500)).ifPresent(this::count);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closing) {
                lost.increment(); // the event source failed: say it in the metric rather than silently
            }
        }
    }

    private void count(SocketEvent event) {
        if (event instanceof SocketEvent.Lost) {
            lost.increment();
            return;
        }
        if (!(event instanceof SocketEvent.Closed c) || c.direction().isEmpty()) {
            return; // opens and state changes are not counted here; a close without a direction was no connection
        }
        boolean in = c.direction().get() == Direction.IN;
        String port = Integer.toString(in ? c.socket().local().port() : c.socket().remote().port());
        if (!in && !outboundPorts.containsKey(port)) {
            if (outboundPorts.size() < portLimit) {
                outboundPorts.putIfAbsent(port, true);
            }
            if (!outboundPorts.containsKey(port)) {
                port = "other";
            }
        }
        LongAdder[] adders = counts.computeIfAbsent(List.of(c.socket().protocol().label(), in ? "in" : "out", port),
                k -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
        adders[0].increment();
        c.transferred().ifPresent(t -> {
            adders[1].add(t.sent());
            adders[2].add(t.received().orElse(t.kernelReceived())); // a peer elsewhere: the FIN may be in it (one byte)
        });
    }

    /** The counters' families. */
    void collect(Exposition out) {
        List<Exposition.Sample> closed = out.family("portscope_closed_connections", "Connections closed since serve started, by "
                + "protocol, direction and service port (from the kernel's destroy events).", Exposition.Type.COUNTER);
        List<Exposition.Sample> sent = out.family("portscope_closed_connection_sent_bytes", "Bytes those connections sent (TCP's final "
                + "tcpi_bytes_sent).", Exposition.Type.COUNTER);
        List<Exposition.Sample> received = out.family("portscope_closed_connection_received_bytes", "Bytes those connections received "
                + "(TCP's final tcpi_bytes_received, which counts the peer's FIN).", Exposition.Type.COUNTER);
        Map<List<String>, LongAdder[]> sorted = new TreeMap<>((a, b) -> String.join("\0", a).compareTo(String.join("\0", b)));
        sorted.putAll(counts);
        sorted.forEach((k, v) -> {
            Map<String, String> labels = Exposition.labels("protocol", k.get(0), "direction", k.get(1), "port", k.get(2));
            closed.add(new Exposition.Sample(labels, v[0].sum()));
            if (k.get(0).equals("tcp")) {
                sent.add(new Exposition.Sample(labels, v[1].sum()));
                received.add(new Exposition.Sample(labels, v[2].sum()));
            }
        });
        out.family("portscope_events_lost", "Times the kernel dropped destroy events (its queue overflowed): closes then go uncounted.",
                Exposition.Type.COUNTER).add(new Exposition.Sample(Map.of(), lost.sum()));
    }

    @Override
    public void close() {
        closing = true;
        try {
            reader.join(2000); // the reader closes the watch as it ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
