package dev.portscope.cli;

import dev.portscope.testing.Live;
import dev.portscope.linux.proc.ProcessTable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM that denies native access still lists sockets and owners: netlink falls back to /proc and
 * the descriptor scan to java.nio, with the reason under --debug and no stack trace.
 */
@Live
class NoNativeAccessTest {

    @Test
    void fallsBackToProcWithoutFfm() throws Exception {
        List<String> classPath = new ArrayList<>();
        for (Class<?> c : List.of(Main.class, ProcessTable.class, CommandLine.class)) {
            classPath.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)
                .bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "--illegal-native-access=deny", "-cp", String.join(":", classPath),
                    Main.class.getName(), "-tlnp", "--debug").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), err);
            assertTrue(err.contains("source procfs (netlink sock_diag is not available"), err);
            assertFalse(err.contains("\tat "), err);
            String row = out.lines().filter(l -> l.contains("127.0.0.1:" + port + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("listener missing:\n" + out));
            assertTrue(row.endsWith(ProcessHandle.current().pid() + "/java"), row);
        }
    }
}
