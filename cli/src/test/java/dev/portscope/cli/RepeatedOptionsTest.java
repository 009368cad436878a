package dev.portscope.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forgiving where ss and netstat are (a repeated flag), strict where a value is nonsense (whatever the path). */
class RepeatedOptionsTest {

    @Test
    void aRepeatedOptionIsAcceptedAndTheLastValueWins() {
        Cli once = Cli.fixture("-tan");
        for (String[] args : List.of(new String[] {"-tan", "-n"}, new String[] {"-tan", "-n", "--dns-timeout", "1", "--dns-timeout", "2"},
                new String[] {"-t", "-t", "-a", "--numeric", "-n"}, new String[] {"-tan", "--source", "netlink", "--source", "procfs"})) {
            Cli run = Cli.fixture(args);
            assertEquals(once, run, String.join(" ", args));
        }
        assertEquals(Cli.fixture("top", "--by", "state"), Cli.fixture("top", "--by", "local-port", "--by", "state"));
    }

    @Test
    void aNonsenseDnsTimeoutIsRefusedEvenWhenNoNameIsLookedUp() {
        for (String[] args : List.of(new String[] {"-tln", "--json", "--dns-timeout", "NaN"}, new String[] {"-tln", "-n", "--dns-timeout", "-1"},
                new String[] {"-tln", "--csv", "--dns-timeout", "Infinity"}, new String[] {"-tl", "--dns-timeout", "3601"})) {
            Cli run = Cli.fixture(args);
            assertEquals(2, run.code(), String.join(" ", args));
            assertEquals("", run.out(), String.join(" ", args));
            assertTrue(run.err().startsWith("portscope: --dns-timeout ") && run.err().lines().count() == 1, run.err());
        }
    }
}
