package dev.portscope.serve;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The text format and OpenMetrics, as each names families and escapes labels. */
class ExpositionTest {
    private static Exposition sample() {
        Exposition out = new Exposition();
        out.family("portscope_listener", "A listener.", Exposition.Type.INFO)
                .add(new Exposition.Sample(Exposition.labels("process", "we\"ird\\na\nme", "port", "22"), 1));
        out.family("portscope_tcp_listen_drops", "Drops.", Exposition.Type.COUNTER).add(new Exposition.Sample(Map.of(), 7));
        out.family("portscope_scrape_duration_seconds", "Took.", Exposition.Type.GAUGE).add(new Exposition.Sample(Map.of(), 0.25));
        return out;
    }

    @Test
    void theTextFormatNamesFamiliesAsTheirSamples() {
        assertEquals(String.join("\n",
                "# HELP portscope_listener_info A listener.",
                "# TYPE portscope_listener_info gauge",
                "portscope_listener_info{process=\"we\\\"ird\\\\na\\nme\",port=\"22\"} 1",
                "# HELP portscope_tcp_listen_drops_total Drops.",
                "# TYPE portscope_tcp_listen_drops_total counter",
                "portscope_tcp_listen_drops_total 7",
                "# HELP portscope_scrape_duration_seconds Took.",
                "# TYPE portscope_scrape_duration_seconds gauge",
                "portscope_scrape_duration_seconds 0.25", ""), sample().write(false));
    }

    @Test
    void openMetricsNamesFamiliesWithoutSuffixesAndEnds() {
        List<String> lines = sample().write(true).lines().toList();
        assertEquals("# TYPE portscope_listener info", lines.get(1));
        assertEquals("# TYPE portscope_tcp_listen_drops counter", lines.get(4));
        assertEquals("portscope_tcp_listen_drops_total 7", lines.get(5));
        assertEquals("# EOF", lines.getLast());
    }

    @Test
    void settingsRefuseWhatPrometheusWouldNotScrape() {
        java.net.InetSocketAddress any = new java.net.InetSocketAddress(0);
        assertThrows(IllegalArgumentException.class, () -> new Exporter.Settings(any, "metrics", 20));
        assertThrows(IllegalArgumentException.class, () -> new Exporter.Settings(any, "/-/ready", 20));
        assertThrows(IllegalArgumentException.class, () -> new Exporter.Settings(any, "/metrics", -1));
    }
}
