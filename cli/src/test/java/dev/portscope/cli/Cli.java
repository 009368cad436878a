package dev.portscope.cli;

import dev.portscope.testing.Fixtures;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** What one in-process run of portscope printed and returned. */
record Cli(int code, String out, String err) {

    /** Runs against the live machine. */
    static Cli live(String... args) {
        return run(Environment.live(), args);
    }

    /** Runs against the captured socket mix and the captured /etc/services. */
    static Cli fixture(String... args) {
        return run(Environment.of(Fixtures.path("mix"), Fixtures.path("etc-services")), args);
    }

    /** Runs against the captured socket mix with this resolver for host names. */
    static Cli fixture(dev.portscope.lookup.Resolver resolver, String... args) {
        return run(Environment.of(Fixtures.path("mix"), Fixtures.path("etc-services")).withResolver(resolver), args);
    }

    /** Runs against the captured socket mix, with {@code userServices} naming some of its ports. */
    static Cli fixtureWithUserServices(java.nio.file.Path userServices, String... args) {
        Environment fixture = Environment.of(Fixtures.path("mix"), Fixtures.path("etc-services"));
        return run(fixture.withRegistry(() -> dev.portscope.registry.PortRegistry.load(
                Fixtures.path("etc-services"), java.util.Optional.of(userServices))), args);
    }

    static Cli run(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(environment, new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** The table rows: output lines after netstat's two header lines. */
    List<String> rows() {
        List<String> lines = out.lines().toList();
        return lines.subList(Math.min(2, lines.size()), lines.size());
    }
}
