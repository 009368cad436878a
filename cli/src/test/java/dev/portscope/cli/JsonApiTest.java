package dev.portscope.cli;

import dev.portscope.Portscope;
import dev.portscope.serve.Exporter;
import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** serve's JSON API against a real listener: the views' JSON over HTTP, 400s for bad parameters, events as SSE. */
@Live
class JsonApiTest {
    @Test
    void theViewsAnswerOverHttpAndBadParametersAre400() throws Exception {
        Process python = new ProcessBuilder("python3", "-c", "import socket, sys\ns = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
                + "print(s.getsockname()[1], flush=True)\nsys.stdin.read()").start();
        try (Portscope portscope = Portscope.system();
             Exporter exporter = Exporter.start(portscope, new Exporter.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     "/metrics", 20, dev.portscope.serve.WebConfig.NONE, new JsonApi(Environment.live(), new NamespaceOptions(), portscope).routes(), true));
             HttpClient client = HttpClient.newHttpClient()) {
            String port = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            String base = "http://127.0.0.1:" + exporter.address().getPort();

            HttpResponse<String> who = get(client, base + "/api/v1/who?port=" + port);
            assertEquals(200, who.statusCode(), who.body());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> using = (List<Map<String, Object>>) dev.portscope.cli.render.JsonReader.parse(who.body());
            assertEquals(1, using.size(), who.body());
            assertEquals("LISTEN", using.getFirst().get("state"));
            @SuppressWarnings("unchecked")
            Map<String, Object> owner = ((List<Map<String, Object>>) using.getFirst().get("owners")).getFirst();
            assertEquals(python.pid(), ((Number) owner.get("pid")).longValue());
            assertEquals(Cli.live("who", port, "--json").out().replaceAll("\"cookie\":\\d+,", ""), who.body().replaceAll("\"cookie\":\\d+,", ""),
                    "the same JSON as the CLI's");

            HttpResponse<String> listening = get(client, base + "/api/v1/sockets?state=listening&protocol=tcp&filter="
                    + URLEncoder.encode("sport = :" + port, StandardCharsets.UTF_8));
            assertEquals(200, listening.statusCode(), listening.body());
            assertTrue(listening.body().contains("\"port\":" + port + "}"), listening.body());

            HttpResponse<String> unix = get(client, base + "/api/v1/sockets?state=all&protocol=unix");
            assertEquals(200, unix.statusCode(), unix.body());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> unixSockets = (List<Map<String, Object>>) dev.portscope.cli.render.JsonReader.parse(unix.body());
            assertTrue(unixSockets.stream().allMatch(m -> "unix".equals(m.get("protocol"))), unix.body());

            for (String bad : List.of("/api/v1/sockets?state=bogus", "/api/v1/sockets?protocol=dccp", "/api/v1/sockets?filter=--proc-root%20/etc", "/api/v1/who",
                    "/api/v1/who?port=-p", "/api/v1/top?by=nothing", "/api/v1/sockets?nope=1", "/api/v1/events?filter=bogus")) {
                HttpResponse<String> r = get(client, base + bad);
                assertEquals(400, r.statusCode(), bad + ": " + r.body());
                assertTrue(r.body().startsWith("{\"error\":\"") && r.body().strip().lines().count() == 1, bad + ": " + r.body());
            }
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sockets"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode(), "nothing over HTTP changes the host");

            // events: a connection to the listener, as the stream says it
            HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events?filter="
                    + URLEncoder.encode("sport = :" + port + " or dport = :" + port, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, stream.statusCode());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            try (Socket client2 = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port))) {
                client2.getOutputStream().write('x');
            }
            BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            String line;
            do {
                line = events.readLine();
            } while (line != null && !line.startsWith("data: "));
            assertTrue(line != null && line.contains("\"event\":\"close\"") && line.contains("\"port\":" + port), String.valueOf(line));
            stream.body().close();
        } finally {
            python.destroy();
        }
    }

    private static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
