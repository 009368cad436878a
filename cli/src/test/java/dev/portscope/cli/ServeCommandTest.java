package dev.portscope.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** serve's options: loopback unless told otherwise, and bad input refused with one line before anything is served. */
class ServeCommandTest {
    @Test
    void itBindsLoopbackUnlessToldOtherwise() {
        assertTrue(ServeCommand.address(new ServeCommand(Environment.live()).listenAddress).getAddress().isLoopbackAddress());
        assertTrue(ServeCommand.address(":10811").getAddress().isAnyLocalAddress(), ":PORT is every address, as Prometheus's exporters take it");
        assertEquals(9, ServeCommand.address("[::1]:9").getPort());
    }

    @Test
    void badInputIsOneLineAndExit2() {
        for (String[] args : new String[][] {{"serve", "--web.listen-address", "localhost:http"}, {"serve", "--web.listen-address", ":70000"},
                {"serve", "--web.telemetry-path", "metrics"}, {"serve", "--web.config.file", "/nonexistent/web.yml"},
                {"serve", "--outbound-ports", "-1"}}) {
            Cli run = Cli.live(args);
            assertEquals(2, run.code(), String.join(" ", args) + ": " + run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertEquals("", run.out());
        }
    }
}
