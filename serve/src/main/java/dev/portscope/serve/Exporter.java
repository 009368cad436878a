package dev.portscope.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.portscope.Portscope;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code portscope serve}: a Prometheus exporter of socket facts on the JDK's HTTP server, with
 * Prometheus's conventions: the metrics at the telemetry path (text format, or OpenMetrics when
 * the scraper asks for it), {@code /-/healthy}, {@code /-/ready}. Every scrape is one fresh read;
 * scrapes run one at a time. Close it to stop serving.
 */
public final class Exporter implements AutoCloseable {
    /** What it serves where: the address to bind, the metrics' path, and the cap on remote ports with a series of their own. */
    public record Settings(InetSocketAddress address, String telemetryPath, int outboundPorts, WebConfig web,
                           Map<String, HttpHandler> routes, boolean traffic) {
        /** Plain HTTP, open, socket metrics only. */
        public Settings(InetSocketAddress address, String telemetryPath, int outboundPorts) {
            this(address, telemetryPath, outboundPorts, WebConfig.NONE, Map.of(), false);
        }

        /** With TLS and users as {@code web} says, socket metrics only. */
        public Settings(InetSocketAddress address, String telemetryPath, int outboundPorts, WebConfig web) {
            this(address, telemetryPath, outboundPorts, web, Map.of(), false);
        }

        /**
         * Every field; {@code routes}: more read-only pages by exact path (the CLI's JSON API), behind
         * the same TLS and users; {@code traffic}: the TCP connections' bytes from scrape to scrape
         * ({@link Throughput}, in every namespace read), and closes counted from the kernel's destroy
         * events (when the facade reads one namespace: a watch follows one; else a note says they are off).
         */
        public Settings {
            routes = Map.copyOf(routes);
            if (!telemetryPath.startsWith("/") || telemetryPath.equals("/") || telemetryPath.startsWith("/-/")) {
                throw new IllegalArgumentException("--web.telemetry-path " + telemetryPath + ": give a path such as /metrics");
            }
            if (outboundPorts < 0) {
                throw new IllegalArgumentException("--outbound-ports " + outboundPorts + ": give 0 or more");
            }
        }
    }

    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /** At most this many commands have byte counters of their own ({@link Throughput}); the rest count as "other". */
    static final int PROCESS_SERIES = 50;
    private final Portscope portscope;
    private final Settings settings;
    private final HttpServer server;
    // a thread per request: an event stream holds its request for as long as the client listens
    private final Optional<ClosedConnections> closed;
    private final Optional<Throughput> throughput;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("portscope-http-", 0).factory());
    private long scrapes;
    private long errors;

    private Exporter(Portscope portscope, Settings settings, Consumer<String> notes) throws IOException {
        this.portscope = portscope;
        this.settings = settings;
        this.closed = settings.traffic() ? ClosedConnections.start(portscope, settings.outboundPorts(), notes) : Optional.empty();
        this.throughput = settings.traffic() ? Optional.of(new Throughput(PROCESS_SERIES)) : Optional.empty();
        if (settings.web().tls().isPresent()) {
            HttpsServer https = HttpsServer.create(settings.address(), 64);
            https.setHttpsConfigurator(new HttpsConfigurator(settings.web().sslContext()));
            this.server = https;
        } else {
            this.server = HttpServer.create(settings.address(), 64);
        }
        server.setExecutor(threads);
        HttpContext context = server.createContext("/", this::handle);
        if (!settings.web().users().isEmpty()) {
            context.setAuthenticator(settings.web().authenticator());
        }
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException when the address cannot be bound (in use, not this host's), or the TLS files cannot be read
     * @throws IllegalArgumentException when the TLS files hold no certificate or key
     */
    public static Exporter start(Portscope portscope, Settings settings) throws IOException {
        return start(portscope, settings, note -> { });
    }

    /** The same, saying to {@code notes} what it could not serve (closed-connection metrics without events). */
    public static Exporter start(Portscope portscope, Settings settings, Consumer<String> notes) throws IOException {
        Exporter exporter = new Exporter(portscope, settings, notes);
        exporter.server.start();
        return exporter;
    }

    /** Where it listens (the port chosen, when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                respond(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD: this exporter changes nothing\n");
                return;
            }
            HttpHandler route = settings.routes().get(path);
            if (route != null) {
                route.handle(exchange);
            } else if (path.equals(settings.telemetryPath())) {
                String accept = exchange.getRequestHeaders().getOrDefault("Accept", java.util.List.of()).toString();
                boolean openMetrics = accept.contains("application/openmetrics-text");
                respond(exchange, 200, openMetrics ? OPEN_METRICS : TEXT, scrape(openMetrics));
            } else if (path.equals("/-/healthy")) {
                respond(exchange, 200, "text/plain; charset=utf-8", "Healthy.\n");
            } else if (path.equals("/-/ready")) {
                respond(exchange, 200, "text/plain; charset=utf-8", "Ready.\n");
            } else if (path.equals("/")) {
                respond(exchange, 200, "text/html; charset=utf-8", "<!doctype html><title>portscope</title><h1>portscope</h1>"
                        + "<p><a href=\"" + settings.telemetryPath() + "\">Metrics</a></p>\n");
            } else {
                respond(exchange, 404, "text/plain; charset=utf-8", "no such page: " + path + "\n");
            }
        } catch (RuntimeException e) {
            // never a stack trace to the client: one line, and the scrape counts it
            respond(exchange, 500, "text/plain; charset=utf-8", "portscope: " + e.getMessage() + "\n");
        }
    }

    /** One scrape, one at a time: its families, then how it went. */
    private synchronized String scrape(boolean openMetrics) {
        long start = System.nanoTime();
        Exposition out = new Exposition();
        boolean ok = true;
        try {
            SocketMetrics.collect(portscope, settings.outboundPorts(), out, throughput);
            throughput.ifPresent(t -> t.collect(out));
            SocketMetrics.collectCounters(portscope, out);
            closed.ifPresent(c -> c.collect(out));
        } catch (RuntimeException e) {
            ok = false;
            errors++;
        }
        scrapes++;
        out.family("portscope_scrape_duration_seconds", "How long this scrape's socket read took.", Exposition.Type.GAUGE)
                .add(new Exposition.Sample(Map.of(), (System.nanoTime() - start) / 1e9));
        out.family("portscope_scrape_success", "Whether this scrape read the sockets (1) or failed (0).", Exposition.Type.GAUGE)
                .add(new Exposition.Sample(Map.of(), ok ? 1 : 0));
        out.family("portscope_scrape_errors", "Scrapes whose socket read failed.", Exposition.Type.COUNTER)
                .add(new Exposition.Sample(Map.of(), errors));
        out.family("portscope_scrapes", "Scrapes served.", Exposition.Type.COUNTER).add(new Exposition.Sample(Map.of(), scrapes));
        return out.write(openMetrics);
    }

    /** Answers with this status, content type and body (none for HEAD); for routes too. */
    public static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        closed.ifPresent(ClosedConnections::close);
        threads.shutdownNow();
    }
}
