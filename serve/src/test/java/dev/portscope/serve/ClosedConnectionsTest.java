package dev.portscope.serve;

import dev.portscope.Portscope;
import dev.portscope.testing.Live;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closed connections and their bytes in the metrics, from real loopback connections a python process makes and closes. */
@Live
class ClosedConnectionsTest {
    @Test
    void closesAreCountedByDirectionAndPortWithTheirBytes() throws Exception {
        try (Portscope portscope = Portscope.system();
             Exporter exporter = Exporter.start(portscope, new Exporter.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     "/metrics", 20, WebConfig.NONE, Map.of(), true));
             HttpClient client = HttpClient.newHttpClient()) {
            Process python = new ProcessBuilder("python3", "-c", String.join("\n",
                    "import socket",
                    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                    "port = s.getsockname()[1]",
                    "for i in range(3):",
                    "    c = socket.create_connection(('127.0.0.1', port)); a, _ = s.accept()",
                    "    c.sendall(b'x' * 1000); got = 0",
                    "    while got < 1000: got += len(a.recv(1000))",
                    "    c.close(); a.close()",
                    "print(port, flush=True)",
                    "import sys; sys.stdin.read()")).start(); // the listener stays: an inbound close is known by it
            String port = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            URI metrics = URI.create("http://127.0.0.1:" + exporter.address().getPort() + "/metrics");
            String inbound = "{protocol=\"tcp\",direction=\"in\",port=\"" + port + "\"}";
            String body = "";
            for (int i = 0; i < 50 && !body.contains("portscope_closed_connections_total" + inbound + " 3"); i++) {
                Thread.sleep(100); // the destroy events come through the kernel's work queue
                body = client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue(body.contains("portscope_closed_connections_total" + inbound + " 3"), body);
            // the server ends received 3 x 1000 bytes, and the FIN of each (tcpi_bytes_received counts it when the full socket got it)
            long received = body.lines().filter(l -> l.startsWith("portscope_closed_connection_received_bytes_total" + inbound))
                    .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
            assertTrue(received >= 3000 && received <= 3003, body);
            assertTrue(body.contains("portscope_closed_connections_total{protocol=\"tcp\",direction=\"out\",port=\"" + port + "\"} 3"), body);
            assertTrue(body.contains("portscope_closed_connection_sent_bytes_total{protocol=\"tcp\",direction=\"out\",port=\"" + port + "\"} 3000"), body);
            assertTrue(body.contains("portscope_events_lost_total 0"), body);
            python.getOutputStream().close();
            python.waitFor();
        }
    }
}
