package dev.portscope.cli;

import dev.portscope.Portscope;
import dev.portscope.RateMeter;
import dev.portscope.filter.FilterSyntaxException;
import dev.portscope.lookup.CountKey;
import dev.portscope.lookup.Owners;
import dev.portscope.lookup.RateGroup;
import dev.portscope.model.Owner;
import dev.portscope.model.SocketRate;
import dev.portscope.source.Query;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
import org.jline.utils.NonBlockingReader;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code top --live}: the rates of {@code top --rate}, redrawn every interval on the alternate
 * screen (JLine: raw mode, resize, keys), until q or Ctrl-C; the terminal is given back as it was
 * on every way out. Keys: b the key, s the sort column, / a filter in ss's language, p pause,
 * arrows select, Enter details, k kills the selected connection (with --by connection; asks first).
 */
final class LiveTop {
    private static final List<CountKey> KEYS = List.of(CountKey.PROCESS, CountKey.REMOTE_HOST, CountKey.REMOTE_PORT,
            CountKey.LOCAL_PORT, CountKey.CONNECTION, CountKey.STATE);
    /** With -N or --all-netns, the namespace and the container too. */
    private static final List<CountKey> KEYS_ACROSS_NAMESPACES = List.of(CountKey.PROCESS, CountKey.REMOTE_HOST, CountKey.REMOTE_PORT,
            CountKey.LOCAL_PORT, CountKey.CONNECTION, CountKey.STATE, CountKey.NETNS, CountKey.CONTAINER);
    private final List<CountKey> keys;

    private final Portscope portscope;
    private final Query base;
    private final Duration interval;
    private final boolean colour;
    private CountKey by;
    private LiveScreen.Sort sort = LiveScreen.Sort.TOTAL;
    private String filter = "";
    private boolean paused;
    private int selected = -1;
    private RateMeter meter;
    private RateMeter.Sample sample;
    /** The last sample as grouped: its owners and cgroups, read once for the rows, the details and a kill. */
    private RateTop.Grouping grouping;
    private List<RateGroup> rows = List.of();
    private final Map<String, long[]> totals = new HashMap<>();
    /** What the last line says: the keys, a message, or the filter being typed. */
    private String message = "";
    private StringBuilder typing;
    private List<String> details;
    private Optional<SocketRate> toKill = Optional.empty();
    private boolean quit;
    private volatile boolean resized = true;

    LiveTop(Portscope portscope, Query base, CountKey by, Duration interval, boolean colour, boolean namespaces) {
        this.keys = namespaces ? KEYS_ACROSS_NAMESPACES : KEYS;
        this.portscope = portscope;
        this.base = base;
        this.by = by;
        this.interval = interval;
        this.colour = colour;
        this.meter = portscope.rateMeter(base);
    }

