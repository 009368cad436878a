package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * top --live in a real terminal (tmux), over known traffic in a fresh namespace: the busiest
 * process on top, the sort, filter and pause keys, a resize, a terminal too small, the key changed
 * to connections and the selected one killed (after y), and q and Ctrl-C
 * giving the terminal back as it was (the shell's screen, canonical mode and echo, checked with stty).
 */
@Live
class LiveTopTest {
    private static final String SESSION = "pstlive" + ProcessHandle.current().pid();

    private static String tmux(String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("tmux"));
        line.addAll(List.of(args));
        NonRootOwnersTest.Result r = NonRootOwnersTest.run(line);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        return r.out();
    }

    private static String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-t", SESSION, "-p");
    }

    /** Waits up to 10 s for the screen to hold {@code text}; the screen then. */
    private static String waitFor(String text) throws IOException, InterruptedException {
        String s = screen();
        for (int i = 0; i < 100 && !s.contains(text); i++) {
            Thread.sleep(100);
            s = screen();
        }
        assertTrue(s.contains(text), "waited for '" + text + "':\n" + s);
        return s;
    }

    /** The first row under the column names: the busiest. */
    private static String firstRow(String screen) {
        List<String> lines = screen.lines().toList();
        return lines.get(lines.indexOf(lines.stream().filter(l -> l.contains("IN/s")).findFirst().orElseThrow()) + 1);
    }

    @Test
    void liveViewReactsToKeysAndGivesTheTerminalBack() throws IOException, InterruptedException {
        TestNetns.assumeUsable();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "needs /usr/bin/tmux");
        Path script = Files.createTempFile("flows", ".py");
        Path run = Files.createTempFile("live", ".sh");
        try (var in = LiveTopTest.class.getResourceAsStream("/rate/flows.py"); TestNetns ns = TestNetns.create("pstlv")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Process receiver = ns.start("/usr/bin/python3", script.toString(), "receiver", "47101", "47102");
            Process fast = ns.start("/usr/bin/python3", script.toString(), "sender", "47101", "1000000", "60");
            Process slow = ns.start("/usr/bin/python3", script.toString(), "sender", "47102", "100000", "60");
            Files.writeString(run, "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' --enable-native-access=ALL-UNNAMED -cp '"
                    + System.getProperty("java.class.path") + "' " + Main.class.getName() + " top --live -N " + ns.name()
                    + " --by process --interval 500ms\n", StandardCharsets.UTF_8);
            tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "24", "bash --norc");
            try {
                tmux("send-keys", "-t", SESSION, "clear; echo before-live; sh " + run, "Enter");
                String s = waitFor("KEY");
                s = waitFor(fast.pid() + "/python3");
                assertTrue(firstRow(s).contains(receiver.pid() + "/python3"), "the busiest process (1.1 MB/s in) first:\n" + s);
                assertTrue(s.contains(slow.pid() + "/python3"), s);

                tmux("send-keys", "-t", SESSION, "s");
                waitFor("sort in");

                tmux("send-keys", "-t", SESSION, "/");
                waitFor("filter: ");
                tmux("send-keys", "-t", SESSION, "-l", "dport = :47102");
                tmux("send-keys", "-t", SESSION, "Enter");
                s = waitFor(slow.pid() + "/python3");
                Thread.sleep(1200);
                s = screen();
                assertTrue(s.contains("filter: dport = :47102"), s);
                assertFalse(s.contains(fast.pid() + "/python3"), "the filter keeps the slow flow alone:\n" + s);

                tmux("send-keys", "-t", SESSION, "p");
                String paused = waitFor("PAUSED");
                Thread.sleep(1200);
                assertEquals(paused, screen(), "paused: nothing changes");
                tmux("send-keys", "-t", SESSION, "p");

                tmux("resize-window", "-t", SESSION, "-x", "90", "-y", "15");
                s = waitFor("q quit");
                assertEquals(15, s.lines().count(), s);
                assertTrue(s.lines().allMatch(l -> l.length() <= 90), s);
                tmux("resize-window", "-t", SESSION, "-x", "30", "-y", "5");
                waitFor("needs 40x6");
                tmux("resize-window", "-t", SESSION, "-x", "120", "-y", "24");
                waitFor("q quit");

                for (String by : List.of("remote-host", "remote-port", "local-port", "connection")) {
                    tmux("send-keys", "-t", SESSION, "b");
                    waitFor("by " + by + " ");
                }
                waitFor("-> 127.0.0.1:47102"); // the first interval by connection measured
                tmux("send-keys", "-t", SESSION, "Down");
                tmux("send-keys", "-t", SESSION, "k");
                waitFor("? y/n");
                tmux("send-keys", "-t", SESSION, "y");
                waitFor("killed 127.0.0.1:");
                assertTrue(slow.waitFor(5, java.util.concurrent.TimeUnit.SECONDS), "the killed connection's sender ends (reset)");

                tmux("send-keys", "-t", SESSION, "q");
                s = waitFor("before-live");
                assertFalse(s.contains("portscope top --live"), "the alternate screen is gone:\n" + s);
                tmux("send-keys", "-t", SESSION, "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | sort | tr '\\n' ' '; echo", "Enter");
                waitFor("echo icanon");

                tmux("send-keys", "-t", SESSION, "clear; echo again; sh " + run, "Enter");
                waitFor("KEY");
                tmux("send-keys", "-t", SESSION, "C-c");
                waitFor("again");
                tmux("send-keys", "-t", SESSION, "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | sort | tr '\\n' ' '; echo done", "Enter");
                waitFor("echo icanon done");
            } finally {
                new ProcessBuilder("tmux", "kill-session", "-t", SESSION).start().waitFor();
            }
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(run);
        }
    }
}
