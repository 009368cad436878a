package dev.portscope.cli;

import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An option means the same before a view's name as after it, or is refused: never silently dropped. */
class OptionOrderTest {
    private static final String SNAPSHOT = Fixtures.path("mix").toString();

    private static String[] args(List<String> view, List<String> options, boolean optionsFirst) {
        List<String> all = new ArrayList<>();
        if (optionsFirst) {
            all.addAll(options);
            all.addAll(view);
        } else {
            all.addAll(view.subList(0, 1));
            all.addAll(options);
            all.addAll(view.subList(1, view.size()));
        }
        return all.toArray(String[]::new);
    }

    @Test
    void optionsBeforeTheViewNameMeanWhatTheyMeanAfterIt() {
        List<List<List<String>>> cases = List.of(
                List.of(List.of("who", "46211"), List.of("--json")),
                List.of(List.of("who", "46211"), List.of("--csv", "-H")),
                List.of(List.of("who", "46211"), List.of("--columns", "lport,raddr", "--sort", "-raddr")),
                List.of(List.of("who", "46211"), List.of("--jsonl", "--source", "procfs")),
                List.of(List.of("top"), List.of("-u")),
                List.of(List.of("top"), List.of("-ta", "--csv")),
                List.of(List.of("top", "--by", "state"), List.of("-6", "--json")),
                List.of(List.of("pairs"), List.of("-t", "--json")),
                List.of(List.of("pairs"), List.of("--columns=client-port,server-port")),
                List.of(List.of("port", "5353"), List.of("--json")),
                List.of(List.of("port", "5350-5360"), List.of("--csv")));
        for (List<List<String>> c : cases) {
            Cli first = Cli.fixture(args(c.get(0), c.get(1), true));
            Cli after = Cli.fixture(args(c.get(0), c.get(1), false));
            String what = String.join(" ", args(c.get(0), c.get(1), true));
            assertEquals(0, after.code(), what + ": " + after.err());
            assertEquals(after, first, what);
            assertTrue(!first.out().isBlank(), what);
        }
    }

    @Test
    void theSnapshotGivenBeforeTheViewIsTheOneItReads() {
        Cli who = Cli.live("--proc-root", SNAPSHOT, "who", "46211", "--json");
        assertEquals(Cli.live("who", "46211", "--json", "--proc-root", SNAPSHOT), who);
        assertEquals(0, who.code(), who.err());
        assertTrue(who.out().contains("\"port\":46211"), who.out());
        Cli top = Cli.live("--proc-root", "/nonexistent", "top");
        assertEquals(2, top.code());
        assertEquals("", top.out());
        assertTrue(top.err().contains("--proc-root /nonexistent: no such directory"), top.err());
    }

    @Test
    void anOptionTheViewDoesNotHaveIsRefused() {
        List<List<String>> cases = List.of(List.of("-e", "who", "80"), List.of("-tW", "top"), List.of("-s", "pairs"),
                List.of("--counters", "port", "80"), List.of("-W", "who", "80"));
        List<String> refused = List.of("-e", "-W", "-s", "--counters", "-W");
        List<String> views = List.of("who", "top", "pairs", "port", "who");
        for (int i = 0; i < cases.size(); i++) {
            Cli run = Cli.fixture(cases.get(i).toArray(String[]::new));
            String what = String.join(" ", cases.get(i));
            assertEquals(2, run.code(), what + ": " + run.err());
            assertEquals("", run.out(), what);
            assertEquals("portscope: " + refused.get(i) + " does not apply to 'portscope " + views.get(i) + "'; see 'portscope "
                    + views.get(i) + " --help'" + System.lineSeparator(), run.err(), what);
        }
    }
}
