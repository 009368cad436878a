package dev.portscope.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One option vocabulary: every view × every option of the listing, before the view's name and
 * after it, on the captured mix. Each pair of runs is identical; each option is accepted or
 * refused as the table below says (refused: one line, exit 2, nothing on stdout; accepted: an
 * answer, or who's exit 1 "nothing uses port") — so an option
 * can neither be dropped silently nor change meaning with its place.
 */
class OptionMatrixTest {
    private static final List<List<String>> OPTIONS = List.of(List.of("-t"), List.of("-u"), List.of("-4"), List.of("-6"),
            List.of("-n"), List.of("--numeric-hosts"), List.of("--numeric-ports"), List.of("--dns-timeout", "0.5"), List.of("-p"),
            List.of("-l"), List.of("-a"), List.of("-B"), List.of("-e"), List.of("-o"), List.of("-m"), List.of("-i"), List.of("-w"),
            List.of("-W"), List.of("-s"), List.of("--counters"), List.of("--json"), List.of("--jsonl"), List.of("--csv"), List.of("-H"),
            List.of("--source", "procfs"), List.of("--debug"));

    private static final Map<List<String>, Set<String>> REFUSED = Map.of(
            List.of("who", "46211"), Set.of("-e", "-o", "-m", "-i", "-w", "-W", "-s", "--counters"),
            List.of("port", "5353"), Set.of("-l", "-a", "-B", "-e", "-o", "-m", "-i", "-w", "-W", "-s", "--counters"),
            List.of("pairs"), Set.of("-l", "-B", "-e", "-o", "-m", "-i", "-w", "-W", "-s", "--counters"),
            List.of("top"), Set.of("-e", "-o", "-m", "-i", "-W", "-s", "--counters"));

    @Test
    void everyOptionMeansTheSameBeforeAndAfterTheViewOrIsRefused() {
        List<String> problems = new ArrayList<>();
        int accepted = 0;
        for (Map.Entry<List<String>, Set<String>> view : REFUSED.entrySet()) {
            for (List<String> option : OPTIONS) {
                List<String> before = new ArrayList<>(option);
                before.addAll(view.getKey());
                List<String> after = new ArrayList<>(view.getKey().subList(0, 1));
                after.addAll(option);
                after.addAll(view.getKey().subList(1, view.getKey().size()));
                Cli first = Cli.fixture(before.toArray(String[]::new));
                Cli last = Cli.fixture(after.toArray(String[]::new));
                String what = String.join(" ", after);
                if (!first.equals(last)) {
                    problems.add(what + ": differs with the option first:\n" + first + "\n" + last);
                }
                boolean refused = view.getValue().contains(option.getFirst());
                if (refused) {
                    if (last.code() != 2 || !last.out().isEmpty() || last.err().lines().count() != 1
                            || !last.err().contains(option.getFirst() + " does not apply to 'portscope " + view.getKey().getFirst() + "'")) {
                        problems.add(what + ": should be refused in one line: " + last);
                    }
                } else {
                    accepted++;
                    boolean answered = last.code() == 0 && !last.out().isBlank()
                            || last.code() == 1 && last.err().startsWith("portscope: nothing uses port") // who's honest "no"
                            || option.equals(List.of("-w")) && last.err().contains("net/raw"); // the mix holds no RAW table: -w was applied
                    if (!answered) {
                        problems.add(what + ": should be accepted: " + last);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(accepted > 60, "accepted pairs: " + accepted);
    }

    @Test
    void acceptedOptionsDoWhatTheySay() {
        // who: -u leaves a TCP port's sockets out, -l keeps the listener only, -4/-6 one family
        assertEquals(1, Cli.fixture("who", "-u", "46211").code());
        assertEquals("46211/tcp or 46211/udp: 1 listening, 0 connected", Cli.fixture("who", "-l", "46211").out().lines().findFirst().orElseThrow());
        assertNotEquals(Cli.fixture("who", "46211").out(), Cli.fixture("who", "-6", "46211").out());
        // pairs: -t/-u and filters narrow, -4 keeps pairs with an IPv4 side
        assertTrue(Cli.fixture("pairs", "-u", "--csv", "-H").out().lines().allMatch(l -> l.startsWith("udp,")));
        List<String> filtered = Cli.fixture("pairs", "--csv", "-H", "sport", "=", ":46211").out().lines().toList();
        assertFalse(filtered.isEmpty());
        assertTrue(filtered.stream().allMatch(l -> l.contains(",46211,")), filtered.toString());
        // top: -p counts by process, -w reads RAW sockets (which the captured mix lacks)
        assertEquals(Cli.fixture("top", "--by", "process", "-a").out(), Cli.fixture("top", "-p", "-a").out());
        assertTrue(Cli.fixture("top", "-aw").err().contains("net/raw"));
        // port: -t is the /tcp of the port
        assertEquals(Cli.fixture("port", "5353/udp").out(), Cli.fixture("port", "-u", "5353").out());
    }
}
