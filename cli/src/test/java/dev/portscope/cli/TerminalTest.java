package dev.portscope.cli;

import dev.portscope.testing.Live;
import dev.portscope.cli.render.NetstatTable.Layout;
import dev.portscope.cli.render.Style;
import dev.portscope.model.TcpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table follows the terminal: a real pseudo-terminal (util-linux's script) of a set width runs
 * portscope in a child JVM; colours appear there, and never with NO_COLOR or through a pipe.
 */
@Live
class TerminalTest {
    private static final String BOLD = "\u001b[1m";
    private static final String GREEN = "\u001b[32m";

    /** Runs portscope's main in a child JVM on a pseudo-terminal {@code columns} wide; what the terminal showed. */
    static List<String> onTerminal(int columns, String environment, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "stty cols " + columns + " rows 40; " + environment + " exec " + java + " --enable-native-access=ALL-UNNAMED -cp "
                + System.getProperty("java.class.path") + " dev.portscope.cli.Main " + String.join(" ", args);
        Process child = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true).start();
        child.getOutputStream().close();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), out);
        return out.lines().map(l -> l.replace("\r", "")).toList();
    }

    @Test
    void theTableFillsAWideTerminalInColour() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(server.getLocalPort());
            List<String> wide = onTerminal(131, "", "-tln", "sport", "=", ":" + port);
            String header = wide.get(1);
            assertTrue(header.startsWith(BOLD + "Proto Recv-Q Send-Q Local Address "), header);
            assertEquals(20 + 50 + 50, header.indexOf("State") - BOLD.length(), header); // (131 - 33) / 2 = 49 an address, and a space
            String row = wide.get(2);
            assertTrue(row.contains(GREEN + "LISTEN"), row);
            assertEquals(20 + 50 + 50, row.indexOf(GREEN), row);

            List<String> plain = onTerminal(131, "NO_COLOR=1", "-tln", "sport", "=", ":" + port);
            assertFalse(String.join("\n", plain).contains("\u001b["), plain.toString());
            assertEquals(20 + 50 + 50, plain.get(1).indexOf("State"), plain.toString());

            List<String> narrow = onTerminal(60, "", "-tln", "sport", "=", ":" + port);
            assertEquals(20 + 24 + 24, narrow.get(1).indexOf("State") - BOLD.length(), narrow.toString()); // never narrower than netstat

            List<String> piped = onTerminal(131, "", "-tln", "sport", "=", ":" + port, "| cat");
            assertEquals(20 + 24 + 24, piped.get(1).indexOf("State"), piped.toString());
            assertFalse(String.join("\n", piped).contains("\u001b["), piped.toString());
        }
    }

    @Test
    void columnsOverridesTheTerminalsWidth() throws Exception {
        List<String> lines = onTerminal(131, "COLUMNS=100", "-tln", "sport", "=", ":1");
        assertEquals(20 + 34 + 34, lines.get(1).indexOf("State") - BOLD.length(), lines.toString()); // (100 - 33) / 2 = 33
    }

    @Test
    void layoutBetweenNetstatsWidthAndSixtyFour() {
        assertEquals(23, Layout.of(false, OptionalInt.empty(), false, Style.PLAIN).addressWidth());
        assertEquals(23, Layout.of(false, OptionalInt.of(80), false, Style.PLAIN).addressWidth());
        assertEquals(23, Layout.of(false, OptionalInt.of(20), false, Style.PLAIN).addressWidth());
        assertEquals(48, Layout.of(false, OptionalInt.of(130), false, Style.PLAIN).addressWidth());
        assertEquals(38, Layout.of(false, OptionalInt.of(130), true, Style.PLAIN).addressWidth());
        assertEquals(64, Layout.of(false, OptionalInt.of(400), false, Style.PLAIN).addressWidth());
    }

    @Test
    void plainStyleChangesNothing() {
        for (TcpState state : TcpState.values()) {
            assertEquals("x  ", Style.PLAIN.state(state, "x  "));
        }
        assertEquals("Proto", Style.PLAIN.title("Proto"));
        assertEquals(GREEN + "LISTEN " + "\u001b[0m", Style.ANSI.state(TcpState.LISTEN, "LISTEN "));
    }

    @Test
    void onlyTerminalDevicesAreTerminals(@TempDir Path dir) throws IOException {
        assertTrue(Terminal.isTerminal(Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/3"))));
        assertTrue(Terminal.isTerminal(Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/tty1"))));
        assertFalse(Terminal.isTerminal(Files.createSymbolicLink(dir.resolve("null"), Path.of("/dev/null"))));
        assertFalse(Terminal.isTerminal(Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[1234]"))));
        assertFalse(Terminal.isTerminal(dir.resolve("missing")));
    }
}
