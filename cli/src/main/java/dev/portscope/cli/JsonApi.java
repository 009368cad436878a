package dev.portscope.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.portscope.Portscope;
import dev.portscope.Watch;
import dev.portscope.cli.render.EventJson;
import dev.portscope.cli.render.Json;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEvent;
import dev.portscope.serve.Exporter;
import dev.portscope.source.Query;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * {@code portscope serve}'s read-only JSON API: the views' {@code --json} answers over HTTP, each
 * request run as the CLI runs it (one grammar, one schema), from query parameters that can only
 * name what a view reads: {@code /api/v1/sockets}, {@code /who}, {@code /port}, {@code /top}, and
 * {@code /events} (Server-Sent Events of {@code watch}); and at {@code /} the dashboard that asks them. Bad parameters are a 400 with
 * {@code {"error": "..."}}; nothing here changes the host.
 */
final class JsonApi {
    private static final String JSON = "application/json; charset=utf-8";
    /** Event streams at once: each holds a destroy-event subscription and dumps every second. */
    private static final int STREAMS = 4;

    private final Environment environment;
    private final NamespaceOptions netns;
    private final Portscope portscope;
    private final Semaphore streams = new Semaphore(STREAMS);

    JsonApi(Environment environment, NamespaceOptions netns, Portscope portscope) {
        this.environment = environment;
        this.netns = netns;
        this.portscope = portscope;
    }

    /** The routes, by path. */
    Map<String, HttpHandler> routes() {
        Map<String, HttpHandler> routes = new LinkedHashMap<>();
        routes.put("/", this::dashboard);
        routes.put("/api/v1/sockets", e -> view(e, this::sockets));
        routes.put("/api/v1/who", e -> view(e, q -> withNamespaces(words("who", q.required("port"), "--json"))));
        routes.put("/api/v1/port", e -> view(e, q -> words("port", q.required("port"), "--json")));
        routes.put("/api/v1/top", e -> view(e, this::top));
        routes.put("/api/v1/events", this::events);
        return routes;
    }

