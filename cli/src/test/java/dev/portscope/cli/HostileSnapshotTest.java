package dev.portscope.cli;

import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshots anyone could have written never hang portscope nor run it out of memory: a FIFO, /dev/zero, garbage. */
class HostileSnapshotTest {
    private static final Duration QUICKLY = Duration.ofSeconds(20);

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).start().waitFor());
    }

    /** The captured mix, copied so that parts of it can be replaced. */
    private static Path mix(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("net"));
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Files.copy(Fixtures.path("mix/net/" + table), dir.resolve("net").resolve(table));
        }
        return dir;
    }

    private static Cli run(Path snapshot, String... args) {
        return assertTimeoutPreemptively(QUICKLY, () -> Cli.run(Environment.of(snapshot, Fixtures.path("etc-services")), args));
    }

    @Test
    void aFifoOrADeviceWhereATableShouldBeIsABadSnapshot(@TempDir Path dir) throws Exception {
        Path snapshot = mix(dir);
        Files.delete(snapshot.resolve("net/tcp"));
        mkfifo(snapshot.resolve("net/tcp"));
        Cli fifo = run(snapshot, "-tan");
        assertEquals(2, fifo.code(), fifo.err());
        assertEquals("", fifo.out());
        assertEquals("portscope: " + snapshot.resolve("net/tcp") + " is not a regular file (a FIFO, a device, a dangling or looping link);"
                + " point --proc-root at /proc or a snapshot of it" + System.lineSeparator(), fifo.err());
        Files.delete(snapshot.resolve("net/tcp"));
        Files.createSymbolicLink(snapshot.resolve("net/tcp"), Path.of("/dev/zero"));
        Cli zero = run(snapshot, "-tan", "--json");
        assertEquals(2, zero.code(), zero.err());
        assertEquals("", zero.out());
        assertEquals(1, zero.err().lines().count(), zero.err());
    }

    @Test
    void hostileProcessesAndSettingsAreSkipped(@TempDir Path dir) throws Exception {
        Path snapshot = mix(dir);
        Files.createDirectories(snapshot.resolve("sys/net/ipv4"));
        mkfifo(snapshot.resolve("sys/net/ipv4/ip_local_port_range"));
        Files.createDirectories(snapshot.resolve("99999999999/fd")); // no pid has 11 digits
        Files.createDirectories(snapshot.resolve("4242/fd"));
        mkfifo(snapshot.resolve("4242/comm"));
        mkfifo(snapshot.resolve("4242/status"));
        Files.createSymbolicLink(snapshot.resolve("4242/cmdline"), Path.of("/dev/zero"));
        Files.createDirectories(snapshot.resolve("4243/fd"));
        Files.writeString(snapshot.resolve("4243/status"), "Name:\tx\nUid:\tabc\tdef\n");
        Files.createSymbolicLink(snapshot.resolve("4243/fd/3"), Path.of("socket:[6674]"));
        Files.createDirectories(snapshot.resolve("net"));
        mkfifo(snapshot.resolve("net/snmp"));
        for (String[] args : List.of(new String[] {"-tanp"}, new String[] {"-tanp", "--json"}, new String[] {"-s"},
                new String[] {"who", "46211"}, new String[] {"top", "--by", "process", "-a"}, new String[] {"port", "46211", "-p"})) {
            Cli run = run(snapshot, args);
            assertTrue(run.code() == 0, String.join(" ", args) + ": " + run.err());
        }
        Cli who = run(snapshot, "who", "46211", "--json");
        assertTrue(who.out().contains("\"pid\":4243"), "the owner with a garbage uid is still the owner: " + who.out());
    }
}
