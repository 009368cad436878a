package dev.portscope.cli;

import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -s} against the files it reads: a snapshot of the socket mix and of the counter files. */
class StatisticsTest {

    private static Cli run(Path snapshot, String... args) {
        return Cli.run(Environment.of(snapshot, Fixtures.path("etc-services")), args);
    }

    private static Path snapshot(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("net"));
        for (Path source : List.of(Fixtures.path("mix/net"), Fixtures.path("counters/net"))) {
            try (var files = Files.list(source)) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve("net").resolve(f.getFileName()));
                }
            }
        }
        return dir;
    }

    @Test
    void everyCounterEqualsItsFile(@TempDir Path dir) throws IOException {
        Path snapshot = snapshot(dir);
        Cli csv = run(snapshot, "-s", "--counters", "-a", "--csv");
        assertEquals(0, csv.code(), csv.err());
        Set<String> rows = new HashSet<>(csv.out().lines().toList());
        int checked = 0;
        for (String file : List.of("snmp", "netstat")) {
            List<String> lines = Files.readAllLines(snapshot.resolve("net").resolve(file));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                String[] names = lines.get(i).split(" ");
                String[] values = lines.get(i + 1).split(" ");
                for (int k = 1; k < names.length; k++, checked++) {
                    String row = file + "," + names[0].replace(":", "") + "," + names[k] + "," + values[k];
                    assertTrue(rows.contains(row), row);
                }
            }
        }
        for (String line : Files.readAllLines(snapshot.resolve("net/snmp6"))) {
            String[] f = line.trim().split("\\s+");
            String group = f[0].substring(0, f[0].indexOf('6') + 1);
            assertTrue(rows.contains("snmp6," + group + "," + f[0].substring(group.length()) + "," + f[1]), line);
            checked++;
        }
        for (String file : List.of("sockstat", "sockstat6")) {
            for (String line : Files.readAllLines(snapshot.resolve("net").resolve(file))) {
                String[] f = line.trim().split("\\s+");
                for (int k = 1; k + 1 < f.length; k += 2, checked++) {
                    String row = file + "," + f[0].replace(":", "") + "," + f[k] + "," + f[k + 1];
                    assertTrue(rows.contains(row), row);
                }
            }
        }
        assertTrue(checked > 300, "counters checked: " + checked);
    }

    @Test
    void socketCountsEqualSsCountsOfTheSameMoment(@TempDir Path dir) throws IOException {
        Cli csv = run(snapshot(dir), "-s", "-tu", "--csv", "-H");
        Map<String, Integer> ours = new TreeMap<>();
        csv.out().lines().filter(l -> l.startsWith("sockets,") && !l.startsWith("sockets,total")).forEach(l -> {
            String[] f = l.split(",");
            ours.merge(f[1].split("/")[0] + " " + f[2], Integer.parseInt(f[3]), Integer::sum);
        });
        Map<String, Integer> ss = new TreeMap<>();
        for (String line : Files.readAllLines(Fixtures.path("mix/ss-tuanH.txt"))) {
            String[] f = line.trim().split("\\s+");
            String state = switch (f[1]) {
                case "ESTAB" -> "ESTABLISHED";
                case "UNCONN" -> "CLOSE";
                default -> f[1].replace('-', '_').replace("FIN_WAIT_", "FIN_WAIT");
            };
            ss.merge(f[0] + " " + state, 1, Integer::sum);
        }
        assertEquals(ss, ours);
    }

    @Test
    void countersAreTheNonZeroOnesUnlessAll(@TempDir Path dir) throws IOException {
        Path snapshot = snapshot(dir);
        List<String> some = run(snapshot, "-s", "--counters", "--csv", "-H").out().lines().filter(l -> l.startsWith("snmp")).toList();
        List<String> all = run(snapshot, "-s", "--counters", "-a", "--csv", "-H").out().lines().filter(l -> l.startsWith("snmp")).toList();
        assertTrue(some.size() > 20 && all.size() > some.size(), some.size() + " of " + all.size());
        assertTrue(some.stream().noneMatch(l -> l.endsWith(",0")), some.toString());
        assertTrue(run(snapshot, "-s").out().lines().noneMatch(l -> l.startsWith("/proc/net/snmp")), "counters only with --counters");
        String text = run(snapshot, "-s", "--counters").out();
        assertTrue(text.contains("IP forwarding: o"), "Forwarding 1/2 said in words: " + text);
        assertEquals(2, run(snapshot, "--counters").code(), "--counters without -s");
    }

    @Test
    void itsOwnColumnsAndSort(@TempDir Path dir) throws IOException {
        Cli run = run(snapshot(dir), "-s", "--columns", "group,name,value", "--sort=-value");
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(List.of("GROUP", "NAME", "VALUE"), List.of(lines.getFirst().split("\\s+")));
        long first = Long.parseLong(lines.get(1).split("\\s+")[2]);
        long last = Long.parseLong(lines.getLast().split("\\s+")[2]);
        assertTrue(first >= last, run.out());
    }

    @Test
    void jsonKeepsTheKernelsNames(@TempDir Path dir) throws IOException {
        Cli json = run(snapshot(dir), "-s", "--counters", "--json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"Tcp\":{\"RtoAlgorithm\":"), json.out());
        assertTrue(json.out().contains("\"sockets\":null"), "not counted without -t -u -4 -6 -l -a -B or a filter: " + json.out());
        assertTrue(run(snapshot(dir.resolve("again")), "-s", "-a", "--json").out().contains("\"sockets\":{\"total\":22,"));
    }
}
