package dev.portscope.cli;

import dev.portscope.cli.render.Json;
import dev.portscope.cli.render.JsonReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
        subcommands = {FleetCommand.Who.class, FleetCommand.Listeners.class, FleetCommand.Top.class})
final class FleetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "fleet needs a question: portscope fleet who PORT, fleet listeners or fleet top, with --prometheus URL");
    }

    /** What every fleet question takes: where Prometheus is, and JSON. */
    static final class Asking {
        @Option(names = "--prometheus", paramLabel = "URL", required = true, description = "Prometheus's base URL, e.g. http://localhost:9090.")
        String prometheus;
        @Option(names = "--json", description = "One JSON array of objects instead of the table.")
        boolean json;

        URI base() {
            try {
                URI base = URI.create(prometheus.endsWith("/") ? prometheus : prometheus + "/");
                if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
                    throw new IllegalArgumentException("not http(s)");
                }
                return base;
            } catch (IllegalArgumentException e) {
                throw new UsageException("--prometheus " + prometheus + ": give Prometheus's http(s) URL, e.g. http://localhost:9090");
            }
        }
    }

    /** One series of an instant vector: its labels and its value. */
    record Series(Map<String, String> labels, double value) {
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
        @Mixin
        Asking asking = new Asking();

        @Override
        public Integer call() {
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
            String query = "portscope_listener_info{port=\"" + number + "\"" + (parts.length == 2 ? ",protocol=\"" + parts[1] + "\"" : "") + "}";
            return listenerTable(spec, asking, query, "no host listens on port " + port);
        }
    }

    /** {@code fleet listeners}: every listener of every host, or those of one process. */
    @Command(name = "listeners", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Every listener on every host Prometheus scrapes (portscope_listener_info), or those of one process."},
            footer = {"", "Example:", "  portscope fleet listeners --process postgres --prometheus http://prometheus:9090"})
    static final class Listeners implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--process", paramLabel = "NAME", description = "Only the listeners of processes with this command name.")
        String process;
        @Mixin
        Asking asking = new Asking();

        @Override
        public Integer call() {
            if (process != null && !process.matches("[\\w.@:+-]+")) {
                throw new UsageException("--process " + process + ": give a command name, e.g. --process nginx");
            }
            String query = "portscope_listener_info" + (process == null ? "" : "{process=\"" + process + "\"}");
            return listenerTable(spec, asking, query, "no listener" + (process == null ? "" : " of " + process) + " on any host");
        }
    }

    /** {@code fleet top}: the busiest listening ports, hosts or remote ports of the fleet. */
    @Command(name = "top", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The fleet's busiest: listening ports by inbound connections (--by port), hosts by established "
                    + "connections (--by host), or remote ports by outbound connections (--by remote-port)."},
            footer = {"", "Example:", "  portscope fleet top --by remote-port --prometheus http://prometheus:9090"})
    static final class Top implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--by", paramLabel = "KEY", description = "port (default), host or remote-port.")
        String by = "port";
        @Option(names = "--limit", paramLabel = "N", description = "At most N rows (default 20).")
        int limit = 20;
        @Mixin
        Asking asking = new Asking();

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new UsageException("--limit " + limit + ": give 1 or more");
            }
            String label;
            String query = switch (by) {
                case "port" -> {
                    label = "port";
                    yield "sum by (port) (portscope_inbound_connections)";
                }
                case "host" -> {
                    label = "instance";
                    yield "sum by (instance) (portscope_sockets{state=\"ESTABLISHED\"})";
                }
                case "remote-port" -> {
                    label = "remote_port";
                    yield "sum by (remote_port) (portscope_outbound_connections)";
                }
                default -> throw new UsageException("--by " + by + ": give port, host or remote-port");
            };
            List<Series> rows = new ArrayList<>(ask(asking.base(), "topk(" + limit + ", " + query + ")"));
            rows.sort(Comparator.comparingDouble((Series r) -> -r.value()).thenComparing(r -> r.labels().getOrDefault(label, "")));
            PrintWriter out = spec.commandLine().getOut();
            String key = by.equals("host") ? "host" : by.equals("port") ? "port" : "remotePort";
            if (asking.json) {
                Json.writeArray(out, rows.iterator(), (j, r) -> {
                    j.beginObject().name("count").value((long) r.value()).name(key);
                    String v = r.labels().getOrDefault(label, "");
                    if (!key.equals("host") && v.chars().allMatch(Character::isDigit) && !v.isEmpty()) {
                        j.value(Long.parseLong(v));
                    } else {
                        j.value(v);
                    }
                    j.endObject();
                });
            } else {
                out.printf(Locale.ROOT, "%8s  %s%n", "Count", by.equals("host") ? "Host" : by.equals("port") ? "Port" : "Remote port");
                rows.forEach(r -> out.printf(Locale.ROOT, "%8d  %s%n", (long) r.value(), r.labels().getOrDefault(label, "")));
            }
            out.flush();
            return Failures.OK;
        }
    }

    /** The listeners a query selects, as a table (or JSON); exit 1 with {@code none} when there are none. */
    static int listenerTable(CommandSpec spec, Asking asking, String query, String none) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, String>> rows = new ArrayList<>(ask(asking.base(), query).stream().map(Series::labels).toList());
        rows.sort(Comparator.comparing((Map<String, String> m) -> m.getOrDefault("instance", ""))
                .thenComparing(m -> m.getOrDefault("protocol", "")).thenComparing(m -> m.getOrDefault("address", ""))
                .thenComparingInt(m -> Integer.parseInt(m.getOrDefault("port", "0"))));
        if (asking.json) {
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
            err.println("portscope: " + none + " (as Prometheus last scraped them: " + query + ")");
            return Failures.RUNTIME;
        }
        return Failures.OK;
    }

    /** The instant vector's series. */
    static List<Series> ask(URI base, String query) {
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
        List<Series> rows = new ArrayList<>();
        if (top.get("data") instanceof Map<?, ?> data && data.get("result") instanceof List<?> result) {
            for (Object series : result) {
                if (series instanceof Map<?, ?> s && s.get("metric") instanceof Map<?, ?> metric) {
                    Map<String, String> labels = new java.util.TreeMap<>();
                    metric.forEach((k, v) -> labels.put(k.toString(), v == null ? "" : v.toString()));
                    double value = s.get("value") instanceof List<?> v && v.size() == 2 ? Double.parseDouble(v.get(1).toString()) : 0;
                    rows.add(new Series(labels, value));
                }
            }
        }
        return rows;
    }
}
