package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -c} as netstat -c: the listing again and again, each complete, a blank line between. */
@Live
class ContinuousTest {
    @Test
    void theListingComesAgainEveryInterval() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String port = Integer.toString(listener.getLocalPort());
            Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "-tln", "-c", "--interval", "200ms", "sport", "=", ":" + port).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
                List<String> lines = new ArrayList<>();
                while (lines.stream().filter(String::isEmpty).count() < 3) {
                    lines.add(out.readLine());
                }
                // three listings: title, column names, the listener, a blank line
                for (int i = 0; i < 3; i++) {
                    List<String> listing = lines.subList(4 * i, 4 * i + 4);
                    assertTrue(listing.get(0).startsWith("Active Internet connections"), lines.toString());
                    assertTrue(listing.get(2).contains("127.0.0.1:" + port + " ") && listing.get(2).contains("LISTEN"), lines.toString());
                    assertEquals("", listing.get(3));
                }
            } finally {
                run.destroy();
            }
        }
    }
}
