package dev.portscope.cli.render;

import dev.portscope.model.PortClass;
import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.registry.PortRegistry;
import dev.portscope.registry.ServiceEntry;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * What {@code portscope port} says about a port, in text and JSON: its registrations (the name
 * shown, the description, every name each table gives), its RFC 6335 class, and whether it lies in
 * this host's ephemeral range.
 */
public final class PortFacts {
    private PortFacts() {
    }

    /** CSV's {@code ephemeral}, as JSON's: true, false, or empty when the range could not be read. */
    public static String ephemeralCell(Optional<PortRange> ephemeral, int first, int last) {
        return ephemeral.map(r -> Boolean.toString(allIn(r, first, last))).orElse("");
    }

    /** {@code "ephemeral"}: whether every port of first..last is in this host's ephemeral range; null when it cannot be read. */
    public static void ephemeralJson(Json json, Optional<PortRange> ephemeral, int first, int last) {
        json.name("ephemeral");
        ephemeral.ifPresentOrElse(r -> json.value(allIn(r, first, last)), json::nullValue);
    }

    private static boolean allIn(PortRange range, int first, int last) {
        return overlap(range, first, last) == last - first + 1;
    }

    /** How many of the ports first..last lie in {@code range}. */
    public static int overlap(PortRange range, int first, int last) {
        return Math.max(0, Math.min(last, range.last()) - Math.max(first, range.first()) + 1);
    }

    /** yes, no, partly (a range reaching into it) or unknown: whether ports first..last are in this host's ephemeral range. */
    public static String ephemeralText(Optional<PortRange> ephemeral, int first, int last) {
        return ephemeral.map(r -> r.contains(first) && r.contains(last) ? "yes"
                : r.first() > last || r.last() < first ? "no" : "partly").orElse("unknown");
    }

    /**
     * One row per protocol: the name portscope shows for it, the description, and every name each
     * table gives, e.g. {@code 80/tcp  http  World Wide Web HTTP  [/etc/services: http, www; IANA: www-http]}.
     */
    public static void text(PrintWriter out, int number, Optional<String> protocol, List<ServiceEntry> entries,
                            Optional<PortRange> ephemeral, PortRegistry registry) {
        if (entries.isEmpty()) {
            out.println(number + protocol.map(p -> "/" + p).orElse("") + "  not in the IANA registry or /etc/services");
        }
        Map<String, List<ServiceEntry>> byProtocol = new LinkedHashMap<>();
        entries.forEach(e -> byProtocol.computeIfAbsent(e.protocol(), k -> new ArrayList<>()).add(e));
        byProtocol.forEach((proto, list) -> {
            String shown = shownName(registry, number, proto, list);
            out.printf("%-10s %-15s %s  [%s]%n", number + "/" + proto, shown, description(list), sources(list));
        });
        PortClass cls = PortClass.of(number);
        out.printf("class:     %s (%d-%d, RFC 6335)%n", cls.title(), cls.first(), cls.last());
        out.println("ephemeral: " + ephemeral.map(r -> (r.contains(number) ? "yes" : "no")
                + " (this host hands out " + r + " as client ports)").orElse("unknown (cannot read ip_local_port_range)"));
    }

    /** IANA's description when it has one: /etc/services rarely describes. */
    public static String description(List<ServiceEntry> list) {
        return list.stream().filter(e -> e.origin() == ServiceEntry.Origin.IANA)
                .map(ServiceEntry::description).filter(d -> !d.isEmpty()).findFirst()
                .orElse(list.getFirst().description());
    }

    public static String shownName(PortRegistry registry, int number, String proto, List<ServiceEntry> list) {
        Optional<String> name = switch (proto) {
            case "tcp" -> registry.displayName(number, Protocol.TCP);
            case "udp" -> registry.displayName(number, Protocol.UDP);
            default -> list.stream().map(ServiceEntry::name).filter(n -> !n.isEmpty()).findFirst();
        };
        return name.orElse("-");
    }

    /** {@code /etc/services: http, www; IANA: www-http}. */
    public static String sources(List<ServiceEntry> list) {
        Map<ServiceEntry.Origin, Set<String>> names = new EnumMap<>(ServiceEntry.Origin.class);
        for (ServiceEntry e : list) {
            Set<String> set = names.computeIfAbsent(e.origin(), k -> new LinkedHashSet<>());
            if (!e.name().isEmpty()) {
                set.add(e.name());
            }
            set.addAll(e.aliases());
        }
        StringJoiner joined = new StringJoiner("; ");
        names.forEach((origin, set) -> joined.add(origin.label() + (set.isEmpty() ? "" : ": " + String.join(", ", set))));
        return joined.toString();
    }

    public static void json(Json json, int number, List<ServiceEntry> entries, Optional<PortRange> ephemeral) {
        PortClass cls = PortClass.of(number);
        json.name("port").value(number).name("class").value(cls.name().toLowerCase());
        ephemeralJson(json, ephemeral, number, number);
        json.name("services").beginArray();
        entries.forEach(e -> service(json, e));
        json.endArray();
    }

    public static void service(Json json, ServiceEntry e) {
        json.beginObject().name("port").value(e.port()).name("protocol").value(e.protocol()).name("name").value(e.name())
                .name("aliases").beginArray();
        e.aliases().forEach(json::value);
        json.endArray().name("description").value(e.description()).name("origin").value(e.origin().name().toLowerCase())
                .endObject();
    }
}
