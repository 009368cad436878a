package dev.portscope.cli;

import dev.portscope.lookup.CountKey;
import dev.portscope.lookup.RateGroup;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live view's screen from its state alone: sizes, order, the selected row, the too-small message. */
class LiveScreenTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final List<RateGroup> GROUPS = List.of(
            new RateGroup("812/nginx", 3, 2_000_000, 50_000, 0, OptionalLong.of(300), SECOND),
            new RateGroup("99/curl", 1, 10_000, 900_000, 2, OptionalLong.empty(), SECOND),
            new RateGroup("7/sshd", 5, 100, 100, 0, OptionalLong.of(20_000), SECOND));

    private static LiveScreen.State state(LiveScreen.Sort sort, int selected, boolean paused) {
        return new LiveScreen.State(CountKey.PROCESS, sort, "", paused, selected, "1s", LiveScreen.keys(), false, false);
    }

    private static List<String> text(List<AttributedString> lines) {
        return lines.stream().map(AttributedString::toString).toList();
    }

    @Test
    void fillsTheTerminalBusiestFirst() {
        List<String> lines = text(LiveScreen.render(state(LiveScreen.Sort.TOTAL, -1, false),
                LiveScreen.ordered(GROUPS, LiveScreen.Sort.TOTAL), Map.of("812/nginx", new long[] {4_000_000, 100_000}), 100, 10));
        assertEquals(10, lines.size());
        assertTrue(lines.getFirst().startsWith("portscope top --live   by process   every 1s   sort total"), lines.getFirst());
        assertTrue(lines.get(2).endsWith("812/nginx") && lines.get(2).contains("1.9M") && lines.get(2).contains("3.8M"), lines.get(2));
        assertTrue(lines.get(3).endsWith("99/curl") && lines.get(3).contains("20.0ms") == false && lines.get(3).contains(" - "), lines.get(3));
        assertTrue(lines.get(4).endsWith("7/sshd") && lines.get(4).contains("20.0ms"), lines.get(4));
        assertEquals(LiveScreen.keys(), lines.getLast());
        assertTrue(lines.stream().allMatch(l -> l.length() <= 100));
    }

    @Test
    void sortsByTheChosenColumnAndMarksTheSelectedRow() {
        List<RateGroup> byOut = LiveScreen.ordered(GROUPS, LiveScreen.Sort.OUT);
        assertEquals(List.of("99/curl", "812/nginx", "7/sshd"), byOut.stream().map(RateGroup::key).toList());
        assertEquals(List.of("7/sshd", "812/nginx", "99/curl"),
                LiveScreen.ordered(GROUPS, LiveScreen.Sort.KEY).stream().map(RateGroup::key).toList());
        List<AttributedString> lines = LiveScreen.render(state(LiveScreen.Sort.OUT, 1, true), byOut, Map.of(), 80, 8);
        assertTrue(lines.getFirst().toString().endsWith("sort out   PAUSED"), lines.getFirst().toString());
        assertEquals(80, lines.get(3).length(), "the selected row spans the width");
        assertTrue(lines.get(3).toAnsi().contains("\u001b[7m"), "in reverse video: " + lines.get(3).toAnsi());
    }

    @Test
    void rowsBeyondTheScreenAreLeftOutAndATinyTerminalSaysSo() {
        assertEquals(6, LiveScreen.render(state(LiveScreen.Sort.TOTAL, -1, false), GROUPS, Map.of(), 60, 6).size());
        assertEquals(List.of("too small: needs 40x6", "now 30x5; q quits"),
                text(LiveScreen.render(state(LiveScreen.Sort.TOTAL, -1, false), GROUPS, Map.of(), 30, 5)));
    }
}
