package dev.portscope.cli;

import dev.portscope.testing.Fixtures;
import dev.portscope.testing.SocketRow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** top's counts against counts made by hand from ss's output of the same socket mix. */
class TopCommandTest {

    private static Map<String, Long> byHand(Function<SocketRow, String> key) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (SocketRow r : SocketRow.fromSs(Files.readString(Fixtures.path("mix/ss-tuanH.txt")))) {
            counts.merge(key.apply(r), 1L, Long::sum);
        }
        return counts;
    }

    private static Map<String, Long> top(String... args) {
        Cli run = Cli.fixture(args);
        assertEquals(0, run.code(), run.err());
        Map<String, Long> counts = new TreeMap<>();
        run.out().lines().forEach(l -> {
            String[] f = l.split(",", 2);
            counts.put(f[1], Long.parseLong(f[0]));
        });
        return counts;
    }

    @Test
    void countsEqualACountByHand() throws IOException {
        assertEquals(byHand(r -> Integer.toString(r.localPort())), top("top", "-a", "--by", "local-port", "--csv", "-H", "--limit", "0"));
        assertEquals(byHand(r -> r.remoteHost().equals("::") && r.remotePort() == 0 && r.state().matches("LISTEN|UNCONN")
                ? wildcard(r) : r.remoteHost()), top("top", "-a", "--csv", "-H", "--limit", "0"));
    }

    /** ss prints a listener's peer as {@code 0.0.0.0:*} or {@code [::]:*}; portscope keys it by the family's wildcard. */
    private static String wildcard(SocketRow r) {
        return r.localHost().contains(":") ? "::" : "0.0.0.0";
    }

    @Test
    void mostFirstAndLimited() {
        Cli run = Cli.fixture("top", "-a", "--by", "state", "--limit", "2");
        List<String> rows = run.out().lines().toList();
        assertEquals(List.of("COUNT", "KEY"), List.of(rows.getFirst().split("\\s+")));
        assertEquals(3, rows.size(), run.out());
        assertTrue(Long.parseLong(rows.get(1).split("\\s+")[0]) >= Long.parseLong(rows.get(2).split("\\s+")[0]), run.out());
        assertTrue(run.err().contains("more keys not shown"), run.err());
    }

    @Test
    void theFilterLanguageApplies() throws IOException {
        Map<String, Long> established = byHand(r -> r.state());
        assertEquals(Map.of("ESTABLISHED", established.get("ESTAB")), top("top", "--by", "state", "--csv", "-H", "state", "established"));
    }
}
