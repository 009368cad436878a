package dev.portscope.cli;

import dev.portscope.cli.render.Json;
import dev.portscope.linux.EphemeralPorts;
import dev.portscope.model.PortClass;
import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.registry.PortRegistry;
import dev.portscope.registry.ServiceEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code portscope port 5353/udp}: what a port is for, its RFC 6335 class, and whether it is ephemeral here. */
@Command(name = "port", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explains a port: its IANA and /etc/services registrations, its RFC 6335 class "
                + "(System 0-1023, User 1024-49151, Dynamic/Private 49152-65535), and whether it lies in "
                + "this host's ephemeral range (net.ipv4.ip_local_port_range)."},
        footer = {"", "Examples:", "  portscope port 443", "  portscope port 5353/udp", "  portscope port https"})
final class PortCommand implements Callable<Integer> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source = new SourceOptions();

    @Parameters(paramLabel = "PORT", description = "A number (443 or :443), NUMBER/PROTOCOL (5353/udp), or a service name (https, or https/tcp).")
    String port;

    @Option(names = "--json", description = "Print one JSON object per port.")
    boolean json;

    PortCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PortRegistry registry = environment.registry().get();
        PortSpec spec = PortSpec.parse(port, () -> registry);
        Optional<PortRange> ephemeral = EphemeralPorts.read(source.proc(environment));
        PrintWriter out = this.spec.commandLine().getOut();
        boolean first = true;
        if (json && spec.ports().size() > 1) {
            out.print('[');
        }
        for (int number : spec.ports()) {
            List<ServiceEntry> entries = new ArrayList<>(registry.lookup(number));
            spec.protocol().ifPresent(p -> entries.removeIf(e -> !e.protocol().equals(p)));
            if (json) {
                if (!first) {
                    out.print(',');
                }
                writeJson(out, number, entries, ephemeral);
            } else {
                if (!first) {
                    out.println();
                }
                writeText(out, number, spec.protocol(), entries, ephemeral, registry);
            }
            first = false;
        }
        if (json) {
            out.println(spec.ports().size() > 1 ? "]" : "");
        }
        return Failures.OK;
    }

    /**
     * One row per protocol: the name portscope shows for it, the description, and every name each
     * table gives, e.g. {@code 80/tcp  http  World Wide Web HTTP  [/etc/services: http, www; IANA: www-http]}.
     */
    private static void writeText(PrintWriter out, int number, Optional<String> protocol, List<ServiceEntry> entries,
                                  Optional<PortRange> ephemeral, PortRegistry registry) {
        if (entries.isEmpty()) {
            out.println(number + protocol.map(p -> "/" + p).orElse("") + "  not in the IANA registry or /etc/services");
        }
        Map<String, List<ServiceEntry>> byProtocol = new LinkedHashMap<>();
        entries.forEach(e -> byProtocol.computeIfAbsent(e.protocol(), k -> new ArrayList<>()).add(e));
        byProtocol.forEach((proto, list) -> {
            String shown = shownName(registry, number, proto, list);
            String description = list.stream().filter(e -> e.origin() == ServiceEntry.Origin.IANA)
                    .map(ServiceEntry::description).filter(d -> !d.isEmpty()).findFirst()
                    .orElse(list.getFirst().description());
            out.printf("%-10s %-15s %s  [%s]%n", number + "/" + proto, shown, description, sources(list));
        });
        PortClass cls = PortClass.of(number);
        out.printf("class:     %s (%d-%d, RFC 6335)%n", cls.title(), cls.first(), cls.last());
        out.println("ephemeral: " + ephemeral.map(r -> (r.contains(number) ? "yes" : "no")
                + " (this host hands out " + r + " as client ports)").orElse("unknown (cannot read ip_local_port_range)"));
    }

    private static String shownName(PortRegistry registry, int number, String proto, List<ServiceEntry> list) {
        Optional<String> name = switch (proto) {
            case "tcp" -> registry.displayName(number, Protocol.TCP);
            case "udp" -> registry.displayName(number, Protocol.UDP);
            default -> list.stream().map(ServiceEntry::name).filter(n -> !n.isEmpty()).findFirst();
        };
        return name.orElse("-");
    }

    /** {@code /etc/services: http, www; IANA: www-http}. */
    private static String sources(List<ServiceEntry> list) {
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

    private static void writeJson(PrintWriter out, int number, List<ServiceEntry> entries, Optional<PortRange> ephemeral) {
        PortClass cls = PortClass.of(number);
        Json json = new Json(out).beginObject().name("port").value(number).name("class").value(cls.name().toLowerCase());
        json.name("ephemeral");
        if (ephemeral.isPresent()) {
            json.value(ephemeral.get().contains(number));
        } else {
            json.value((String) null);
        }
        json.name("services").beginArray();
        for (ServiceEntry e : entries) {
            json.beginObject().name("protocol").value(e.protocol()).name("name").value(e.name())
                    .name("aliases").beginArray();
            e.aliases().forEach(json::value);
            json.endArray().name("description").value(e.description()).name("origin").value(e.origin().name().toLowerCase())
                    .endObject();
        }
        json.endArray().endObject();
    }
}
