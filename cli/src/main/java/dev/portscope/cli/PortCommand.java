package dev.portscope.cli;

import dev.portscope.cli.render.Columns;
import dev.portscope.cli.render.PortFacts;
import dev.portscope.cli.render.RowOutput;
import dev.portscope.cli.render.OwnerText;
import dev.portscope.cli.render.OwnerJson;
import dev.portscope.cli.render.Json;
import dev.portscope.cli.render.SocketJson;
import dev.portscope.cli.render.Style;
import dev.portscope.cli.render.Visible;
import dev.portscope.Listing;
import dev.portscope.Portscope;
import dev.portscope.lookup.Directions;
import dev.portscope.lookup.Owners;
import dev.portscope.lookup.PortCounts;
import dev.portscope.lookup.PortSpec;
import dev.portscope.model.Family;
import dev.portscope.model.Netns;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.PortClass;
import dev.portscope.model.PortRange;
import dev.portscope.registry.PortRegistry;
import dev.portscope.registry.ServiceEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** {@code portscope port 5353/udp}: what a port is for, its RFC 6335 class, and whether it is ephemeral here. */
@Command(name = "port", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explains a port: its IANA and /etc/services registrations, its RFC 6335 class "
                + "(System 0-1023, User 1024-49151, Dynamic/Private 49152-65535), and whether it lies in "
                + "this host's ephemeral range (net.ipv4.ip_local_port_range)."},
        footer = {"", "Examples:", "  portscope port 443", "  portscope port 5353/udp", "  portscope port https",
                "  portscope port 8000-8100 --csv", "  portscope port --search sql --columns port,protocol,name --sort port",
                "", "--json: an array of one object per port {port, class, ephemeral, services [...], inUseCount, inUse [sockets]}, "
                + "or of one range object, or --search's array of services; --jsonl puts each on its own line.",
                "--csv and --columns: one row per registration (port help lists the columns)."})
@FastPath.Flags
final class PortCommand extends ViewCommand {

    @Parameters(paramLabel = "PORT", arity = "0..1", description = "A number (443 or :443), NUMBER/PROTOCOL (5353/udp), "
            + "a service name (https, or https/tcp), or a range (8000-8100, 8000-8100/tcp).")
    String port;

    @Option(names = "--search", paramLabel = "TEXT", description = "List the registered ports whose name, alias or description "
            + "contains TEXT (ignoring case), e.g. --search sql.")
    String search;

    @Option(names = {"-p", "--processes"}, description = "Show the process holding each socket that uses the port now.")
    boolean processes;
    @Mixin
    OutputOptions output = new OutputOptions();

    /** The most sockets the text view lists under "in use"; `portscope who PORT` shows them all. */
    private static final int SHOWN_IN_USE = 10;

    PortCommand(Environment environment) {
        super(environment);
    }

