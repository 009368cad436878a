package dev.portscope.cli;

import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded hostile snapshots: each file of a proc root replaced by something a careless or hostile
 * writer could leave (a FIFO, a link to /dev/zero, a looping or dangling link, a directory, garbage,
 * a line of a megabyte, signed and oversized numbers), processes with odd names and files. Every
 * view ends within seconds, exit 0 (what could be read) or 2 (one line: a bad snapshot), never a
 * stack trace, never output on a refusal.
 */
class SnapshotFuzzTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    private static final List<List<String>> VIEWS = List.of(List.of("-tuanp"), List.of("-tuan", "--json"), List.of("-s"),
            List.of("who", "46211"), List.of("top", "--by", "process", "-a"), List.of("pairs", "-p"), List.of("port", "46211", "-p"));

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).start().waitFor());
    }

    /** Replaces {@code file} by one hostile thing, chosen by {@code kind}. */
    private static void spoil(Path file, int kind, Random random) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        switch (kind) {
            case 0 -> mkfifo(file);
            case 1 -> Files.createSymbolicLink(file, Path.of("/dev/zero"));
            case 2 -> Files.createSymbolicLink(file, file.getFileName()); // a loop
            case 3 -> Files.createSymbolicLink(file, file.resolveSibling("nowhere"));
            case 4 -> Files.createDirectories(file);
            case 5 -> Files.write(file, randomBytes(random, 1 + random.nextInt(4096)));
            case 6 -> Files.writeString(file, HEADER + "x".repeat(1 << 20));
            case 7 -> Files.writeString(file, HEADER + "   0: 0100007F:+016 00000000:0000 0A -0000001:00000000 00:00000000 00000000"
                    + "    -1        0 -5 1 0000000000000000 100 0 0 10 0\n   1: 0100007F:0050 00000000:0000 0A 00000000:00000000"
                    + " 00:00000000 00000000     0        0 99999999999999999999 1\n");
            case 8 -> Files.writeString(file, "");
            default -> Files.writeString(file, HEADER);
        }
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static Path snapshot(Path dir, Random random) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("net"));
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Files.copy(Fixtures.path("mix/net/" + table), dir.resolve("net").resolve(table));
        }
        List<Path> targets = new ArrayList<>(List.of(dir.resolve("net/tcp"), dir.resolve("net/udp6"), dir.resolve("net/sockstat"),
                dir.resolve("net/snmp"), dir.resolve("sys/net/ipv4/ip_local_port_range"), dir.resolve("stat")));
        for (String pid : List.of("4242", "99999999999", "-7", "0042", "1")) {
            Files.createDirectories(dir.resolve(pid).resolve("fd"));
            Files.createSymbolicLink(dir.resolve(pid).resolve("fd/3"), Path.of("socket:[6674]"));
            Files.createSymbolicLink(dir.resolve(pid).resolve("fd/4"), Path.of("socket:[-1]"));
            for (String file : List.of("comm", "cmdline", "status", "stat", "cgroup")) {
                targets.add(dir.resolve(pid).resolve(file));
            }
        }
        for (Path target : targets) {
            if (random.nextInt(3) > 0) {
                spoil(target, random.nextInt(10), random);
            }
        }
        return dir;
    }

    @Test
    void everyViewEndsQuicklyWithExit0Or2AndOneLineWhenRefused(@TempDir Path root) throws Exception {
        int[] exits = new int[3];
        for (int seed = 1; seed <= 12; seed++) {
            Random random = new Random(seed);
            Path dir = snapshot(root.resolve("s" + seed), random);
            for (List<String> view : VIEWS) {
                String what = "seed " + seed + ": " + String.join(" ", view);
                Cli run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run(Environment.of(dir, Fixtures.path("etc-services")),
                        view.toArray(String[]::new)), what);
                assertTrue(run.code() == 0 || run.code() == 2 || view.getFirst().equals("who") && run.code() == 1, what + ": exit "
                        + run.code() + "\n" + run.err());
                assertTrue(!run.err().contains("\tat ") && !run.err().contains("Exception"), what + ":\n" + run.err());
                exits[run.code()]++;
                if (run.code() == 2) {
                    assertEquals("", run.out(), what);
                    assertEquals(1, run.err().lines().count(), what + ":\n" + run.err());
                }
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertTrue(files.count() > 100, "the snapshots were built");
        }
        assertTrue(exits[0] > 10 && exits[2] > 10, "both outcomes were met: exit 0 " + exits[0] + " times, exit 2 " + exits[2]);
    }
}
