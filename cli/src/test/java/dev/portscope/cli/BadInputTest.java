package dev.portscope.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad flags, ports and snapshots: one line naming the problem, exit 2, nothing on stdout. */
class BadInputTest {

    private static void assertUsageError(Cli run, String mentions) {
        assertEquals(2, run.code(), run.err());
        assertEquals("", run.out(), "nothing may be printed as if it were the answer");
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertTrue(run.err().startsWith("portscope: "), run.err());
        assertTrue(run.err().contains(mentions), run.err());
    }

    @Test
    void badFiltersPointAtTheTokenAndPrintNothingElse() {
        for (String[] args : List.of(new String[] {"-tn", "dport", "=", ":htp"}, new String[] {"-tn", "( sport = :22"},
                new String[] {"-tan", "state", "nonsense"}, new String[] {"top", "src", "10.0.0.0/33"},
                new String[] {"-s", "dst", "[::1"}, new String[] {"-tn", "--csv", "sport", "<", "70000"})) {
            Cli run = Cli.fixture(args);
            assertEquals(2, run.code(), run.err());
            assertEquals("", run.out(), "nothing may be printed as if it were the answer: " + String.join(" ", args));
            List<String> lines = run.err().lines().toList();
            assertEquals(3, lines.size(), "the reason, the expression, the caret: " + run.err());
            assertTrue(lines.get(0).startsWith("portscope: bad filter: "), run.err());
            int caret = lines.get(2).indexOf('^');
            assertTrue(caret >= 2 && caret <= lines.get(1).length(), run.err());
        }
    }

    @Test
    void badOutputOptions() {
        assertUsageError(Cli.fixture("-tn", "--json", "--csv"), "give one of them");
        assertUsageError(Cli.fixture("-tn", "--columns", "proto,nope"), "no column 'nope'");
        assertUsageError(Cli.fixture("-tn", "--sort", "nope"), "no column 'nope'");
        assertUsageError(Cli.fixture("top", "--by", "nope"), "'nope' is not a key");
    }

    @Test
    void unknownFlag() {
        assertUsageError(Cli.fixture("-tuanq"), "'-q'");
        assertUsageError(Cli.fixture("--frobnicate"), "--frobnicate");
    }

    @Test
    void badPorts() {
        assertUsageError(Cli.fixture("port", "70000"), "0-65535");
        assertUsageError(Cli.fixture("port", "abc"), "'abc'");
        assertUsageError(Cli.fixture("port", "80/xyz"), "tcp, udp");
        assertUsageError(Cli.fixture("port", "/tcp"), "names no port");
        assertUsageError(Cli.fixture("port"), "PORT");
    }

    @Test
    void watchOptionsItCannotFollow() {
        assertUsageError(Cli.live("watch", "--source", "procfs", "--duration", "1s"), "destroy events through netlink");
        assertUsageError(Cli.live("watch", "--all-netns", "--duration", "1s"), "one network namespace");
        assertUsageError(Cli.fixture("watch", "--duration", "1s"), "not a proc snapshot");
        assertUsageError(Cli.live("watch", "--duration", "1s", "dev", "=", "lo"), "are for the listing");
    }

    @Test
    void procRootThatDoesNotExist() {
        assertUsageError(Cli.fixture("--proc-root", "/nonexistent/proc", "-tan"), "/nonexistent/proc");
    }

    @Test
    void procRootHoldingGarbage(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("net"));
        Files.writeString(dir.resolve("net/tcp"), "this is not /proc/net/tcp\n");
        assertUsageError(Cli.fixture("--proc-root", dir.toString(), "-tan"), "net/tcp");
        assertUsageError(Cli.fixture("--proc-root", dir.resolve("net").toString(), "-tan"), "no socket table");
    }

    @Test
    void malformedLinesAreSkippedWithANote(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("net"));
        Files.writeString(dir.resolve("net/tcp"),
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                        + "   0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n"
                        + "   1: garbage\n");
        Cli run = Cli.fixture("--proc-root", dir.toString(), "-tln");
        assertEquals(0, run.code());
        assertEquals(1, run.rows().size(), run.out());
        assertTrue(run.err().contains("skipped 1 malformed line"), run.err());
    }

    @Test
    void debugAddsTheStackTrace() {
        Cli run = Cli.fixture("--debug", "port", "70000");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("at dev.portscope"), run.err());
    }

    @Test
    void helpIsCompleteAndSucceeds() {
        Cli run = Cli.fixture("--help");
        assertEquals(0, run.code());
        for (String flag : new String[] {"-t", "-u", "-l", "-a", "-n", "-4", "-6", "-W", "--json", "--proc-root", "port"}) {
            assertTrue(run.out().contains(flag), flag + " missing from --help:\n" + run.out());
        }
    }
}