    /** The query string's parameters; each value is checked before it becomes a word of the command line. */
    private record Params(Map<String, List<String>> values) {
        static Params of(HttpExchange exchange) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null && !raw.isEmpty()) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                }
            }
            return new Params(values);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }

        Optional<String> one(String name) {
            List<String> v = all(name);
            if (v.size() > 1) {
                throw new UsageException("give " + name + " once");
            }
            return v.stream().findFirst();
        }

        List<String> required(String name) {
            List<String> v = all(name);
            if (v.isEmpty()) {
                throw new UsageException("the parameter " + name + " is required, e.g. ?" + name + "=8080");
            }
            return v;
        }

        void only(Set<String> known) {
            for (String key : values.keySet()) {
                if (!known.contains(key)) {
                    throw new UsageException("unknown parameter '" + key + "' (this endpoint takes " + String.join(", ", known) + ")");
                }
            }
        }
    }

    private interface Command {
        List<String> args(Params q);
    }

    /** {@code ?state=listening|connected|all&protocol=tcp&family=ipv4&processes=true&cgroup=true&filter=dport = :443}. */
    private List<String> sockets(Params q) {
        q.only(Set.of("state", "protocol", "family", "processes", "cgroup", "filter"));
        List<String> args = new ArrayList<>(List.of("--json"));
        switch (q.one("state").orElse("connected")) {
            case "listening" -> args.add("-l");
            case "all" -> args.add("-a");
            case "connected" -> { }
            default -> throw new UsageException("state: give listening, connected or all");
        }
        for (String p : q.all("protocol")) {
            args.add(switch (p) {
                case "tcp" -> "-t";
                case "udp" -> "-u";
                case "raw" -> "-w";
                case "mptcp" -> "-M";
                case "unix" -> "-x";
                case "packet" -> "-0";
                case "netlink" -> "--netlink";
                default -> throw new UsageException("protocol: give tcp, udp, raw, mptcp, unix, packet or netlink");
            });
        }
        q.one("family").ifPresent(f -> args.add(switch (f) {
            case "ipv4" -> "-4";
            case "ipv6" -> "-6";
            default -> throw new UsageException("family: give ipv4 or ipv6");
        }));
        if (q.one("processes").map(Boolean::parseBoolean).orElse(false)) {
            args.add("-p");
        }
        if (q.one("cgroup").map(Boolean::parseBoolean).orElse(false)) {
            args.add("--cgroup");
        }
        args.addAll(filter(q));
        return withNamespaces(args);
    }

    /** {@code ?by=remote-host&limit=20&filter=...}; {@code rate=true&interval=1s}: TCP throughput measured over the interval (at most 5 s). */
    private List<String> top(Params q) {
        q.only(Set.of("by", "limit", "filter", "rate", "interval"));
        List<String> args = new ArrayList<>(List.of("top", "--json"));
        if (q.one("rate").map(Boolean::parseBoolean).orElse(false)) {
            String interval = q.one("interval").orElse("1s");
            java.time.Duration d = WatchCommand.Durations.parse(interval)
                    .filter(i -> i.compareTo(java.time.Duration.ofSeconds(5)) <= 0 && i.compareTo(java.time.Duration.ofMillis(100)) >= 0)
                    .orElseThrow(() -> new UsageException("interval: give 100ms to 5s"));
            args.addAll(List.of("--rate", "--interval", d.toMillis() + "ms"));
        } else if (q.one("interval").isPresent()) {
            throw new UsageException("interval goes with rate=true");
        }
        q.one("by").ifPresent(by -> args.addAll(List.of("--by", word(by))));
        q.one("limit").ifPresent(limit -> args.addAll(List.of("--limit", word(limit))));
        args.addAll(filter(q));
        return withNamespaces(args);
    }

    private static List<String> filter(Params q) {
        return q.one("filter").map(f -> List.of(f.strip().split("\\s+"))).filter(w -> !w.getFirst().isEmpty()).orElse(List.of()).stream()
                .map(JsonApi::word).toList();
    }

    /** A value becomes one word of the command line only when it cannot be taken for an option. */
    private static String word(String value) {
        if (value.startsWith("-")) {
            throw new UsageException("'" + value + "' cannot start with '-'");
        }
        return value;
    }

    private static List<String> words(String view, List<String> operands, String... options) {
        List<String> args = new ArrayList<>(List.of(view));
        operands.forEach(o -> args.add(word(o)));
        args.addAll(List.of(options));
        return args;
    }

    /** serve's -N and --all-netns, for the views that read namespaces. */
    private List<String> withNamespaces(List<String> args) {
        List<String> all = new ArrayList<>(args);
        netns.named.forEach(n -> all.addAll(List.of("-N", n)));
        if (netns.all) {
            all.add("--all-netns");
        }
        return all;
    }

    /** Runs the view as the CLI would and answers with its JSON: 200, 400 for bad input, 500 when the read failed. */
    private void view(HttpExchange exchange, Command command) throws IOException {
        List<String> args;
        try {
            Params q = Params.of(exchange);
            args = command.args(q);
        } catch (UsageException e) {
            Exporter.respond(exchange, 400, JSON, error(e.getMessage()));
            return;
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(environment, new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        String message = err.toString().lines().findFirst().orElse("").replaceFirst("^portscope: ", "");
        if (code == Failures.OK || code == Failures.RUNTIME && !out.toString().isBlank()) {
            Exporter.respond(exchange, 200, JSON, out.toString()); // who --json: [] with exit 1 when nothing uses the port
        } else {
            Exporter.respond(exchange, code == Failures.USAGE ? 400 : 500, JSON, error(message));
        }
    }

    private static String error(String message) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        new Json(out).beginObject().name("error").value(message.replaceFirst(" \\(see 'portscope.*--help'\\)$", "")).endObject();
        out.println();
        out.flush();
        return text.toString();
    }

    /** The dashboard: one page of HTML, CSS and script bundled in the jar, asking the API above. */
    private void dashboard(HttpExchange exchange) throws IOException {
        try (java.io.InputStream page = JsonApi.class.getResourceAsStream("web/dashboard.html")) {
            if (page == null) {
                Exporter.respond(exchange, 404, "text/plain; charset=utf-8", "the dashboard is not in this build\n");
                return;
            }
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline' 'self'; "
                    + "style-src 'unsafe-inline' 'self'");
            Exporter.respond(exchange, 200, "text/html; charset=utf-8", new String(page.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** {@code ?filter=...}: watch's events as Server-Sent Events, one JSON object per {@code data:} line, until the client goes. */
    private void events(HttpExchange exchange) throws IOException {
        Query query;
        try {
            Params q = Params.of(exchange);
            q.only(Set.of("filter"));
            if (netns.any()) {
                throw new UsageException("events are of serve's own network namespace; this serve reads others (-N, --all-netns)");
            }
            Query all = new Query(EnumSet.of(Protocol.TCP, Protocol.UDP), EnumSet.allOf(Family.class), Query.ALL_STATES);
            List<String> words = filter(q);
            query = words.isEmpty() ? all : all.withFilter(portscope.parseFilter(String.join(" ", words), all.protocols()));
        } catch (UsageException | IllegalArgumentException e) {
            Exporter.respond(exchange, 400, JSON, error(e.getMessage()));
            return;
        }
        if (!streams.tryAcquire()) {
            Exporter.respond(exchange, 503, JSON, error("already " + STREAMS + " event streams; try again later"));
            return;
        }
        try (Watch watch = portscope.watch(query, Duration.ofSeconds(1))) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            long quiet = System.nanoTime();
            while (true) {
                Optional<SocketEvent> event = watch.next(Duration.ofMillis(500));
                String chunk;
                if (event.isPresent()) {
                    StringWriter json = new StringWriter();
                    EventJson.write(new PrintWriter(json, true), event.get());
                    chunk = "data: " + json.toString().strip() + "\n\n";
                    quiet = System.nanoTime();
                } else if (System.nanoTime() - quiet > 15_000_000_000L) {
                    chunk = ": still here\n\n"; // a comment: proxies and clients keep the stream open
                    quiet = System.nanoTime();
                } else {
                    continue;
                }
                body.write(chunk.getBytes(StandardCharsets.UTF_8));
                body.flush(); // IOException when the client went: the stream ends
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            streams.release();
        }
    }
}
