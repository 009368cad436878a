package dev.portscope.cli.render;

import dev.portscope.model.Direction;
import dev.portscope.model.Owner;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketEvent;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code portscope watch}'s lines: time, event, protocol, both ends, direction, state, owner, and
 * for a close what the kernel's final tcp_info says. Columns have fixed widths (a stream cannot
 * measure its rows first); a longer value pushes the rest of its line right.
 */
public final class EventText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final String FORMAT = "%-12s %-6s %-5s %-23s %-23s %-3s %-12s %s";
    private final ZoneId zone = ZoneId.systemDefault();

    public String header() {
        return String.format(Locale.ROOT, FORMAT, "Time", "Event", "Proto", "Local Address", "Foreign Address", "Dir", "State",
                "PID/Program name").stripTrailing();
    }

    public String line(SocketEvent event) {
        String time = LocalTime.ofInstant(event.at(), zone).format(TIME);
        return switch (event) {
            case SocketEvent.Opened o -> row(time, "open", o.socket(), o.direction(), o.socket().state().netstatName(), owners(o.owners()), "");
            case SocketEvent.StateChanged c -> row(time, "state", c.socket(), c.direction(),
                    c.from().netstatName() + ">" + c.socket().state().netstatName(), owners(c.owners()), "");
            case SocketEvent.Closed c -> row(time, "close", c.socket(), c.direction(), c.seenByDump() ? "gone" : "CLOSE",
                    c.attribution() == SocketEvent.Attribution.UNKNOWN ? "(owner unknown)" : owners(c.owners())
                            + (c.attribution() == SocketEvent.Attribution.LISTENER ? " (its listener)" : ""), details(c));
            case SocketEvent.Lost l -> time + " lost   the kernel dropped destroy events (its queue overflowed); dumping now to catch up";
        };
    }

    private static String row(String time, String event, SocketEntry s, Optional<Direction> direction, String state, String owner,
                              String details) {
        return String.format(Locale.ROOT, FORMAT, time, event, s.protocol().label(s.family()),
                Names.local(s), s.remote(), direction.map(Direction::label).orElse("-"), state, owner + (details.isEmpty() ? "" : "  " + details))
                .stripTrailing();
    }

    private static String owners(List<Owner> owners) {
        return owners.isEmpty() ? "-" : owners.stream().map(o -> o.pid() + "/" + Visible.of(o.command())).distinct()
                .collect(Collectors.joining(","));
    }

    /** lived 1.2s, sent 1000 B, received 500 B, retrans 0, rtt 0.05 ms: what is known of a closed socket. */
    private static String details(SocketEvent.Closed c) {
        StringBuilder out = new StringBuilder();
        c.lifetime().ifPresent(d -> out.append("lived ").append(seconds(d)).append(", "));
        c.transferred().ifPresent(t -> out.append("sent ").append(t.sent()).append(" B, received ").append(t.received().isPresent()
                ? Long.toString(t.received().getAsLong()) : (t.kernelReceived() - 1) + " or " + t.kernelReceived()).append(" B, "));
        c.transferred().flatMap(t -> c.socket().extras().tcpInfo()).ifPresent(t -> out.append("retrans ").append(t.totalRetrans())
                .append(", rtt ").append(String.format(Locale.ROOT, "%.2f", t.rttMicros() / 1000.0)).append(" ms, "));
        if (c.seenByDump()) {
            out.append("found gone by a dump (its close event was lost), ");
        }
        return out.isEmpty() ? "" : out.substring(0, out.length() - 2);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3fs", d.toNanos() / 1e9);
    }
}
