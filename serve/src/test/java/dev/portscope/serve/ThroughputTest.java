package dev.portscope.serve;

import dev.portscope.Portscope;
import dev.portscope.testing.Live;
import dev.portscope.testing.SteadySender;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throughput counters against known traffic: a python process sends itself ~1 MB/s over loopback;
 * between two scrapes the counters of its listening port and of its command grow by that rate
 * within 15 %.
 */
@Live
class ThroughputTest {
    private static final int RATE = 1_000_000;

    @Test
    void countersGrowAtTheSendingRate() throws Exception {
        try (Portscope portscope = Portscope.system();
             Exporter exporter = Exporter.start(portscope, new Exporter.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     "/metrics", 20, WebConfig.NONE, Map.of(), true));
             HttpClient client = HttpClient.newHttpClient()) {
            Process python = new ProcessBuilder("python3", "-c", SteadySender.script(RATE, 8)).start();
            try {
                String port = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                URI metrics = URI.create("http://127.0.0.1:" + exporter.address().getPort() + "/metrics");
                Thread.sleep(1000);
                String first = client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
                long t0 = System.nanoTime();
                Thread.sleep(3000);
                String second = client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
                double seconds = (System.nanoTime() - t0) / 1e9;
                String received = "portscope_inbound_bytes_total{protocol=\"tcp\",port=\"" + port + "\",direction=\"received\",netns=\"\"}";
                within(RATE, (value(second, received) - value(first, received)) / seconds, received + "\n" + second);
                String sent = "portscope_process_bytes_total{process=\"python3\",direction=\"sent\"}";
                within(RATE, (value(second, sent) - value(first, sent)) / seconds, sent + "\n" + second);
            } finally {
                python.destroy();
                python.waitFor();
            }
        }
    }

    private static long value(String body, String series) {
        return body.lines().filter(l -> l.startsWith(series + " ")).mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static void within(int expected, double measured, String what) {
        assertTrue(Math.abs(measured - expected) <= expected * 0.15, what + ": " + measured + " B/s, sent at " + expected);
    }
}
