package dev.portscope.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metric families written in Prometheus's text format (0.0.4) or in OpenMetrics 1.0, as the
 * scraper's Accept header asks. Written by hand rather than with the Prometheus Java client: the
 * format is a page of rules, the exporter rebuilds every family at each scrape from one socket
 * read (a client library's registry of long-lived metrics would only be in the way), and
 * portscope stays free of runtime dependencies.
 */
final class Exposition {
    enum Type { GAUGE, COUNTER, INFO }

    /** One sample: its labels in order, and its value. */
    record Sample(Map<String, String> labels, double value) {
    }

    /** A family: name (without _total or _info), help, type, samples. */
    record Family(String name, String help, Type type, List<Sample> samples) {
    }

    private final List<Family> families = new ArrayList<>();

    /** Adds a family; its samples may be added to the list afterwards. */
    List<Sample> family(String name, String help, Type type) {
        List<Sample> samples = new ArrayList<>();
        families.add(new Family(name, help, type, samples));
        return samples;
    }

    /** Labels as pairs: {@code labels("protocol", "tcp", "port", "22")}. */
    static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    /** The families, in Prometheus's text format or, with {@code openMetrics}, in OpenMetrics (ending in # EOF). */
    String write(boolean openMetrics) {
        StringBuilder out = new StringBuilder(4096);
        for (Family f : families) {
            String sampleName = switch (f.type()) {
                case COUNTER -> f.name() + "_total";
                case INFO -> f.name() + "_info";
                case GAUGE -> f.name();
            };
            // OpenMetrics names the family without the suffix; the text format names it as its samples
            String familyName = openMetrics ? f.name() : sampleName;
            String type = switch (f.type()) {
                case COUNTER -> "counter";
                case INFO -> openMetrics ? "info" : "gauge";
                case GAUGE -> "gauge";
            };
            out.append("# HELP ").append(familyName).append(' ').append(escapeHelp(f.help())).append('\n');
            out.append("# TYPE ").append(familyName).append(' ').append(type).append('\n');
            for (Sample s : f.samples()) {
                out.append(sampleName);
                if (!s.labels().isEmpty()) {
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<String, String> l : s.labels().entrySet()) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        out.append(l.getKey()).append("=\"").append(escapeLabel(l.getValue())).append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(number(s.value())).append('\n');
            }
        }
        if (openMetrics) {
            out.append("# EOF\n");
        }
        return out.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String escapeLabel(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
