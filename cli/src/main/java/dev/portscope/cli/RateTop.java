package dev.portscope.cli;

import dev.portscope.RateMeter;
import dev.portscope.cli.render.Columns;
import dev.portscope.cli.render.Json;
import dev.portscope.cli.render.RowOutput;
import dev.portscope.lookup.CountKey;
import dev.portscope.lookup.Owners;
import dev.portscope.lookup.RateGroup;
import dev.portscope.lookup.Rates;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code top --rate}: TCP throughput by a key over measured intervals, from the kernel's byte
 * counters (tcp_info), as rows of {@link RateGroup}: the data behind {@code top --live}.
 */
final class RateTop {
    private final CountKey by;
    private final OutputOptions output;
    private final BiFunction<Json, String, Json> keyJson;

    RateTop(CountKey by, OutputOptions output, BiFunction<Json, String, Json> keyJson) {
        this.by = by;
        this.output = output;
        this.keyJson = keyJson;
    }

    /**
     * One sample grouped by a key, with what the key needs read once (owners for process, cgroups
     * for container): its groups, and the connections behind any one of them.
     */
    record Grouping(RateMeter.Sample sample, CountKey by, Optional<Owners> owners, Optional<dev.portscope.lookup.Cgroups> cgroups) {
        static Grouping of(RateMeter meter, RateMeter.Sample sample, CountKey by, dev.portscope.Portscope portscope) {
            return new Grouping(sample, by, by.needsOwners() ? Optional.of(meter.owners(sample)) : Optional.empty(),
                    by == CountKey.CONTAINER ? Optional.of(portscope.cgroups()) : Optional.empty());
        }

        List<RateGroup> groups() {
            return Rates.group(sample.rates(), by, owners, sample.namespaces(), cgroups);
        }

        /** The connections of the group with this key. */
        List<dev.portscope.model.SocketRate> members(String key) {
            return sample.rates().stream().filter(r -> by.keysOf(r.socket(), owners, sample.namespaces(), cgroups).contains(key)).toList();
        }
    }

    /** Measures {@code count} intervals of {@code interval} and prints each (a blank line between tables). */
    void run(PrintWriter out, PrintWriter err, dev.portscope.Portscope portscope, RateMeter meter, Duration interval, int count, int limit)
            throws InterruptedException {
        RowOutput<RateGroup> rows = rowOutput(Instant.now());
        meter.sample(); // the counters to start from
        for (int i = 0; i < count && !Thread.currentThread().isInterrupted(); i++) {
            Thread.sleep(interval);
            RateMeter.Sample sample = meter.sample();
            List<RateGroup> groups = Grouping.of(meter, sample, by, portscope).groups();
            List<RateGroup> shown = limit == 0 || groups.size() <= limit ? groups : groups.subList(0, limit);
            if (i > 0 && !output.anyJson() && !output.csv) {
                out.println();
            }
            rowOutput(Instant.now()).print(out, shown);
            out.flush();
            sample.notes().forEach(n -> err.println("portscope: " + n));
        }
    }

    RowOutput<RateGroup> rowOutput(Instant time) {
        return new RowOutput<>(output.format(), columns(), (json, g) -> {
            json.beginObject().name("time").value(time.toString());
            keyJson.apply(json, g.key());
            json.name("connections").value(g.connections())
                    .name("inBytesPerSecond").value(Math.round(g.inPerSecond())).name("outBytesPerSecond").value(Math.round(g.outPerSecond()))
                    .name("inBytes").value(g.bytesIn()).name("outBytes").value(g.bytesOut()).name("retransmits").value(g.retransmits())
                    .name("rttMicros");
            if (g.rttMicros().isPresent()) {
                json.value(g.rttMicros().getAsLong());
            } else {
                json.nullValue();
            }
            json.name("intervalMs").value(g.elapsed().toMillis()).endObject();
        });
    }

    Columns<RateGroup> columns() {
        return new Columns<RateGroup>()
                .addText("in", "bytes received per second, readable", true, g -> human(g.inPerSecond()) + "/s")
                .addText("out", "bytes sent per second, readable", true, g -> human(g.outPerSecond()) + "/s")
                .add("inBytesPerSecond", "bytes received per second", Columns.Default.CSV, g -> Long.toString(Math.round(g.inPerSecond())))
                .add("outBytesPerSecond", "bytes sent (acknowledged) per second", Columns.Default.CSV,
                        g -> Long.toString(Math.round(g.outPerSecond())))
                .add("inBytes", "bytes received in the interval", false, g -> Long.toString(g.bytesIn()))
                .add("outBytes", "bytes sent in the interval", false, g -> Long.toString(g.bytesOut()))
                .add("connections", "TCP connections with this key", true, g -> Integer.toString(g.connections()))
                .add("rttMicros", "the largest smoothed round-trip time among them", false,
                        g -> g.rttMicros().isPresent() ? Long.toString(g.rttMicros().getAsLong()) : "")
                .addText("rtt", "the largest round-trip time, readable", true,
                        g -> g.rttMicros().isPresent() ? String.format(Locale.ROOT, "%.1fms", g.rttMicros().getAsLong() / 1000.0) : "-")
                .add("retransmits", "segments retransmitted in the interval", true, g -> Long.toString(g.retransmits()))
                .addText("key", "the " + by.label() + " they share", true, RateGroup::key)
                .alias("conns", "connections");
    }

    /** {@code 0B}, {@code 980B}, {@code 1.2K}, {@code 15.0M}: binary units, as iftop and top print them. */
    static String human(double bytes) {
        String[] units = {"B", "K", "M", "G", "T"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) {
            bytes /= 1024;
            u++;
        }
        return u == 0 ? Math.round(bytes) + "B" : String.format(Locale.ROOT, "%.1f%s", bytes, units[u]);
    }
}
