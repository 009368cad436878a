package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code portscope -s} says what {@code ss -s} says, number for number, in a namespace holding a
 * known mix: the TCP line and the transport table (per namespace, so quiet). "Total" counts every
 * socket of the host and moves between the two runs; it is only checked to be there.
 */
@Live
class SummaryLiveTest {

    @Test
    void theSummaryIsSsDashS(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for unshare -n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("unshare", "-n", java, "-cp", System.getProperty("java.class.path"),
                SummaryMix.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String log = new String(child.getInputStream().readAllBytes());
        assertEquals(0, child.waitFor(), log);
        String ss = Files.readString(dir.resolve("ss.txt"));
        String ours = Files.readString(dir.resolve("portscope.txt"));
        assertTrue(ours.contains("--stderr--\nexit 0\n"), ours);
        assertEquals(numbers(ss, "^TCP:.*$"), numbers(ours, "^TCP:.*$"), ss + "\n" + ours);
        for (String transport : List.of("RAW", "UDP", "TCP", "INET", "FRAG")) {
            List<Long> expected = numbers(ss, "^" + transport + "\\s.*$");
            assertEquals(3, expected.size(), ss);
            assertEquals(expected, numbers(ours, "^" + transport + "\\s.*$"), transport + "\n" + ss + "\n" + ours);
        }
        assertTrue(numbers(ss, "^TCP:.*$").getFirst() > 5, "the mix's TCP sockets: " + ss);
        assertTrue(ours.lines().anyMatch(l -> l.matches("Total: \\d+ sockets in use.*")), ours);
    }

    private static List<Long> numbers(String text, String lineRegex) {
        Matcher line = Pattern.compile(lineRegex, Pattern.MULTILINE).matcher(text);
        List<Long> numbers = new ArrayList<>();
        if (line.find()) {
            for (Matcher n = Pattern.compile("\\d+").matcher(line.group()); n.find(); ) {
                numbers.add(Long.parseLong(n.group()));
            }
        }
        return numbers;
    }
}
