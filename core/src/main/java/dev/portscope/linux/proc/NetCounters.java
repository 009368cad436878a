package dev.portscope.linux.proc;

import dev.portscope.model.CounterGroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's network counters, as netstat -s and ss -s read them: {@code /proc/net/snmp} and
 * {@code /proc/net/netstat} (a header line of names, then a line of values, per group),
 * {@code /proc/net/snmp6} (one name and value per line), and {@code /proc/net/sockstat} and
 * {@code sockstat6} (a group, then name value pairs). Values stay as the kernel wrote them, in its
 * order; a missing file is an empty table (no IPv6, a container without it).
 */
public final class NetCounters {
    /** The files read, in the order they are shown. */
    public static final List<String> FILES = List.of("sockstat", "sockstat6", "snmp", "netstat", "snmp6");

    private NetCounters() {
    }

    /** Every group of every file present under {@code proc}. */
    public static List<CounterGroup> read(ProcRoot proc) {
        List<CounterGroup> groups = new ArrayList<>();
        for (String file : FILES) {
            List<String> lines;
            try {
                if (!BoundedFiles.readable(proc, proc.netCounters(file))) {
                    continue;
                }
                try (java.io.BufferedReader reader = BoundedFiles.reader(proc.netCounters(file), StandardCharsets.US_ASCII, BoundedFiles.SMALL)) {
                    lines = reader.lines().toList();
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                continue;
            }
            groups.addAll(switch (file) {
                case "snmp", "netstat" -> parseHeaderValues(file, lines);
                case "snmp6" -> parseNameValue(file, lines);
                default -> parsePairs(file, lines);
            });
        }
        return groups;
    }

    /** {@code Tcp: A B C} then {@code Tcp: 1 2 3}: groups in order; a malformed pair is skipped. */
    static List<CounterGroup> parseHeaderValues(String file, List<String> lines) {
        Map<String, Map<String, Long>> groups = new LinkedHashMap<>();
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            String[] names = lines.get(i).trim().split("\\s+");
            String[] values = lines.get(i + 1).trim().split("\\s+");
            if (names.length != values.length || !names[0].equals(values[0]) || !names[0].endsWith(":")) {
                continue;
            }
            Map<String, Long> counters = groups.computeIfAbsent(names[0].substring(0, names[0].length() - 1), g -> new LinkedHashMap<>());
            for (int k = 1; k < names.length; k++) {
                String name = names[k];
                number(values[k]).ifPresent(v -> counters.put(name, v));
            }
        }
        return toCounterGroups(file, groups);
    }

    /** {@code Ip6InReceives 3}: grouped by the name's prefix up to its "6" ({@code Ip6}, {@code Icmp6}, {@code Udp6}, {@code UdpLite6}). */
    static List<CounterGroup> parseNameValue(String file, List<String> lines) {
        Map<String, Map<String, Long>> groups = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) {
                continue;
            }
            int split = f[0].indexOf('6');
            String group = split > 0 ? f[0].substring(0, split + 1) : f[0];
            number(f[1]).ifPresent(v -> groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(f[0].substring(group.length()), v));
        }
        return toCounterGroups(file, groups);
    }

    /** {@code TCP: inuse 1 orphan 0 tw 8}: a group and its name value pairs. */
    static List<CounterGroup> parsePairs(String file, List<String> lines) {
        Map<String, Map<String, Long>> groups = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 3 || !f[0].endsWith(":")) {
                continue;
            }
            Map<String, Long> counters = groups.computeIfAbsent(f[0].substring(0, f[0].length() - 1), g -> new LinkedHashMap<>());
            for (int k = 1; k + 1 < f.length; k += 2) {
                String name = f[k];
                number(f[k + 1]).ifPresent(v -> counters.put(name, v));
            }
        }
        return toCounterGroups(file, groups);
    }

    private static List<CounterGroup> toCounterGroups(String file, Map<String, Map<String, Long>> groups) {
        List<CounterGroup> list = new ArrayList<>();
        groups.forEach((name, counters) -> list.add(new CounterGroup(file, name, counters)));
        return list;
    }

    /** A counter value: the kernel prints unsigned 64-bit and, for a few (Tcp MaxConn), -1. */
    private static java.util.Optional<Long> number(String text) {
        try {
            return java.util.Optional.of(text.startsWith("-") ? Long.parseLong(text) : Long.parseUnsignedLong(text));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
