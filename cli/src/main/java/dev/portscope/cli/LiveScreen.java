package dev.portscope.cli;

import dev.portscope.lookup.CountKey;
import dev.portscope.lookup.RateGroup;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code top --live} shows, from its state alone (no terminal here, so it is tested as text):
 * a title line, the column names, a row per key (busiest first unless another sort is chosen), and
 * a line of keys or of what is being typed. Colours only when allowed (NO_COLOR, a plain terminal).
 */
final class LiveScreen {
    /** The columns {@code s} cycles through. */
    enum Sort {
        TOTAL("total"), IN("in"), OUT("out"), CONNECTIONS("conns"), KEY("key");

        final String label;

        Sort(String label) {
            this.label = label;
        }

        Sort next() {
            return values()[(ordinal() + 1) % values().length];
        }

        Comparator<RateGroup> order() {
            Comparator<RateGroup> busiest = Comparator.comparingDouble((RateGroup g) -> g.inPerSecond() + g.outPerSecond()).reversed();
            return switch (this) {
                case TOTAL -> busiest;
                case IN -> Comparator.comparingDouble(RateGroup::inPerSecond).reversed();
                case OUT -> Comparator.comparingDouble(RateGroup::outPerSecond).reversed();
                case CONNECTIONS -> Comparator.comparingInt(RateGroup::connections).reversed();
                case KEY -> Comparator.comparing(RateGroup::key);
            };
        }
    }

    /** Everything the view draws from. */
    record State(CountKey by, Sort sort, String filter, boolean paused, int selected, String interval, String bottom,
                 boolean measuring, boolean colour) {
    }

    static final int MIN_COLUMNS = 40, MIN_ROWS = 6;
    private static final String HEADER = String.format("%9s %9s %9s %9s %5s %8s %5s  %s", "IN/s", "OUT/s", "TOT-IN", "TOT-OUT",
            "CONNS", "RTT", "RETR", "KEY");

    private LiveScreen() {
    }

    /** The rows in the state's order. */
    static List<RateGroup> ordered(List<RateGroup> groups, Sort sort) {
        List<RateGroup> rows = new ArrayList<>(groups);
        rows.sort(sort.order().thenComparing(RateGroup::key));
        return rows;
    }

    /** The screen's lines for a terminal of {@code columns} x {@code rows}; {@code totals} are each key's bytes since the view started. */
    static List<AttributedString> render(State state, List<RateGroup> rows, Map<String, long[]> totals, int columns, int height) {
        List<AttributedString> lines = new ArrayList<>();
        if (columns < MIN_COLUMNS || height < MIN_ROWS) {
            lines.add(new AttributedString(clip("too small: needs " + MIN_COLUMNS + "x" + MIN_ROWS, columns)));
            if (height > 1) {
                lines.add(new AttributedString(clip("now " + columns + "x" + height + "; q quits", columns)));
            }
            return lines;
        }
        String title = "portscope top --live   by " + state.by().label() + "   every " + state.interval() + "   sort " + state.sort().label
                + (state.filter().isEmpty() ? "" : "   filter: " + state.filter()) + (state.paused() ? "   PAUSED" : "");
        lines.add(new AttributedString(clip(title, columns), AttributedStyle.BOLD));
        lines.add(new AttributedString(pad(clip(HEADER, columns), columns), AttributedStyle.INVERSE));
        int room = height - 3;
        if (state.measuring()) {
            lines.add(new AttributedString(clip("measuring: the first interval is under way ...", columns)));
        } else if (rows.isEmpty()) {
            lines.add(new AttributedString(clip("no TCP connection matches" + (state.filter().isEmpty() ? "" : " the filter"), columns)));
        }
        for (int i = 0; i < rows.size() && i < room && !state.measuring(); i++) {
            RateGroup g = rows.get(i);
            long[] total = totals.getOrDefault(g.key(), new long[2]);
            String rtt = g.rttMicros().isPresent() ? String.format(Locale.ROOT, "%.1fms", g.rttMicros().getAsLong() / 1000.0) : "-";
            String text = clip(String.format(Locale.ROOT, "%9s %9s %9s %9s %5d %8s %5d  %s", RateTop.human(g.inPerSecond()),
                    RateTop.human(g.outPerSecond()), RateTop.human(total[0]), RateTop.human(total[1]), g.connections(), rtt,
                    g.retransmits(), dev.portscope.cli.render.Visible.of(g.key())), columns);
            AttributedStringBuilder line = new AttributedStringBuilder();
            if (i == state.selected()) {
                line.style(AttributedStyle.INVERSE).append(pad(text, columns));
            } else if (state.colour()) {
                line.append(text.substring(0, Math.min(9, text.length())), AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN));
                line.append(text.substring(Math.min(9, text.length()), Math.min(19, text.length())),
                        AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
                line.append(text.substring(Math.min(19, text.length())));
            } else {
                line.append(text);
            }
            lines.add(line.toAttributedString());
        }
        while (lines.size() < height - 1) {
            lines.add(new AttributedString(""));
        }
        lines.add(new AttributedString(clip(state.bottom(), columns), AttributedStyle.INVERSE));
        return lines;
    }

    /** The keys, as the last line shows them when nothing is being typed. */
    static String keys() {
        return "q quit  b by  s sort  / filter  p pause  \u2191\u2193 select  enter details  k kill";
    }

    private static String clip(String text, int columns) {
        return text.length() <= columns ? text : text.substring(0, columns);
    }

    private static String pad(String text, int columns) {
        return text.length() >= columns ? text : text + " ".repeat(columns - text.length());
    }
}
