package dev.portscope.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Errors that say what the user meant: one line, exit 2, nothing on stdout. */
class HintsTest {
    private static final String NL = System.lineSeparator();

    private static void oneLine(String expected, String... args) {
        Cli run = Cli.fixture(args);
        assertEquals(2, run.code(), String.join(" ", args) + ": " + run.err());
        assertEquals("", run.out(), String.join(" ", args));
        assertEquals("portscope: " + expected + NL, run.err(), String.join(" ", args));
    }

    @Test
    void aMistypedCommandGetsADidYouMean() {
        for (Map.Entry<String, String> e : Map.of("whoo", "who", "tpo", "top", "pairz", "pairs", "prot", "port").entrySet()) {
            oneLine("no command '" + e.getKey() + "'; did you mean 'portscope " + e.getValue() + "'? (commands: port, who, pairs, top, help)",
                    e.getKey(), "80");
        }
    }

    @Test
    void aBarePortSaysHowToAskForIt() {
        oneLine("'18000' is not a filter; to list a port's sockets: portscope sport = :18000 (or dport = :18000), or ask: portscope who 18000",
                "18000");
        oneLine("':443' is not a filter; to list a port's sockets: portscope sport = :443 (or dport = :443), or ask: portscope who 443",
                "-tn", ":443");
        oneLine("'18000' is not a filter; to list a port's sockets: portscope sport = :18000 (or dport = :18000), or ask: portscope who 18000",
                "top", "18000"); // every view that takes a filter says it alike
        oneLine("'18000' is not a filter; to list a port's sockets: portscope sport = :18000 (or dport = :18000), or ask: portscope who 18000",
                "pairs", "18000");
    }

    @Test
    void aFlagClusterNamesItsBadLetterAndFlagsOfOtherToolsSayWhereToGo() {
        oneLine("unknown option '-r' in -turlpn: netstat's routing table: use 'ip route' (see 'portscope --help')", "-turlpn");
        oneLine("unknown option '-r': netstat's routing table: use 'ip route' (see 'portscope --help')", "-r");
        oneLine("unknown option '--route': netstat's routing table: use 'ip route' (see 'portscope --help')", "--route");
        oneLine("unknown option '--kill': ss's -K is a view here: portscope kill FILTER (see 'portscope --help')", "--kill");
        oneLine("unknown option '-g' in -ag: netstat's multicast groups: use 'ip maddr' (see 'portscope --help')", "-ag");
        oneLine("unknown option '-q' in -tq (see 'portscope --help')", "-tq");
    }

    @Test
    void longOptionsAreUnknownInTheSameWords() {
        oneLine("unknown option '--frobnicate' (see 'portscope --help')", "-tn", "--frobnicate");
        oneLine("unknown options '--bad=3', '--worse' (see 'portscope --help')", "--bad=3", "-tn", "--worse");
        oneLine("unknown option '--bad' (see 'portscope top --help')", "top", "--bad", "foo");
    }

    @Test
    void filterWordsNearAConditionStayFilterErrors() {
        Cli run = Cli.fixture("sprot", "=", ":22");
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("portscope: bad filter: "), run.err());
    }

    @Test
    void helpIsACommand() {
        Cli help = Cli.fixture("help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("Usage: portscope "), help.out());
        Cli who = Cli.fixture("help", "who");
        assertEquals(0, who.code(), who.err());
        assertTrue(who.out().startsWith("Usage: portscope who "), who.out());
    }

    @Test
    void argumentsEchoedInErrorsAreEscapedAndStayOneLine() {
        for (String[] args : List.of(new String[] {"-tn", "dport", "=", ":\u001b]0;PWNED\u0007"}, new String[] {"who", "80\n\u001b[2J"},
                new String[] {"--\u001b[31mred"}, new String[] {"port", "\u202eabc"})) {
            Cli run = Cli.fixture(args);
            assertEquals(2, run.code(), run.err());
            assertEquals("", run.out());
            for (char c : run.err().toCharArray()) {
                assertTrue(c == '\n' || c >= 0x20 && c != 0x7f && c != 0x202e, "raw U+" + Integer.toHexString(c) + " in " + run.err());
            }
            assertTrue(run.err().contains("\\x1b") || run.err().contains("\\u202e"), run.err());
            long lines = run.err().lines().filter(l -> !l.startsWith("  ")).count(); // a bad filter adds the expression and a caret
            assertEquals(1, lines, run.err());
        }
    }
}
