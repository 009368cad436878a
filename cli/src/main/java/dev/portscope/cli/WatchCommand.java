package dev.portscope.cli;

import dev.portscope.Portscope;
import dev.portscope.Watch;
import dev.portscope.cli.render.EventText;
import dev.portscope.cli.render.EventJson;
import dev.portscope.model.SocketEvent;
import dev.portscope.source.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code portscope watch}: every connection that opens, changes state or closes, as it happens. */
@Command(name = "watch", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Every connection that opens, changes state or closes, as it happens (with owners and final bytes).",
                "One line per event: opens and state "
                + "changes from a dump every --interval, closes from the kernel's destroy events, so a connection born and "
                + "gone between two dumps is still reported, with its final byte counts (TCP). Owners come from the dump "
                + "that saw a socket open; an inbound connection no dump saw is attributed to its listener's process, "
                + "an outbound one says its owner is unknown. Every state unless -l; numbers, not names."},
        footer = {"", "Examples:", "  portscope watch", "  portscope watch -t dport = :443", "  portscope watch --jsonl --count 100",
                "", "--json and --jsonl: one object per event and line, as it happens: {time, event (open, state, close, "
                + "lost), the socket's fields (README.md), direction, owners, and for state: from; for close: attribution "
                + "(seen, listener, unknown), lifetimeMs, seenBy (event, dump)}.",
                "Ctrl-C, --count or --duration end it with a summary on stderr: events, losses, closes with no known owner."})
final class WatchCommand extends ViewCommand {
    @Option(names = "--interval", paramLabel = "DURATION", converter = Durations.class,
            description = "Time between dumps, which find opens and state changes (default 1s; 500ms, 2s, 1m).")
    Duration interval = Duration.ofSeconds(1);
    @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
    long count;
    @Option(names = "--duration", paramLabel = "DURATION", converter = Durations.class, description = "Stop after this long (10s, 5m).")
    Duration duration;
    @Mixin
    OutputOptions output = new OutputOptions();
    @Option(names = "--receive-buffer", paramLabel = "BYTES", hidden = true, description = "The kernel's queue for destroy events (tests).")
    int receiveBuffer = Watch.DEFAULT_RECEIVE_BUFFER;
    @Parameters(paramLabel = "FILTER", description = "ss's filter words over addresses and ports, as for the listing; they apply to every event.")
    List<String> filterWords = new ArrayList<>();

    WatchCommand(Environment environment) {
        super(environment);
    }

    /** A duration: a number of seconds, or a number with ms, s, m or h. */
    static final class Durations implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return parse(text).orElseThrow(() -> new picocli.CommandLine.TypeConversionException(
                    "'" + text + "' is no duration: give seconds (1, 0.5) or a number with ms, s, m or h (500ms, 2s, 1m)"));
        }

        static Optional<Duration> parse(String text) {
            String t = text.strip();
            long unit = t.endsWith("ms") ? 1_000_000L : t.endsWith("s") ? 1_000_000_000L : t.endsWith("m") ? 60_000_000_000L
                    : t.endsWith("h") ? 3_600_000_000_000L : 1_000_000_000L;
            String number = t.replaceFirst("(ms|s|m|h)$", "");
            if (!number.matches("[0-9]+(\\.[0-9]+)?")) {
                return Optional.empty();
            }
            double nanos = Double.parseDouble(number) * unit;
            return nanos >= 1_000_000 && nanos <= 1e15 ? Optional.of(Duration.ofNanos((long) nanos)) : Optional.empty();
        }
    }

    @Override
    int view(PrintWriter out, PrintWriter err) {
        if (count < 0) {
            throw new UsageException("--count " + count + ": give 1 or more");
        }
        if (netns.all || netns.named.size() > 1) {
            throw new UsageException("watch follows one network namespace: this one, or one -N NAME (--all-netns and several -N do not apply)");
        }
        if (output.csv || !output.columns.isEmpty() || !output.sort.isEmpty()) {
            throw new UsageException("--csv, --columns and --sort do not apply to 'portscope watch' (a stream): use --jsonl");
        }
        boolean anyJson = output.anyJson(); // --json too: one object per line, a stream has no end to close an array at
        try (Portscope portscope = source.open(environment, netns)) {
            Query chosen = new Query(select.protocols(false), select.families(),
                    select.listening || select.all || select.boundInactive ? select.states() : Query.ALL_STATES);
            Query query = filterWords.isEmpty() ? chosen : chosen.withFilter(filter(portscope, filterWords, chosen.protocols()));
            if (!dev.portscope.filter.Filter.needs(query.filter()).isEmpty() || dev.portscope.filter.DeviceMatch.in(query.filter())) {
                throw new UsageException("watch filters on addresses, ports and states; pid, comm, uid, dir, class, netns, container, "
                        + "cgroup and dev conditions are for the listing");
            }
            Optional<String> unwatchable = portscope.watchUnavailable(); // what the options chose: --source procfs
            if (unwatchable.isPresent()) {
                throw new UsageException(unwatchable.get());
            }
            try (Watch watch = portscope.watch(query, interval, receiveBuffer)) {
                return follow(watch, out, err, anyJson);
            }
        }
    }

    private int follow(Watch watch, PrintWriter out, PrintWriter err, boolean anyJson) {
        EventText text = new EventText();
        if (!anyJson && !output.noHeader) {
            out.println(text.header());
            out.flush();
        }
        Thread summaryOnInterrupt = Thread.ofPlatform().unstarted(() -> {
            out.flush();
            err.println(summary(watch.summary()));
            err.flush();
        });
        Runtime.getRuntime().addShutdownHook(summaryOnInterrupt); // Ctrl-C
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        long printed = 0;
        try {
            while ((count == 0 || printed < count) && System.nanoTime() - deadline < 0) {
                Optional<SocketEvent> event = watch.next(Duration.ZERO);
                if (event.isEmpty()) {
                    out.flush(); // a stream: what came is out before waiting (and a closed pipe ends the run here)
                    long left = deadline - System.nanoTime();
                    event = watch.next(Duration.ofNanos(Math.max(0, Math.min(left, 200_000_000L))));
                }
                if (event.isPresent()) {
                    print(out, text, anyJson, event.get());
                    printed++;
                }
            }
            // --duration's end: what the kernel said before it is printed, not dropped with the queues
            if (count == 0 || printed < count) {
                watch.catchUp(Duration.ofSeconds(2));
            }
            for (Optional<SocketEvent> event = watch.pending(); event.isPresent() && (count == 0 || printed < count);
                 event = watch.pending()) {
                print(out, text, anyJson, event.get());
                printed++;
            }
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(summaryOnInterrupt);
            } catch (IllegalStateException e) {
                // shutting down already: the hook prints the summary
            }
        }
        err.println(summary(watch.summary()));
        return Failures.OK;
    }

    private static void print(PrintWriter out, EventText text, boolean json, SocketEvent event) {
        if (json) {
            EventJson.write(out, event);
        } else {
            out.println(text.line(event));
        }
    }

    static String summary(Watch.Summary s) {
        return "portscope: " + s.events() + " events (" + s.opened() + " open, " + s.stateChanges() + " state, " + s.closed() + " close); "
                + (s.losses() == 0 ? "none lost" : "events lost " + s.losses() + (s.losses() == 1 ? " time" : " times")
                + " (the kernel's queue overflowed; what closed meanwhile was found by the next dump, without its final counters)")
                + "; " + s.unattributed() + " closes with no known owner"
                + dev.portscope.lookup.Owners.hint(s.hiddenProcesses()).map(h -> "; " + h).orElse("");
    }
}
