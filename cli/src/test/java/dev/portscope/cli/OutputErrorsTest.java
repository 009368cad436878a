package dev.portscope.cli;

import dev.portscope.Portscope;
import dev.portscope.testing.Fixtures;
import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Output that cannot be written is never lost with exit 0; a reader that goes away ends the run quietly. */
@Live
class OutputErrorsTest {
    private static final List<String> VIEWS = List.of("-tan", "-tan --json", "--help", "--version", "who 46211", "port 80 --json",
            "top", "pairs", "-s");

    /** A shell command running portscope in a new JVM on the test's class path, against the captured mix. */
    private static String portscope(String args) throws Exception {
        List<String> classPath = new ArrayList<>();
        for (Class<?> c : List.of(Main.class, Portscope.class, CommandLine.class, dev.portscope.serve.Exporter.class)) {
            classPath.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String procRoot = args.startsWith("--help") || args.startsWith("--version") ? "" : " --proc-root " + Fixtures.path("mix");
        return java + " --enable-native-access=ALL-UNNAMED -cp " + String.join(":", classPath) + " " + Main.class.getName() + " " + args + procRoot;
    }

    /** Exit code, then stderr, of a bash command line. */
    private static List<String> bash(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return List.of(Integer.toString(p.waitFor()), err);
    }

    @Test
    void aFullDiskOrAClosedStdoutIsOneLineAndExit1InEveryView() throws Exception {
        for (String view : VIEWS) {
            assertEquals(List.of("1", "portscope: cannot write output: No space left on device\n"),
                    bash(portscope(view) + " > /dev/full"), view);
            List<String> closed = bash(portscope(view) + " >&-");
            assertEquals("1", closed.get(0), view + ": " + closed.get(1));
            assertEquals(1, closed.get(1).lines().count(), view + ": " + closed.get(1));
            assertEquals(true, closed.get(1).startsWith("portscope: cannot write output: "), view + ": " + closed.get(1));
        }
    }

    @Test
    void aReaderThatGoesAwayEndsTheRunQuietly(@TempDir Path snapshot) throws Exception {
        String header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
        StringBuilder tcp = new StringBuilder(header);
        for (int i = 0; i < 20_000; i++) {
            tcp.append(String.format("%5d: 0100007F:%04X 0100007F:%04X 01 00000000:00000000 00:00000000 00000000     0        0 %d 1"
                    + " 0000000000000000 20 4 30 10 -1%n", i, 10_000 + i % 50_000, 20_000 + i % 40_000, 100_000 + i));
        }
        Files.createDirectories(snapshot.resolve("net"));
        Files.writeString(snapshot.resolve("net/tcp"), tcp);
        for (String table : List.of("tcp6", "udp", "udp6")) {
            Files.writeString(snapshot.resolve("net").resolve(table), header);
        }
        for (String view : List.of("-tan", "-tan --json", "-tan --csv", "top --by local-port --limit 0")) {
            String command = portscope(view).replace(" --proc-root " + Fixtures.path("mix"), "") + " --proc-root " + snapshot;
            assertEquals(List.of("0", ""), bash("set -o pipefail; " + command + " | head -c 100 > /dev/null"), view);
        }
    }
}
