package dev.portscope.cli.render;

import dev.portscope.lookup.StateCount;
import dev.portscope.model.CounterGroup;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code -s}: ss -s's summary from /proc/net/sockstat(6) (no socket dump), per-state counts from
 * the socket source when asked for (-t -u -4 -6 -l -a -B or a filter), and with --counters the
 * kernel's counters (snmp, netstat, snmp6; non-zero ones unless -a), readable names in the table
 * and the kernel's names in JSON and CSV.
 */
public final class Statistics {
    /** One printable number: its section, group and name, and the value. */
    public record Row(String section, String group, String name, long value) {
    }

    private static final List<String> COUNTER_FILES = List.of("snmp", "netstat", "snmp6");
    private static final List<String> TRANSPORTS = List.of("raw", "udp", "tcp", "inet", "frag");

    private final List<Row> rows = new ArrayList<>();
    private final boolean counted;
    private final boolean summarized;

    private Statistics(boolean counted, boolean summarized) {
        this.counted = counted;
        this.summarized = summarized;
    }

    /**
     * @param counts   per-state counts, when sockets were counted
     * @param groups   the kernel's counter groups (sockstat, sockstat6, snmp, netstat, snmp6)
     * @param counters whether the snmp/netstat/snmp6 counters are shown
     * @param zeros    whether counters that are 0 are shown too
     * @param summary  whether ss -s's summary heads it (not across namespaces: sockstat is one namespace's)
     */
    public static Statistics of(Optional<List<StateCount>> counts, List<CounterGroup> groups, boolean counters, boolean zeros,
                                boolean summary) {
        Statistics s = new Statistics(counts.isPresent(), summary);
        if (summary) {
            s.summary(groups);
        }
        counts.ifPresent(list -> {
            s.rows.add(new Row("sockets", "total", "total", list.stream().mapToLong(StateCount::count).sum()));
            for (StateCount c : list) {
                s.rows.add(new Row("sockets", c.protocol().label() + "/" + c.family().label(), c.state().netstatName(), c.count()));
            }
        });
        for (CounterGroup g : groups) {
            boolean counter = COUNTER_FILES.contains(g.file());
            if (!counter || counters) {
                g.counters().forEach((name, value) -> {
                    if (!counter || zeros || value != 0) {
                        s.rows.add(new Row(g.file(), g.name(), name, value));
                    }
                });
            }
        }
        return s;
    }

    /** ss -s's numbers, read as ss reads them (misc/ss.c print_summary). */
    private void summary(List<CounterGroup> groups) {
        long tcp4 = value(groups, "TCP", "inuse");
        long tcp6 = value(groups, "TCP6", "inuse");
        long tw = value(groups, "TCP", "tw");
        long alloc = value(groups, "TCP", "alloc");
        long[][] byFamily = {{value(groups, "RAW", "inuse"), value(groups, "RAW6", "inuse")},
                {value(groups, "UDP", "inuse"), value(groups, "UDP6", "inuse")}, {tcp4, tcp6}, {0, 0},
                {value(groups, "FRAG", "inuse"), value(groups, "FRAG6", "inuse")}};
        byFamily[3] = new long[] {byFamily[0][0] + byFamily[1][0] + tcp4, byFamily[0][1] + byFamily[1][1] + tcp6};
        rows.add(new Row("summary", "total", "total", value(groups, "sockets", "used")));
        rows.add(new Row("summary", "tcp", "total", alloc + tw));
        rows.add(new Row("summary", "tcp", "established", groups.stream().filter(g -> g.file().equals("snmp") && g.name().equals("Tcp"))
                .map(g -> g.counters().getOrDefault("CurrEstab", 0L)).findFirst().orElse(0L)));
        rows.add(new Row("summary", "tcp", "closed", alloc - (tcp4 + tcp6 - tw)));
        rows.add(new Row("summary", "tcp", "orphaned", value(groups, "TCP", "orphan")));
        rows.add(new Row("summary", "tcp", "timeWait", tw));
        for (int i = 0; i < TRANSPORTS.size(); i++) {
            String group = "transports." + TRANSPORTS.get(i);
            rows.add(new Row("summary", group, "total", byFamily[i][0] + byFamily[i][1]));
            rows.add(new Row("summary", group, "ipv4", byFamily[i][0]));
            rows.add(new Row("summary", group, "ipv6", byFamily[i][1]));
        }
    }

    private static long value(List<CounterGroup> groups, String group, String name) {
        return groups.stream().filter(g -> g.file().startsWith("sockstat") && g.name().equals(group))
                .map(g -> g.counters().getOrDefault(name, 0L)).findFirst().orElse(0L);
    }

    public List<Row> rows() {
        return rows;
    }

    public static Columns<Row> columns() {
        return new Columns<Row>()
                .add("section", "summary, sockets, or the /proc/net file: sockstat, sockstat6, snmp, netstat, snmp6", true, Row::section)
                .add("group", "the summary's part, protocol/family for sockets, else the kernel's group (Tcp, TcpExt ...)", true, Row::group)
                .add("name", "state for sockets, else the number's name (the kernel's for its files)", true, Row::name)
                .add("value", "the count", true, r -> Long.toString(r.value()));
    }

