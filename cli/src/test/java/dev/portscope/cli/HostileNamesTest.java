package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process that names itself with terminal escapes, C1 controls, line separators and bidi controls
 * cannot drive the terminal of whoever lists its sockets: every human-readable view shows those
 * characters escaped; JSON escapes them and keeps the text; CSV keeps it as it is.
 */
@Live
class HostileNamesTest {
    private static final String ESCAPED_COMM = "\\x1b]0;PWNED\\x07";
    /** Renames itself (comm) to ESC ] 0 ; PWNED BEL, listens on 127.0.0.1 and connects to itself; prints the port. */
    private static final String HOSTILE = String.join("\n",
            "import ctypes, socket, sys",
            "ctypes.CDLL(None).prctl(15, b'\\x1b]0;PWNED\\x07', 0, 0, 0)",
            "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
            "c = socket.create_connection(s.getsockname()); a, _ = s.accept()",
            "print(s.getsockname()[1], flush=True)",
            "sys.stdin.read()");

    private static void noControlCharacters(String view, String out) {
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            boolean control = c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029 || c >= 0x202a && c <= 0x202e;
            if (control) {
                throw new AssertionError(view + ": raw U+" + Integer.toHexString(c) + " at " + i + " in\n" + out);
            }
        }
    }

    @Test
    void namesAreEscapedInEveryViewAndKeptInJsonAndCsv() throws Exception {
        Process python = new ProcessBuilder("python3", "-c", HOSTILE, "\u001b[2J\u001b[H", "carriage\rreturn", "next\u0085line",
                "line\u2028separator", "\u202eright-to-left", "new\nline", "\u001b]0;LONG\u0007".repeat(12_000)).start(); // ~120 KB of argv
        try {
            String port = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            String src = "src 127.0.0.1:" + port;
            List<List<String>> views = List.of(List.of("-tlnp", "src", "127.0.0.1:" + port), List.of("-tlnpe", "src", "127.0.0.1:" + port),
                    List.of("-tanp", "--columns", "pid,comm,lport"), List.of("who", port), List.of("port", port, "-p"),
                    List.of("pairs", "-p"), List.of("top", "--by", "process", "-a"), List.of("-tanp", "sport", "=", ":" + port));
            for (List<String> view : views) {
                Cli run = Cli.live(view.toArray(String[]::new));
                assertEquals(0, run.code(), view + ": " + run.err());
                noControlCharacters(String.join(" ", view), run.out());
                assertTrue(run.out().contains(ESCAPED_COMM), view + " shows the name, escaped:\n" + run.out());
            }
            Cli who = Cli.live("who", port);
            assertTrue(who.out().contains("\\x1b]0;LONG\\x07".repeat(12_000)), "the whole long argument, escaped");
            assertTrue(who.out().contains("\\x1b[2J\\x1b[H carriage\\x0dreturn next\\x85line line\\u2028separator \\u202eright-to-left new\\x0aline"),
                    who.out());
            Cli json = Cli.live("-tlnp", "--json", src);
            noControlCharacters("--json", json.out());
            assertTrue(json.out().contains("\"command\":\"\\u001b]0;PWNED\\u0007\""), json.out());
            assertTrue(json.out().contains("carriage\\rreturn next\\u0085line line\\u2028separator \\u202eright-to-left new\\nline"), json.out());
            Cli csv = Cli.live("-tlnp", "--csv", "-H", "--columns", "comm", src);
            assertEquals("\u001b]0;PWNED\u0007" + System.lineSeparator(), csv.out(), "CSV loses nothing");
        } finally {
            python.getOutputStream().close();
            python.destroy();
            python.waitFor();
        }
    }

    @Test
    void aNameThatIsNotUtf8StaysVisible() throws Exception {
        String script = HOSTILE.replace("b'\\x1b]0;PWNED\\x07'", "b'\\xff\\xfebad'");
        Process python = new ProcessBuilder("python3", "-c", script).start();
        try {
            String port = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            Cli table = Cli.live("-tlnp", "src", "127.0.0.1:" + port);
            assertTrue(table.out().contains("/\\xff\\xfebad"), table.out());
            Cli json = Cli.live("-tlnp", "--json", "src", "127.0.0.1:" + port);
            assertTrue(json.out().contains("\"command\":\"\\\\xff\\\\xfebad\""), json.out());
        } finally {
            python.getOutputStream().close();
            python.destroy();
            python.waitFor();
        }
    }

    @Test
    void onATerminalTooNothingRawReachesIt() throws Exception {
        Process python = new ProcessBuilder("python3", "-c", HOSTILE, "\u001b[2J\u001b[H", "bell\u0007").start();
        try {
            String port = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            for (String[] args : List.of(new String[] {"-tlnp", "src", "127.0.0.1:" + port}, new String[] {"who", port},
                    new String[] {"-tlnpe", "src", "127.0.0.1:" + port})) {
                String shown = String.join("\n", TerminalTest.onTerminal(131, "NO_COLOR=1", args)); // no colours: any ESC is theirs
                assertTrue(!shown.contains("\u001b") && !shown.contains("\u0007"), String.join(" ", args) + ":\n" + shown);
                assertTrue(shown.contains(ESCAPED_COMM), String.join(" ", args) + ":\n" + shown);
            }
        } finally {
            python.getOutputStream().close();
            python.destroy();
            python.waitFor();
        }
    }
}
