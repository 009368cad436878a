package dev.portscope.cli;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** who with several ports and ranges answers for all of them, each socket once. */
class WhoPortsTest {
    private static final String COLUMNS = "proto,state,laddr,lport,raddr,rport";

    /** The listing's rows (as CSV) of sockets bound to a wanted port, or connected to one. */
    private static Set<String> fromListing(java.util.function.IntPredicate wanted, String protocols) {
        Cli all = Cli.fixture("-" + protocols + "an", "--csv", "-H", "--columns", COLUMNS);
        Set<String> rows = new LinkedHashSet<>();
        for (String row : all.out().lines().toList()) {
            String[] f = row.split(",");
            boolean listening = f[1].equals("LISTEN") || f[1].equals("CLOSE");
            if (wanted.test(Integer.parseInt(f[3])) || !listening && wanted.test(Integer.parseInt(f[5]))) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static Set<String> who(String... ports) {
        List<String> args = new java.util.ArrayList<>(List.of("who"));
        args.addAll(List.of(ports));
        args.addAll(List.of("--csv", "-H", "--columns", COLUMNS));
        Cli run = Cli.fixture(args.toArray(String[]::new));
        assertEquals(0, run.code(), String.join(" ", args) + ": " + run.err());
        return new LinkedHashSet<>(run.out().lines().toList());
    }

    @Test
    void severalPortsAreTheUnionOfEachAlone() {
        Set<String> one = who("46211");
        Set<String> two = who("50778");
        Set<String> both = who("46211", "50778/udp", "46211");
        assertFalse(one.isEmpty() || two.isEmpty());
        Set<String> union = new LinkedHashSet<>(one);
        union.addAll(two);
        assertEquals(union, both);
        assertEquals(both.size(), who("50778/udp", "46211").size(), "each socket once");
    }

    @Test
    void aRangeIsEveryPortInIt() {
        assertEquals(fromListing(p -> p >= 40000 && p <= 50000, "t"), who("40000-50000/tcp"));
        assertEquals(fromListing(p -> p >= 1 && p <= 65535, "tu"), who("1-65535"));
    }

    @Test
    void theTextHeaderNamesEveryPortAndNothingUsedSaysWhich() {
        Cli run = Cli.fixture("who", "46211/tcp", "1-2");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("46211/tcp or 1-2/tcp or 1-2/udp: 1 listening,"), run.out());
        Cli none = Cli.fixture("who", "1-2", "9/udp");
        assertEquals(1, none.code());
        assertEquals("portscope: nothing uses port 1-2/tcp or 1-2/udp or 9/udp" + System.lineSeparator(), none.err());
        assertEquals(List.of(), none.out().lines().toList());
    }
}