    /**
     * {"summary": {"total", "tcp": {...}, "transports": {"raw": {"total", "ipv4", "ipv6"} ...}},
     * "sockets": {"total", "byState": [{"protocol","family","state","count"}]} or null when not
     * counted, then FILE: {GROUP: {NAME: value}} for each file shown.
     */
    public void json(PrintWriter out) {
        Json json = new Json(out).beginObject().name("summary");
        if (!summarized) {
            json.nullValue();
        } else {
            summaryJson(json);
        }
        json.name("sockets");
        if (counted) {
            json.beginObject().name("total").value(get("sockets", "total", "total")).name("byState").beginArray();
            for (Row r : byState()) {
                String[] pf = r.group().split("/");
                json.beginObject().name("protocol").value(pf[0]).name("family").value(pf[1]).name("state").value(r.name())
                        .name("count").value(r.value()).endObject();
            }
            json.endArray().endObject();
        } else {
            json.nullValue();
        }
        Map<String, Map<String, Map<String, Long>>> files = new java.util.LinkedHashMap<>();
        select(Statistics::isFile).forEach(r -> files.computeIfAbsent(r.section(), k -> new java.util.LinkedHashMap<>())
                .computeIfAbsent(r.group(), k -> new java.util.LinkedHashMap<>()).put(r.name(), r.value()));
        files.forEach((file, groups) -> {
            json.name(file).beginObject();
            groups.forEach((group, values) -> {
                json.name(group).beginObject();
                values.forEach((name, value) -> json.name(name).value(value));
                json.endObject();
            });
            json.endObject();
        });
        json.endObject();
        out.println();
    }

    private void summaryJson(Json json) {
        json.beginObject().name("total").value(get("summary", "total", "total"));
        json.name("tcp").beginObject();
        for (String name : List.of("total", "established", "closed", "orphaned", "timeWait")) {
            json.name(name).value(get("summary", "tcp", name));
        }
        json.endObject().name("transports").beginObject();
        for (String t : TRANSPORTS) {
            json.name(t).beginObject().name("total").value(get("summary", "transports." + t, "total"))
                    .name("ipv4").value(get("summary", "transports." + t, "ipv4")).name("ipv6").value(get("summary", "transports." + t, "ipv6"))
                    .endObject();
        }
        json.endObject().endObject();
    }

    /** ss -s's summary in its layout, the per-state counts when counted, the counters with readable names. */
    public void table(PrintWriter out) {
        if (summarized) {
            summaryTable(out);
        }
        socketsTable(out);
    }

    private void summaryTable(PrintWriter out) {
        out.println("Total: " + get("summary", "total", "total") + " sockets in use (every kind)");
        out.printf("TCP:   %d (established %d, closed %d, orphaned %d, time-wait %d)%n", get("summary", "tcp", "total"),
                get("summary", "tcp", "established"), get("summary", "tcp", "closed"), get("summary", "tcp", "orphaned"),
                get("summary", "tcp", "timeWait"));
        out.println();
        out.println("Transport Total     IPv4      IPv6");
        for (String t : TRANSPORTS) {
            String g = "transports." + t;
            out.printf("%-9s %-9d %-9d %d%n", t.toUpperCase(java.util.Locale.ROOT), get("summary", g, "total"), get("summary", g, "ipv4"),
                    get("summary", g, "ipv6"));
        }
    }

    /** The per-state counts when counted, then the counters with readable names. */
    private void socketsTable(PrintWriter out) {
        if (counted) {
            if (summarized) {
                out.println();
            }
            out.println("Sockets: " + get("sockets", "total", "total") + " (counted from the socket source; -t -u -4 -6 -l -a and filters apply)");
            out.printf("  %-5s %-5s %-14s %s%n", "Proto", "Fam", "State", "Count");
            for (Row r : byState()) {
                String[] pf = r.group().split("/");
                out.printf("  %-5s %-5s %-14s %d%n", pf[0], pf[1].replace("ip", ""), r.name(), r.value());
            }
        }
        String section = "";
        String group = "";
        for (Row r : select(r -> COUNTER_FILES.contains(r.section()))) {
            if (!r.section().equals(section)) {
                out.println();
                out.println("/proc/net/" + r.section() + ":");
                section = r.section();
                group = "";
            }
            if (!r.group().equals(group)) {
                out.println("  " + r.group() + ":");
                group = r.group();
            }
            out.println("    " + CounterNames.line(r.group(), r.name(), r.value()));
        }
    }

    /** The per-state counts' rows (not their total). */
    private List<Row> byState() {
        return select(r -> r.section().equals("sockets") && !r.group().equals("total"));
    }

    private List<Row> select(Predicate<Row> which) {
        return rows.stream().filter(which).toList();
    }

    private static boolean isFile(Row r) {
        return !r.section().equals("summary") && !r.section().equals("sockets");
    }

    private long get(String section, String group, String name) {
        return rows.stream().filter(r -> r.section().equals(section) && r.group().equals(group) && r.name().equals(name))
                .mapToLong(Row::value).findFirst().orElse(0);
    }
}
