package dev.portscope.cli.render;

import dev.portscope.lookup.StateCount;
import dev.portscope.model.CounterGroup;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -s}: what ss -s and netstat -s print, together. Socket counts per protocol, family and
 * state come from the socket source (so -t, -u, -4, -6 and a filter apply); the kernel's own
 * summaries and counters come verbatim from /proc/net (sockstat, sockstat6, snmp, netstat, snmp6),
 * shown with readable names in the table and the kernel's names in JSON and CSV.
 */
public final class Statistics {
    /** One printable number: its section, group and name, and the value. */
    public record Row(String section, String group, String name, long value) {
    }

    private final List<Row> rows = new ArrayList<>();

    private Statistics() {
    }

    /** The rows of these counts (in their order) and counter groups. */
    public static Statistics of(List<StateCount> counts, List<CounterGroup> counters) {
        Statistics s = new Statistics();
        long total = counts.stream().mapToLong(StateCount::count).sum();
        s.rows.add(new Row("sockets", "total", "total", total));
        for (StateCount c : counts) {
            s.rows.add(new Row("sockets", c.protocol().label() + "/" + c.family().label(), c.state().netstatName(), c.count()));
        }
        for (CounterGroup g : counters) {
            g.counters().forEach((name, value) -> s.rows.add(new Row(g.file(), g.name(), name, value)));
        }
        return s;
    }

    public List<Row> rows() {
        return rows;
    }

    public static Columns<Row> columns() {
        return new Columns<Row>()
                .add("section", "sockets, or the /proc/net file: sockstat, sockstat6, snmp, netstat, snmp6", true, Row::section)
                .add("group", "protocol/family for sockets, else the kernel's group (Tcp, TcpExt, Ip6, TCP ...)", true, Row::group)
                .add("name", "state for sockets, else the kernel's counter name", true, Row::name)
                .add("value", "the count", true, r -> Long.toString(r.value()));
    }

    /** {"sockets": {"total", "byState": [{"protocol","family","state","count"}]}, FILE: {GROUP: {NAME: value}}}. */
    public void json(PrintWriter out) {
        Json json = new Json(out).beginObject();
        json.name("sockets").beginObject().name("total").value(rows.getFirst().value()).name("byState").beginArray();
        for (Row r : rows) {
            if (r.section().equals("sockets") && !r.group().equals("total")) {
                String[] pf = r.group().split("/");
                json.beginObject().name("protocol").value(pf[0]).name("family").value(pf[1]).name("state").value(r.name())
                        .name("count").value(r.value()).endObject();
            }
        }
        json.endArray().endObject();
        String file = null;
        String group = null;
        for (Row r : rows) {
            if (r.section().equals("sockets")) {
                continue;
            }
            if (!r.section().equals(file)) {
                if (file != null) {
                    json.endObject().endObject();
                }
                file = r.section();
                group = null;
                json.name(file).beginObject();
            }
            if (!r.group().equals(group)) {
                if (group != null) {
                    json.endObject();
                }
                group = r.group();
                json.name(group).beginObject();
            }
            json.name(r.name()).value(r.value());
        }
        if (file != null) {
            json.endObject().endObject();
        }
        json.endObject();
        out.println();
    }

    /** ss -s's summary, then the sockstat lines, then netstat -s's counters with readable names. */
    public void table(PrintWriter out) {
        out.println("Sockets: " + rows.getFirst().value() + " (counted from the socket source; -t -u -4 -6 and filters apply)");
        out.printf("  %-5s %-5s %-12s %s%n", "Proto", "Fam", "State", "Count");
        for (Row r : rows) {
            if (r.section().equals("sockets") && !r.group().equals("total")) {
                String[] pf = r.group().split("/");
                out.printf("  %-5s %-5s %-12s %d%n", pf[0], pf[1].replace("ip", ""), r.name(), r.value());
            }
        }
        String section = "";
        String group = "";
        StringBuilder line = new StringBuilder();
        for (Row r : rows) {
            if (r.section().equals("sockets")) {
                continue;
            }
            boolean sockstat = r.section().startsWith("sockstat");
            if (!r.section().equals(section) || !r.group().equals(group)) {
                flush(out, line);
                if (!r.section().equals(section)) {
                    out.println();
                    out.println("/proc/net/" + r.section() + ":");
                }
                section = r.section();
                group = r.group();
                if (sockstat) {
                    line.append("  ").append(group).append(':');
                } else {
                    out.println("  " + group + ":");
                }
            }
            if (sockstat) {
                line.append(' ').append(r.name()).append(' ').append(r.value());
            } else {
                out.println("    " + r.value() + " " + CounterNames.readable(r.group(), r.name()));
            }
        }
        flush(out, line);
    }

    private static void flush(PrintWriter out, StringBuilder line) {
        if (!line.isEmpty()) {
            out.println(line);
            line.setLength(0);
        }
    }
}
