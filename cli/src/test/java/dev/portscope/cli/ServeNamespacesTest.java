package dev.portscope.cli;

import dev.portscope.testing.Live;
import dev.portscope.testing.SteadySender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code portscope serve --all-netns}, started as a user would: the byte counters follow traffic inside another namespace, labelled
 * with its name, and the closed-connection counters (one namespace's destroy events) say they are off.
 */
@Live
class ServeNamespacesTest {
    private static final int RATE = 1_000_000;

    @Test
    void byteCountersCoverEveryNamespace(@TempDir Path dir) throws Exception {
        int exporterPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            exporterPort = free.getLocalPort();
        }
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--all-netns", "--web.listen-address", "127.0.0.1:" + exporterPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("serve.out").toFile()).start();
        try (TestNetns ns = TestNetns.create("pstsrv");
             HttpClient client = HttpClient.newHttpClient()) {
            Process python = ns.start("/usr/bin/python3", "-c", SteadySender.script(RATE, 8));
            try {
                String port = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                URI metrics = URI.create("http://127.0.0.1:" + exporterPort + "/metrics");
                String first = FleetPrometheusTest.waitForGet(metrics, Duration.ofSeconds(20));
                long t0 = System.nanoTime();
                Thread.sleep(3000);
                String second = client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
                double seconds = (System.nanoTime() - t0) / 1e9;
                String received = "portscope_inbound_bytes_total{protocol=\"tcp\",port=\"" + port + "\",direction=\"received\",netns=\""
                        + ns.name() + "\"}";
                double rate = (value(second, received) - value(first, received)) / seconds;
                assertTrue(Math.abs(rate - RATE) <= RATE * 0.15, received + ": " + rate + " B/s, sent at " + RATE + "\n" + second);
            } finally {
                python.destroy();
                python.waitFor();
            }
        } finally {
            serve.destroy();
            serve.waitFor();
        }
        String said = Files.readString(dir.resolve("serve.out"));
        assertTrue(said.contains("closed-connection metrics are off: a watch follows one network namespace"), said);
    }

    private static long value(String body, String series) {
        return body.lines().filter(l -> l.startsWith(series + " ")).mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
