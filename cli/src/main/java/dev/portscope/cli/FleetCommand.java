package dev.portscope.cli;

import dev.portscope.cli.render.Json;
import dev.portscope.cli.render.JsonReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code portscope fleet}: questions about many hosts, asked of the Prometheus that scrapes their {@code portscope serve}. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Asks Prometheus, which scrapes 'portscope serve' on every host, about the whole fleet."},
        subcommands = FleetCommand.Who.class)
final class FleetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "fleet needs a question: portscope fleet who PORT --prometheus URL");
    }

    /** {@code fleet who PORT}: every host listening on the port, with address, process, unit, container, namespace. */
    @Command(name = "who", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Which hosts listen on PORT, and what listens: from portscope_listener_info as Prometheus last "
                    + "scraped it (its instance label is the host)."},
            footer = {"", "Example:", "  portscope fleet who 5432 --prometheus http://prometheus:9090", "",
                    "Exit 0 when some host listens, 1 when none does or Prometheus cannot be asked, 2 for bad input."})
    static final class Who implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "PORT", description = "A port number, NUMBER/tcp or NUMBER/udp.")
        String port;
        @Option(names = "--prometheus", paramLabel = "URL", required = true, description = "Prometheus's base URL, e.g. http://localhost:9090.")
        String prometheus;
        @Option(names = "--json", description = "One JSON array: {host, protocol, address, port, service, process, user, unit, container, netns}.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String[] parts = port.split("/", 2);
            int number;
            try {
                number = Integer.parseInt(parts[0]);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 0 || number > 65535 || parts.length == 2 && !parts[1].equals("tcp") && !parts[1].equals("udp")) {
                throw new UsageException("fleet who " + port + ": give a port number, NUMBER/tcp or NUMBER/udp");
            }
            URI base;
            try {
                base = URI.create(prometheus.endsWith("/") ? prometheus : prometheus + "/");
                if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
                    throw new IllegalArgumentException("not http(s)");
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("--prometheus " + prometheus + ": give Prometheus's http(s) URL, e.g. http://localhost:9090");
            }
            String query = "portscope_listener_info{port=\"" + number + "\"" + (parts.length == 2 ? ",protocol=\"" + parts[1] + "\"" : "") + "}";
            List<Map<String, String>> rows = ask(base, query);
            rows.sort(Comparator.comparing((Map<String, String> m) -> m.getOrDefault("instance", ""))
                    .thenComparing(m -> m.getOrDefault("protocol", "")).thenComparing(m -> m.getOrDefault("address", "")));
            if (json) {
                Json.writeArray(out, rows.iterator(), (j, m) -> {
                    j.beginObject().name("host").value(m.getOrDefault("instance", ""));
                    for (String label : List.of("protocol", "address")) {
                        j.name(label).value(m.getOrDefault(label, ""));
                    }
                    j.name("port").value(Long.parseLong(m.getOrDefault("port", "0")));
                    for (String label : List.of("service", "process", "user", "unit", "container", "netns")) {
                        j.name(label).value(m.getOrDefault(label, ""));
                    }
                    j.endObject();
                });
            } else if (!rows.isEmpty()) {
                String format = "%-24s %-5s %-16s %-6s %-16s %-10s %s%n";
                out.printf(Locale.ROOT, format, "Host", "Proto", "Address", "Port", "Process", "User", "Unit/Container/Netns");
                for (Map<String, String> m : rows) {
                    String where = String.join(" ", List.of(m.getOrDefault("unit", ""), m.getOrDefault("container", ""),
                            m.getOrDefault("netns", "").isEmpty() ? "" : "netns " + m.get("netns"))).strip().replaceAll(" +", " ");
                    out.printf(Locale.ROOT, format, m.getOrDefault("instance", ""), m.getOrDefault("protocol", ""), m.getOrDefault("address", ""),
                            m.getOrDefault("port", ""), m.getOrDefault("process", "").isEmpty() ? "-" : m.get("process"),
                            m.getOrDefault("user", "").isEmpty() ? "-" : m.get("user"), where.isEmpty() ? "-" : where);
                }
            }
            out.flush();
            if (rows.isEmpty()) {
                err.println("portscope: no host listens on port " + port + " (as Prometheus last scraped them: " + query + ")");
                return Failures.RUNTIME;
            }
            return Failures.OK;
        }

        /** The instant vector's series, as their label sets. */
        private static List<Map<String, String>> ask(URI base, String query) {
            URI uri = base.resolve("api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
            HttpResponse<String> response;
            try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
                response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new dev.portscope.source.SourceUnavailableException("cannot ask Prometheus at " + base + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.portscope.source.SourceUnavailableException("interrupted asking Prometheus", e);
            }
            Object answer;
            try {
                answer = JsonReader.parse(response.body());
            } catch (IllegalArgumentException e) {
                throw new dev.portscope.source.SourceUnavailableException("Prometheus at " + base + " answered HTTP " + response.statusCode()
                        + " with no JSON: is it Prometheus?", e);
            }
            if (!(answer instanceof Map<?, ?> top) || !"success".equals(top.get("status"))) {
                String error = answer instanceof Map<?, ?> m && m.get("error") != null ? m.get("error").toString() : "HTTP " + response.statusCode();
                throw new dev.portscope.source.SourceUnavailableException("Prometheus refused the query: " + error, null);
            }
            List<Map<String, String>> rows = new ArrayList<>();
            if (top.get("data") instanceof Map<?, ?> data && data.get("result") instanceof List<?> result) {
                for (Object series : result) {
                    if (series instanceof Map<?, ?> s && s.get("metric") instanceof Map<?, ?> metric) {
                        Map<String, String> labels = new java.util.TreeMap<>();
                        metric.forEach((k, v) -> labels.put(k.toString(), v == null ? "" : v.toString()));
                        rows.add(labels);
                    }
                }
            }
            return rows;
        }
    }
}