    @Override
    int view(PrintWriter out, PrintWriter err) {
        if (rowOutput().check().printedColumnsHelp(out)) {
            return Failures.OK;
        }
        if (select.listening || select.all || select.boundInactive) {
            throw new UsageException((select.listening ? "-l" : select.all ? "-a" : "-B") + " does not apply to 'portscope port': "
                    + "it shows every socket using the port; 'portscope who -l PORT' shows only listeners");
        }
        if (select.tcp != select.udp && port != null) {
            String wanted = select.tcp ? "tcp" : "udp";
            Optional<String> given = PortSpec.protocolOf(port);
            if (given.isPresent() && !given.get().equals(wanted)) {
                throw new UsageException("-" + wanted.charAt(0) + " asks for " + wanted + " but the port says " + given.get());
            }
            port = given.isPresent() ? port : port + "/" + wanted; // -t 80 is 80/tcp
        }
        if (search != null) {
            if (port != null) {
                throw new UsageException("give either a PORT or --search TEXT, not both");
            }
            return search(out, err);
        }
        if (port == null) {
            throw new UsageException("give a PORT (443, 5353/udp, https, 8000-8100) or --search TEXT; see portscope port --help");
        }
        try (Portscope portscope = source.open(environment, netns)) {
            Optional<PortRange> range;
            try {
                range = PortSpec.range(port);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            return range.isPresent() ? range(out, portscope, range.get()) : single(out, err, portscope);
        }
    }

    private int single(PrintWriter out, PrintWriter err, Portscope portscope) {
        PortRegistry registry = portscope.registry();
        PortSpec spec = WhoCommand.portSpec(port, portscope);
        Optional<PortRange> ephemeral = portscope.ephemeralPorts();
        InUse inUse = inUse(portscope, () -> portscope.using(spec), spec.ports()::contains, spec.protocol());
        List<Registration> rows = new ArrayList<>();
        for (int number : spec.ports()) {
            List<ServiceEntry> entries = registry.lookup(number).stream()
                    .filter(e -> spec.protocol().isEmpty() || e.protocol().equals(spec.protocol().get())).toList();
            String here = PortFacts.ephemeralCell(ephemeral, number, number);
            if (entries.isEmpty()) {
                rows.add(new Registration(number, Optional.empty(), here, OptionalLong.of(inUse.count(number, spec.protocol()))));
            }
            entries.forEach(e -> rows.add(new Registration(number, Optional.of(e), here,
                    OptionalLong.of(inUse.count(number, Optional.of(e.protocol()))))));
        }
        RowOutput<Registration> output = rowOutput();
        if (rowFormat()) {
            output.print(out, rows);
        } else {
            List<Registration> ordered = output.sorted(rows);
            List<Integer> numbers = List.copyOf(spec.ports());
            boolean array = this.output.json; // always an array: its shape never depends on how many ports a name has
            if (array) {
                out.print('[');
            }
            for (int n = 0; n < numbers.size(); n++) {
                int number = numbers.get(n);
                List<ServiceEntry> entries = ordered.stream().filter(r -> r.port() == number).flatMap(r -> r.entry().stream()).toList();
                List<SocketEntry> here = inUse.sockets().stream().filter(s -> PortSpec.usesPort(s, p -> p == number)).toList();
                if (this.output.anyJson()) {
                    out.print(array && n > 0 ? "," : "");
                    Json object = new Json(out).beginObject();
                    PortFacts.json(object, number, entries, ephemeral);
                    inUseJson(object, here, inUse);
                    object.endObject();
                    if (this.output.jsonl || !array) {
                        out.println();
                    }
                } else {
                    out.print(n > 0 ? System.lineSeparator() : "");
                    PortFacts.text(out, number, spec.protocol(), entries, ephemeral, registry);
                    inUseText(out, here, inUse, Integer.toString(number));
                }
            }
            if (array) {
                out.println("]");
            }
        }
        out.flush();
        inUse.notes().forEach(n -> err.println("portscope: " + n));
        inUse.owners().flatMap(Owners::hint).ifPresent(h -> err.println("portscope: " + h));
        return Failures.OK;
    }

    /** {@code port 8000-8100}: every registered port in the range, its class, and what uses the range now. */
    private int range(PrintWriter out, Portscope portscope, PortRange range) {
        PortRegistry registry = portscope.registry();
        Optional<String> protocol = PortSpec.protocolOf(port);
        Optional<PortRange> ephemeral = portscope.ephemeralPorts();
        InUse inUse = inUse(portscope, () -> portscope.using(range, protocol), range::contains, protocol);
        List<Registration> rows = new ArrayList<>();
        for (int p = range.first(); p <= range.last(); p++) {
            for (ServiceEntry e : registry.lookup(p)) {
                if (protocol.isEmpty() || protocol.get().equals(e.protocol())) {
                    rows.add(new Registration(p, Optional.of(e), PortFacts.ephemeralCell(ephemeral, p, p),
                            OptionalLong.of(inUse.count(p, Optional.of(e.protocol())))));
                }
            }
        }
        RowOutput<Registration> output = rowOutput();
        List<ServiceEntry> registered = output.sorted(rows).stream().flatMap(r -> r.entry().stream()).toList();
        String classes = PortClass.of(range.first()) == PortClass.of(range.last()) ? PortClass.of(range.first()).title()
                : PortClass.of(range.first()).title() + " to " + PortClass.of(range.last()).title();
        String ephemeralText = PortFacts.ephemeralText(ephemeral, range.first(), range.last());
        if (rowFormat()) {
            output.print(out, rows);
        } else if (this.output.anyJson()) {
            if (this.output.json) {
                out.print('[');
            }
            Json object = new Json(out).beginObject().name("range").value(range.toString())
                    .name("first").value(range.first()).name("last").value(range.last());
            PortFacts.ephemeralJson(object, ephemeral, range.first(), range.last());
            object.name("ephemeralPorts");
            ephemeral.ifPresentOrElse(r -> object.value(PortFacts.overlap(r, range.first(), range.last())), object::nullValue);
            object.name("services").beginArray();
            registered.forEach(e -> PortFacts.service(object, e));
            object.endArray();
            inUseJson(object, inUse.sockets(), inUse);
            object.endObject();
            out.println(this.output.json ? "]" : "");
        } else {
            Map<String, List<ServiceEntry>> byPort = new LinkedHashMap<>();
            registered.forEach(e -> byPort.computeIfAbsent(e.port() + "/" + e.protocol(), k -> new ArrayList<>()).add(e));
            out.printf("%s%s  %d registered, class %s (RFC 6335), ephemeral here: %s%n", range, protocol.map(p -> "/" + p).orElse(""),
                    byPort.size(), classes, ephemeralText);
            byPort.forEach((key, list) -> out.printf("%-10s %-15s %s%n", key,
                    PortFacts.shownName(registry, list.getFirst().port(), list.getFirst().protocol(), list), PortFacts.description(list)));
            inUseText(out, inUse.sockets(), inUse, range.toString());
        }
        out.flush();
        return Failures.OK;
    }

    /** Whether the rows print as CSV or a column table rather than the view's own text or JSON. */
    private boolean rowFormat() {
        return output.csv || !output.columns.isEmpty();
    }

    /** One registration of a port (or a port with none): a row of --csv and --columns. */
    record Registration(int port, Optional<ServiceEntry> entry, String ephemeral, OptionalLong inUse) {
    }

    private RowOutput<Registration> rowOutput() {
        Columns<Registration> columns = new Columns<Registration>()
                .add("port", "port number", true, r -> Integer.toString(r.port()))
                .add("protocol", "tcp, udp, sctp or dccp (empty: registered nowhere)", true, r -> r.entry().map(ServiceEntry::protocol).orElse(""))
                .add("name", "service name", true, r -> r.entry().map(ServiceEntry::name).orElse(""))
                .add("aliases", "other names, space-separated", false, r -> r.entry().map(e -> String.join(" ", e.aliases())).orElse(""))
                .add("description", "the registration's description", true, r -> r.entry().map(ServiceEntry::description).orElse(""))
                .add("origin", "where it is registered: iana, etc_services or user_file (as in JSON)", true,
                        r -> r.entry().map(e -> e.origin().name().toLowerCase(Locale.ROOT)).orElse(""))
                .add("class", "RFC 6335 class: system, user or dynamic", true, r -> PortClass.of(r.port()).name().toLowerCase(Locale.ROOT))
                .add("ephemeral", "true/false: in this host's ephemeral range (empty: unknown, or --search)", true, Registration::ephemeral)
                .add("inUseCount", "sockets on this host using the port and protocol now (empty for --search)", true,
                        r -> r.inUse().isPresent() ? Long.toString(r.inUse().getAsLong()) : "")
                .alias("inuse", "inUseCount");
        return new RowOutput<>(output.format(), columns, (json, r) -> PortFacts.service(json, r.entry().orElseThrow()));
    }


    /** {@code port --search sql}: registered ports by name, alias or description; exit 1 when none match. */
    private int search(PrintWriter out, PrintWriter err) {
        if (search.isBlank()) {
            throw new UsageException("--search needs some text, e.g. --search sql");
        }
        List<Registration> found = environment.registry().get().search(search.strip()).stream()
                .map(e -> new Registration(e.port(), Optional.of(e), "", OptionalLong.empty())).toList();
        rowOutput().print(out, found, rows -> rows.stream().map(r -> r.entry().orElseThrow()).forEach(e ->
                out.printf("%-10s %-15s %s  [%s]%n", e.port() + "/" + e.protocol(), e.name().isEmpty() ? "-" : e.name(),
                        e.description(), e.origin().label())));
        out.flush();
        if (found.isEmpty()) {
            err.println("portscope: no registered port matches '" + search.strip() + "'");
            return Failures.RUNTIME;
        }
        return Failures.OK;
    }

    /** The sockets using the ports, what else is known of them, and how many use each port per protocol. */
    private record InUse(List<SocketEntry> sockets, Optional<Owners> owners, Directions directions, PortCounts counts,
                         List<String> notes, Map<Long, Netns> namespaces) {
        static final InUse NONE = new InUse(List.of(), Optional.empty(), Directions.of(Stream.empty(), Optional.empty()),
                PortCounts.of(List.of(), p -> false), List.of(), Map.of());

        long count(int port, Optional<String> protocol) {
            return counts.count(port, protocol);
        }
    }

    /** The sockets on this host using the ports now: bound to one, or connected to one. */
    private InUse inUse(Portscope portscope, Supplier<Listing> using, IntPredicate wanted, Optional<String> protocol) {
        if (PortSpec.socketProtocols(protocol).isEmpty()) {
            return InUse.NONE; // sctp, dccp: portscope reads no such sockets
        }
        try (Listing listing = using.get()) {
            Set<Family> families = select.families();
            List<SocketEntry> sockets = listing.toList().stream().filter(s -> families.contains(s.family())).toList();
            Optional<Owners> owners = processes && !sockets.isEmpty() ? Optional.of(listing.ownersOf(sockets)) : Optional.empty();
            Directions directions = sockets.isEmpty() || rowFormat() ? Directions.of(Stream.empty(), Optional.empty())
                    : listing.directions();
            Map<Long, Netns> namespaces = netns.any() ? listing.namespacesByInode() : Map.of();
            return new InUse(sockets, owners, directions, PortCounts.of(sockets, wanted), listing.notes(), namespaces);
        }
    }

    private void inUseText(PrintWriter out, List<SocketEntry> sockets, InUse inUse, String what) {
        Style style = environment.terminal().style();
        Optional<Owners> owners = inUse.owners();
        if (sockets.isEmpty()) {
            out.println("in use:    nothing on this host now");
            return;
        }
        for (int i = 0; i < Math.min(sockets.size(), SHOWN_IN_USE); i++) {
            SocketEntry s = sockets.get(i);
            String owner = owners.map(o -> Visible.of(OwnerText.pidsAndCommands(o, s))).filter(t -> !t.isEmpty()).map(t -> "  " + t).orElse("");
            out.println((i == 0 ? "in use:    " : "           ") + WhoCommand.socketLine(s, inUse.directions(), style, inUse.namespaces()) + owner);
        }
        if (sockets.size() > SHOWN_IN_USE) {
            out.println("           ... and " + (sockets.size() - SHOWN_IN_USE) + " more (portscope who " + what + " lists them all)");
        }
    }

    /** {@code inUseCount} and {@code inUse}: the listing's socket objects, with direction and (with -p) owners. */
    private static void inUseJson(Json json, List<SocketEntry> sockets, InUse inUse) {
        json.name("inUseCount").value(sockets.size()).name("inUse").beginArray();
        List<SocketJson.Fields> lookups = new ArrayList<>(List.of(SocketJson.roles(inUse.directions())));
        inUse.owners().ifPresent(o -> lookups.add(new OwnerJson(o)));
        if (!inUse.namespaces().isEmpty()) {
            lookups.add(SocketJson.netns(inUse.namespaces()));
        }
        sockets.forEach(s -> SocketJson.write(json, s, lookups));
        json.endArray();
    }
}
