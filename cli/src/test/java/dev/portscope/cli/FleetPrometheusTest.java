package dev.portscope.cli;

import dev.portscope.cli.render.JsonReader;
import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end: two network namespaces act as hosts, each running a listener and {@code portscope
 * serve} on its own veth address; a real Prometheus (Debian's; .ci/run installs it) scrapes both
 * (negotiating OpenMetrics); PromQL then shows each host's listener with its process, and
 * {@code portscope fleet who PORT} lists both hosts. promtool checks the text format.
 */
@Live
class FleetPrometheusTest {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final int LISTENER = 18181;
    private static final int EXPORTER = ServeCommand.DEFAULT_PORT;

    @Test
    void prometheusScrapesTwoHostsAndFleetWhoListsBoth(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL), "prometheus and promtool (Debian's prometheus; .ci/run installs it)");
        long id = ProcessHandle.current().pid();
        List<String> hosts = List.of("pstfl1" + id, "pstfl2" + id);
        List<Process> processes = new ArrayList<>();
        try {
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                String ns = hosts.get(i);
                String hostSide = "pstv" + (i + 1) + "h" + (id % 10000);
                String nsSide = "pstv" + (i + 1) + "n" + (id % 10000);
                String address = "10.77." + (i + 1) + ".2";
                SocketMix.run("ip", "netns", "add", ns);
                SocketMix.run("ip", "link", "add", hostSide, "type", "veth", "peer", "name", nsSide, "netns", ns);
                SocketMix.run("ip", "addr", "add", "10.77." + (i + 1) + ".1/30", "dev", hostSide);
                SocketMix.run("ip", "link", "set", hostSide, "up");
                SocketMix.run("ip", "netns", "exec", ns, "ip", "addr", "add", address + "/30", "dev", nsSide);
                SocketMix.run("ip", "netns", "exec", ns, "ip", "link", "set", nsSide, "up");
                SocketMix.run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
                Process listener = new ProcessBuilder("ip", "netns", "exec", ns, "/usr/bin/python3", "-c",
                        "import socket, sys\ns = socket.socket(); s.bind(('0.0.0.0', " + LISTENER + ")); s.listen()\n"
                                + "print('ready', flush=True)\nsys.stdin.read()").start();
                processes.add(listener);
                assertEquals("ready\n", new String(listener.getInputStream().readNBytes(6), StandardCharsets.US_ASCII));
                Process serve = new ProcessBuilder("ip", "netns", "exec", ns, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                        "serve", "--web.listen-address", address + ":" + EXPORTER).redirectErrorStream(true).start();
                processes.add(serve);
                targets.add(address + ":" + EXPORTER);
            }
            for (String target : targets) {
                String metrics = waitForGet(URI.create("http://" + target + "/metrics"), Duration.ofSeconds(20));
                assertTrue(metrics.contains("portscope_listener_info{protocol=\"tcp\",address=\"0.0.0.0\",port=\"" + LISTENER + "\""), metrics);
                Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
                promtool.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
                promtool.getOutputStream().close();
                String lint = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, promtool.waitFor(), "promtool check metrics: " + lint);
            }

            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, String.join("\n",
                    "global:",
                    "  scrape_interval: 1s",
                    "scrape_configs:",
                    "  - job_name: portscope",
                    "    static_configs:",
                    "      - targets: ['" + String.join("', '", targets) + "']", ""));
            Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            processes.add(prometheus);
            String url = "http://127.0.0.1:" + port;
            String query = url + "/api/v1/query?query=" + URLEncoder.encode("portscope_listener_info{port=\"" + LISTENER + "\"}", StandardCharsets.UTF_8);
            List<Map<String, Object>> series = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (series.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                try {
                    series = result(get(URI.create(query)));
                } catch (IOException e) {
                    // not up yet
                }
            }
            assertEquals(2, series.size(), "both hosts' listener, as PromQL sees it: " + series + "\n" + Files.readString(dir.resolve("prometheus.log")));
            Set<String> instances = new TreeSet<>();
            for (Map<String, Object> s : series) {
                @SuppressWarnings("unchecked")
                Map<String, Object> labels = (Map<String, Object>) s.get("metric");
                assertEquals("python3", labels.get("process"), labels.toString());
                assertEquals("tcp", labels.get("protocol"));
                instances.add((String) labels.get("instance"));
            }
            assertEquals(new TreeSet<>(targets), instances);

            Cli fleet = Cli.live("fleet", "who", Integer.toString(LISTENER), "--prometheus", url);
            assertEquals(0, fleet.code(), fleet.err());
            for (String target : targets) {
                assertTrue(fleet.out().lines().anyMatch(l -> l.startsWith(target) && l.contains("python3") && l.contains(" " + LISTENER + " ")),
                        fleet.out());
            }
            Cli listeners = Cli.live("fleet", "listeners", "--process", "python3", "--prometheus", url);
            assertEquals(0, listeners.code(), listeners.err());
            for (String target : targets) {
                assertTrue(listeners.out().lines().anyMatch(l -> l.startsWith(target) && l.contains(" " + LISTENER + " ")), listeners.out());
            }
            Cli top = Cli.live("fleet", "top", "--by", "port", "--json", "--prometheus", url);
            assertEquals(0, top.code(), top.err());
            assertTrue(top.out().contains("\"port\":" + EXPORTER + "}"), "Prometheus's own connections to the exporters: " + top.out());
            Cli none = Cli.live("fleet", "who", "18182", "--prometheus", url);
            assertEquals(1, none.code(), none.err());
            assertTrue(none.err().contains("no host listens on port 18182"), none.err());
        } finally {
            processes.forEach(Process::destroy);
            for (Process p : processes) {
                p.waitFor();
            }
            for (String ns : hosts) {
                new ProcessBuilder("ip", "netns", "delete", ns).start().waitFor(); // its veth ends go with it
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> result(String body) {
        Map<String, Object> answer = (Map<String, Object>) JsonReader.parse(body);
        return (List<Map<String, Object>>) ((Map<String, Object>) answer.get("data")).get("result");
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }
    }

    static String waitForGet(URI uri, Duration within) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return get(uri);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
