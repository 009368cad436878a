package dev.portscope.cli;

import dev.portscope.Portscope;
import dev.portscope.serve.Exporter;
import dev.portscope.serve.WebConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/** {@code portscope serve}: a Prometheus exporter of this host's sockets. */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"A Prometheus exporter of this host's sockets, with a JSON API and a dashboard.",
                "Serves every listener with its process, unit, container and "
                + "namespace; connections per listening port and state; outbound connections per remote port (capped); socket "
                + "totals; accept queues; the kernel's TCP counters. Series grow with listeners, never with peers. Also "
                + "/-/healthy and /-/ready. Runs until stopped (Ctrl-C, SIGTERM)."},
        footer = {"", "Examples:", "  portscope serve", "  portscope serve --web.listen-address :9816 --all-netns",
                "", "Metric names and labels: README.md, \"portscope serve\"."})
final class ServeCommand extends ViewCommand {
    /** Not one of the ports the Prometheus exporters' list had given out in 9100-9999 by 2023 (that range is full). */
    static final int DEFAULT_PORT = 10811;

    @Option(names = "--web.listen-address", paramLabel = "[HOST]:PORT",
            description = "Where to serve (default 127.0.0.1:" + DEFAULT_PORT + ", loopback only; :PORT for every address).")
    String listenAddress = "127.0.0.1:" + DEFAULT_PORT;
    @Option(names = "--web.telemetry-path", paramLabel = "PATH", description = "Where the metrics are (default /metrics).")
    String telemetryPath = "/metrics";
    @Option(names = "--web.config.file", paramLabel = "FILE", description = "TLS and basic auth, in the exporter-toolkit's "
            + "format: tls_server_config (cert_file, key_file) and basic_auth_users (name: bcrypt hash).")
    java.nio.file.Path webConfig;
    @Option(names = "--outbound-ports", paramLabel = "N",
            description = "Remote ports with series of their own, by connection count (default 20); the rest count as \"other\".")
    int outboundPorts = 20;

    ServeCommand(Environment environment) {
        super(environment);
    }

    @Override
    int view(PrintWriter out, PrintWriter err) {
        InetSocketAddress address = address(listenAddress);
        if (source.procRoot != null) {
            throw new UsageException("serve reads the live host; --proc-root does not apply to 'portscope serve'");
        }
        WebConfig web;
        try {
            web = webConfig == null ? WebConfig.NONE : WebConfig.read(webConfig);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("--web.config.file " + webConfig + ": cannot read it (" + e.getMessage() + ")");
        }
        try (Portscope portscope = source.open(environment, netns)) {
            Exporter.Settings settings;
            try {
                settings = new Exporter.Settings(address, telemetryPath, outboundPorts, web, new JsonApi(environment, netns, portscope).routes(),
                        true);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            Exporter exporter;
            try {
                exporter = Exporter.start(portscope, settings, note -> err.println("portscope: " + note));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage()); // the TLS files hold no certificate or key
            } catch (IOException e) {
                throw new UsageException("--web.listen-address " + listenAddress + ": cannot listen there (" + e.getMessage()
                        + "); is another exporter on that port? Give another with --web.listen-address");
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                exporter.close();
                stopped.countDown();
            }));
            err.println("portscope: serving metrics at http" + (settings.web().tls().isPresent() ? "s" : "") + "://"
                    + hostPort(exporter.address()) + telemetryPath + (settings.web().users().isEmpty() ? "" : " (basic auth)"));
            err.flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exporter.close();
            }
        }
        return Failures.OK;
    }

    /** {@code HOST:PORT}, {@code [V6]:PORT} or {@code :PORT} (every address). */
    static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        String port = colon < 0 ? text : text.substring(colon + 1);
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0 || number > 65535) {
            throw new UsageException("--web.listen-address " + text + ": give [HOST]:PORT, e.g. 127.0.0.1:" + DEFAULT_PORT + " or :" + DEFAULT_PORT);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.isEmpty() ? new InetSocketAddress(number) : new InetSocketAddress(host, number);
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