    int run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).nativeSignals(true).build()) {
            Attributes saved = terminal.enterRawMode();
            terminal.handle(Terminal.Signal.WINCH, s -> resized = true);
            terminal.handle(Terminal.Signal.INT, s -> quit = true);
            terminal.puts(InfoCmp.Capability.enter_ca_mode);
            terminal.puts(InfoCmp.Capability.cursor_invisible);
            try {
                loop(terminal);
            } finally {
                terminal.puts(InfoCmp.Capability.cursor_visible);
                terminal.puts(InfoCmp.Capability.exit_ca_mode);
                terminal.setAttributes(saved);
                terminal.flush();
            }
        }
        return Failures.OK;
    }

    private void loop(Terminal terminal) throws IOException {
        Display display = new Display(terminal, true);
        NonBlockingReader reader = terminal.reader();
        long next = System.nanoTime();
        while (!quit) {
            if (!paused && System.nanoTime() - next >= 0) {
                measure();
                next = System.nanoTime() + interval.toNanos();
            }
            draw(terminal, display);
            long wait = Math.max(1, (next - System.nanoTime()) / 1_000_000);
            int c = reader.read(paused ? 250 : Math.min(wait, 250));
            if (c >= 0) {
                key(c, reader);
            }
        }
    }

    private void measure() {
        sample = meter.sample();
        if (!sample.notes().isEmpty() && message.isEmpty()) {
            message = sample.notes().getFirst();
        }
        grouping = RateTop.Grouping.of(meter, sample, by, portscope);
        if (sample.elapsed().isZero()) {
            rows = List.of();
            return;
        }
        List<RateGroup> groups = grouping.groups();
        for (RateGroup g : groups) {
            long[] t = totals.computeIfAbsent(g.key(), k -> new long[2]);
            t[0] += g.bytesIn();
            t[1] += g.bytesOut();
        }
        rows = LiveScreen.ordered(groups, sort);
        selected = Math.min(selected, rows.size() - 1);
    }

    private void draw(Terminal terminal, Display display) {
        Size size = terminal.getSize();
        if (resized) {
            resized = false;
            display.clear();
            display.resize(size);
        }
        List<AttributedString> lines;
        if (details != null) {
            lines = new ArrayList<>();
            details.forEach(d -> lines.add(new AttributedString(d.length() > size.getColumns() ? d.substring(0, size.getColumns()) : d)));
            while (lines.size() < size.getRows() - 1) {
                lines.add(new AttributedString(""));
            }
            lines.add(new AttributedString("any key goes back", org.jline.utils.AttributedStyle.INVERSE));
        } else {
            String bottom = typing != null ? "filter: " + typing + "_   (Enter applies, Esc cancels, empty clears)"
                    : toKill.isPresent() ? "kill " + toKill.get().socket().local() + " -> " + toKill.get().socket().remote() + "? y/n"
                    : !message.isEmpty() ? message : LiveScreen.keys();
            LiveScreen.State state = new LiveScreen.State(by, sort, filter, paused, selected, describe(interval), bottom,
                    sample == null || sample.elapsed().isZero(), colour);
            lines = LiveScreen.render(state, rows, totals, size.getColumns(), size.getRows());
        }
        display.update(lines, -1);
        terminal.flush();
    }

    private void key(int c, NonBlockingReader reader) throws IOException {
        if (details != null) {
            details = null;
            return;
        }
        if (typing != null) {
            typed(c);
            return;
        }
        if (toKill.isPresent()) {
            confirmKill(c == 'y' || c == 'Y');
            return;
        }
        message = "";
        switch (c) {
            case 'q', 'Q', 3 -> quit = true; // 3: Ctrl-C in raw mode
            case 'b' -> {
                by = keys.get((keys.indexOf(by) + 1) % keys.size());
                totals.clear();
                selected = -1;
                meter = portscope.rateMeter(meter.query());
                sample = null;
                rows = List.of();
                measure();
            }
            case 's' -> {
                sort = sort.next();
                rows = LiveScreen.ordered(rows, sort);
            }
            case 'p' -> paused = !paused;
            case '/' -> typing = new StringBuilder(filter);
            case '\r', '\n' -> details = selected >= 0 && selected < rows.size() ? details(rows.get(selected)) : null;
            case 'k' -> {
                if (by != CountKey.CONNECTION) {
                    message = "k kills one connection: press b until the view is by connection";
                } else if (selected >= 0 && selected < rows.size()) {
                    toKill = rateOf(rows.get(selected));
                }
            }
            case 27 -> arrow(reader); // ESC [ A (up) or ESC [ B (down)
            default -> { }
        }
    }

    private void arrow(NonBlockingReader reader) throws IOException {
        int bracket = reader.read(50);
        int code = bracket == '[' || bracket == 'O' ? reader.read(50) : -1;
        if (code == 'A') {
            selected = Math.max(0, selected - 1);
        } else if (code == 'B') {
            selected = Math.min(rows.size() - 1, selected + 1);
        }
    }

    private void typed(int c) {
        if (c == 27) {
            typing = null;
        } else if (c == '\r' || c == '\n') {
            String text = typing.toString().strip();
            typing = null;
            try {
                Query query = text.isEmpty() ? base : base.withFilter(portscope.parseFilter(text));
                meter = portscope.rateMeter(query);
                filter = text;
                sample = null;
                rows = List.of();
                totals.clear();
                measure();
            } catch (FilterSyntaxException e) {
                message = "bad filter: " + e.getMessage();
            }
        } else if (c == 127 || c == 8) {
            if (!typing.isEmpty()) {
                typing.setLength(typing.length() - 1);
            }
        } else if (c >= 32) {
            typing.append((char) c);
        }
    }

    private Optional<SocketRate> rateOf(RateGroup group) {
        return grouping.members(group.key()).stream().findFirst(); // a row exists: so does the sample it came from
    }

    private void confirmKill(boolean yes) {
        SocketRate target = toKill.orElseThrow();
        toKill = Optional.empty();
        if (!yes) {
            message = "not killed";
            return;
        }
        try (Portscope.Killer killer = portscope.killer()) {
            message = switch (killer.kill(target.socket())) {
                case KILLED -> "killed " + target.socket().local() + " -> " + target.socket().remote();
                case GONE -> "already gone";
            };
        } catch (RuntimeException e) {
            message = "cannot kill: " + e.getMessage();
        }
    }

    /** {@code 1s}, {@code 500ms}: an interval as it was typed. */
    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Everything portscope knows about a row: its connections, their owners (command lines, users, units), the service. */
    private List<String> details(RateGroup g) {
        List<String> lines = new ArrayList<>();
        lines.add(by.label() + ": " + g.key());
        lines.add(String.format(java.util.Locale.ROOT, "%d connection%s, in %s/s, out %s/s, retransmits %d", g.connections(),
                g.connections() == 1 ? "" : "s", RateTop.human(g.inPerSecond()), RateTop.human(g.outPerSecond()), g.retransmits()));
        List<SocketRate> members = grouping.members(g.key());
        Owners who = grouping.owners().orElseGet(() -> portscope.owners(members.stream().map(SocketRate::socket).toList()));
        for (SocketRate r : members.subList(0, Math.min(members.size(), 20))) {
            lines.add("");
            lines.add("  " + r.socket().local() + " -> " + r.socket().remote() + "  " + r.socket().state().netstatName());
            for (Owner o : who.of(r.socket())) {
                lines.add("    " + o.pid() + "/" + dev.portscope.cli.render.Visible.of(o.command())
                        + o.process().user().map(u -> "  user " + u).orElse("")
                        + o.process().unit().map(u -> "  unit " + u).orElse("")
                        + o.process().started().map(t -> "  since " + t).orElse(""));
                o.process().commandLine().ifPresent(cl -> lines.add("      " + dev.portscope.cli.render.Visible.of(cl)));
            }
            int port = r.socket().local().port() < r.socket().remote().port() ? r.socket().local().port() : r.socket().remote().port();
            portscope.explain(port).services().stream().findFirst().ifPresent(s -> lines.add("    port " + port + ": " + s.name()
                    + (s.description().isEmpty() ? "" : " (" + s.description() + ")")));
        }
        return lines;
    }
}
