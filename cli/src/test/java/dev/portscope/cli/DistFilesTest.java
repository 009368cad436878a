package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shipped Prometheus config and alerting rules, as promtool reads them. */
@Live
class DistFilesTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void theScrapeConfigAndItsAlertingRulesPassPromtool() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool (Debian's prometheus; .ci/run installs it)");
        for (String[] check : new String[][] {{"check", "config", "../dist/prometheus.yml"}, {"check", "rules", "../dist/alerts.yml"}}) {
            Process p = new ProcessBuilder(PROMTOOL.toString(), check[0], check[1], check[2]).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), String.join(" ", check) + ": " + out);
        }
    }
}
