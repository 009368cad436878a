package dev.portscope.cli;

import dev.portscope.cli.render.Columns;
import dev.portscope.cli.render.Names;
import dev.portscope.cli.render.RowOutput;
import dev.portscope.cli.render.OwnerJson;
import dev.portscope.cli.render.SocketColumns;
import dev.portscope.cli.render.SocketJson;
import dev.portscope.cli.render.Style;
import dev.portscope.cli.render.Visible;
import dev.portscope.Listing;
import dev.portscope.Portscope;
import dev.portscope.lookup.Directions;
import dev.portscope.lookup.Owners;
import dev.portscope.lookup.PortSpec;
import dev.portscope.model.Direction;
import dev.portscope.model.PortRange;
import dev.portscope.model.Owner;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.Family;
import dev.portscope.model.NatRedirect;
import dev.portscope.source.SourceUnavailableException;
import dev.portscope.model.Netns;
import dev.portscope.model.TcpState;
import dev.portscope.source.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** {@code portscope who 8080}: which processes listen on or talk through a port, and their peers. */
@Command(name = "who", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows the processes listening on or connected through a port: pid, user, command line, "
                + "systemd unit, running since, and the peers of their connections.",
                "Exit status 0 when something uses the port, 1 when nothing does (\"portscope who 8080 && echo busy\")."},
        footer = {"", "Examples:", "  portscope who 8080", "  portscope who :443", "  portscope who 5353/udp", "  portscope who http --json",
                "  portscope who 443 --csv --columns pid,comm,raddr,rport --sort raddr", "  portscope who /run/docker.sock",
                "", "JSON objects are the listing's (portscope --help, README.md) with owners; columns as portscope --columns help."})
@FastPath.Flags
final class WhoCommand extends ViewCommand {

    @Parameters(paramLabel = "PORT", arity = "1..*", description = "A number (8080 or :8080), NUMBER/PROTOCOL (5353/udp), a service "
            + "name (http), or a range (8000-8100, 8000-8100/tcp); several may be given. Or UNIX socket paths (/run/docker.sock) "
            + "and abstract names (@name): who listens there and who is connected, both ends.")
    List<String> ports = new ArrayList<>();

    @Option(names = {"-p", "--processes"}, description = "Accepted as everywhere; who always shows the processes.")
    boolean processes;
    @Mixin
    OutputOptions output = new OutputOptions();

    WhoCommand(Environment environment) {
        super(environment);
    }

    /** Answers for the port; shared by picocli and {@link FastPath}. */
    @Override
    int view(PrintWriter out, PrintWriter err) {
        if (WhoUnix.asked(ports)) {
            WhoUnix unix = new WhoUnix(ports, output, netns.any());
            if (unix.printedColumnsHelp(out)) {
                return Failures.OK;
            }
            try (Portscope portscope = source.open(environment, netns)) {
                return unix.view(out, err, portscope);
            }
        }
        RowOutput<SocketEntry> unchecked = rowOutput(Optional.empty(), Optional.empty(), Optional.empty(), Map.of()).check();
        if (unchecked.printedColumnsHelp(out)) {
            return Failures.OK;
        }
        try (Portscope portscope = source.open(environment, netns)) {
            Map<Long, Netns> namespaces = new HashMap<>();
            List<Wanted> wanted = new ArrayList<>();
            for (String port : ports) {
                wanted.add(Wanted.parse(port, portscope).narrowedTo(select.protocols(false), select.tcp || select.udp));
            }
            Set<Family> families = select.families();
            Set<TcpState> states = select.all || !(select.listening || select.boundInactive) ? Query.EVERY_STATE : select.states();
            Set<Protocol> protocols = EnumSet.noneOf(Protocol.class);
            wanted.forEach(w -> protocols.addAll(w.protocols()));
            Map<Object, SocketEntry> using = new LinkedHashMap<>(); // a socket using two of the ports counts once
            List<String> notes = new ArrayList<>();
            Directions directions = null;
            for (Wanted w : wanted) {
                try (Listing listing = w.using(portscope)) {
                    namespaces.putAll(listing.namespacesByInode());
                    listing.toList().stream().filter(s -> families.contains(s.family()) && states.contains(s.state())
                                    && w.protocols().contains(s.protocol()))
                            .forEach(s -> using.putIfAbsent(s.identity(), s));
                    if (wanted.size() == 1) {
                        directions = listing.directions();
                    }
                    Stream.concat(listing.notes().stream(), source.debugLines(listing).stream())
                            .filter(n -> !notes.contains(n)).forEach(notes::add);
                }
            }
            Directions roles = directions != null ? directions : portscope.directions(protocols);
            List<SocketEntry> sockets = List.copyOf(using.values());
            Owners owners = portscope.owners(sockets);
            Names names = new Names(this.names.portsAsNumbers(), portscope.serviceNames(), Optional.empty(), Optional.of(roles));
            String what = String.join(" or ", wanted.stream().map(Wanted::describe).toList());
            Map<Long, Netns> where = netns.any() ? namespaces : Map.of();
            rowOutput(Optional.of(roles), Optional.of(owners), Optional.of(names), where).print(out, sockets, sorted ->
                    writeText(out, what, sorted, owners, roles, !output.noHeader, environment.terminal().style(), where));
            List<NatRedirect> published = List.of();
            if (source.procRoot == null && environment.procRoot().isEmpty()) {
                try {
                    published = portscope.natRedirects().stream().filter(r -> wanted.stream().anyMatch(w -> w.covers(r.protocol(), r.port())))
                            .toList();
                } catch (SourceUnavailableException e) {
                    if (sockets.isEmpty()) {
                        notes.add("NAT rules not read (" + e.getMessage() + "): a port published only through them would not show");
                    }
                }
            }
            if (!published.isEmpty() && !output.anyJson() && !output.csv && output.columns.isEmpty()) {
                writeNat(out, published, portscope, namespaces);
            }
            out.flush();
            notes.forEach(n -> err.println("portscope: " + n));
            if (sockets.isEmpty() && !published.isEmpty()) {
                published.forEach(r -> err.println("portscope: no socket uses port " + r.port() + "/" + r.protocol().label()
                        + "; it is published through NAT to " + r.target() + " (" + r.table() + ", chain " + r.chain() + ")"));
                return Failures.OK;
            }
            if (sockets.isEmpty()) {
                err.println("portscope: nothing uses port " + what + (netns.any() ? "" : otherNamespaces(what)));
                return Failures.RUNTIME;
            }
            owners.hint().ifPresent(h -> err.println("portscope: " + h));
        }
        return Failures.OK;
    }

    /**
     * The DNAT rules publishing the port: where they send it and, with -N/--all-netns, who
     * listens there (the container behind a published port).
     */
    private void writeNat(PrintWriter out, List<NatRedirect> published, Portscope portscope, Map<Long, Netns> namespaces) {
        out.println("published through NAT (nftables DNAT in this namespace; connections go on to the target):");
        for (NatRedirect r : published) {
            StringBuilder line = new StringBuilder("  " + r.protocol().label() + " " + r.destination().map(a -> a.getHostAddress() + ":").orElse("")
                    + r.port() + " -> " + r.target() + "  (" + r.table() + ", chain " + r.chain() + ")");
            if (netns.any()) {
                try (Listing behind = portscope.using(PortSpec.parse(r.targetPort() + "/" + r.protocol().label(), portscope::registry))) {
                    List<SocketEntry> listeners = behind.toList().stream().filter(s -> s.isListening() && s.protocol() == r.protocol()
                            && (s.local().isWildcard() || s.local().unmapped().address().equals(r.toAddress()))).toList();
                    Owners owners = portscope.owners(listeners);
                    for (SocketEntry l : listeners) {
                        String where = Netns.labelOf(l.netns(), namespaces.isEmpty() ? behind.namespacesByInode() : namespaces);
                        String who = owners.of(l).stream().map(o -> o.pid() + "/" + o.command()).distinct().collect(java.util.stream.Collectors.joining(","));
                        line.append("\n    listened on at ").append(l.local()).append(" in netns ").append(where)
                                .append(who.isEmpty() ? "" : " by " + who);
                    }
                }
            }
            out.println(line);
        }
    }

    /** Where else to look, on a host with other network namespaces (containers): they are not read unless asked. */
    private String otherNamespaces(String what) {
        if (source.procRoot != null || environment.procRoot().isPresent()) {
            return "";
        }
        long others = Portscope.namespaces().stream().filter(n -> !n.own()).count();
        return others == 0 ? "" : " in this network namespace; " + others + " other" + (others == 1 ? " exists" : "s exist")
                + " (containers?): portscope who " + String.join(" ", ports) + " --all-netns looks in every one";
    }

    /** One PORT argument: ports by number or name, or a range; over its protocol, or TCP and UDP. */
    private record Wanted(Optional<PortSpec> spec, Optional<PortRange> range, Optional<String> protocol, Set<Protocol> protocols) {
        static Wanted parse(String text, Portscope portscope) {
            Optional<PortRange> range;
            Optional<String> protocol;
            try {
                range = PortSpec.range(text);
                protocol = PortSpec.protocolOf(text);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            Optional<PortSpec> spec = range.isPresent() ? Optional.empty() : Optional.of(portSpec(text, portscope));
            Optional<String> p = spec.map(PortSpec::protocol).orElse(protocol);
            Set<Protocol> protocols = PortSpec.socketProtocols(p);
            if (protocols.isEmpty()) {
                throw new UsageException("who looks at tcp and udp sockets; " + p.orElseThrow() + " is not one of them");
            }
            return new Wanted(spec, range, p, protocols);
        }

        /** Only the protocols -t/-u ask for, when they ask; a port given as 5353/udp with -t uses nothing. */
        Wanted narrowedTo(Set<Protocol> asked, boolean explicit) {
            if (!explicit) {
                return this;
            }
            Set<Protocol> both = EnumSet.copyOf(protocols);
            both.retainAll(asked);
            if (both.isEmpty()) {
                throw new UsageException(describe() + " is not " + String.join(" or ", asked.stream().map(Protocol::label).toList())
                        + ": drop -t/-u or the /protocol");
            }
            return new Wanted(spec, range, protocol, both);
        }

        /** Whether this argument asks for {@code port} over {@code protocol}. */
        boolean covers(Protocol p, int port) {
            return protocols.contains(p) && spec.map(s -> s.ports().contains(port)).orElseGet(() -> range.orElseThrow().contains(port));
        }

        Listing using(Portscope portscope) {
            return spec.map(portscope::using).orElseGet(() -> portscope.using(range.orElseThrow(), protocol));
        }

        /** {@code 80/tcp or 80/udp}, {@code 8000-8100/tcp}. */
        String describe() {
            List<String> names = new ArrayList<>();
            List<String> ports = spec.map(s -> s.ports().stream().map(String::valueOf).toList()).orElseGet(() -> List.of(range.orElseThrow().toString()));
            for (String port : ports) {
                for (Protocol protocol : protocols) {
                    names.add(port + "/" + protocol.label());
                }
            }
            return String.join(" or ", names);
        }
    }

    /** The port a user typed, or a usage error saying what to type. */
    static PortSpec portSpec(String text, Portscope portscope) {
        try {
            return PortSpec.parse(text, portscope::registry);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The listing's columns and JSON objects (with direction and owners) for the sockets using the port. */
    private RowOutput<SocketEntry> rowOutput(Optional<Directions> directions, Optional<Owners> owners, Optional<Names> names,
                                             Map<Long, Netns> namespaces) {
        List<SocketJson.Fields> lookups = new ArrayList<>();
        directions.ifPresent(d -> lookups.add(SocketJson.roles(d)));
        owners.ifPresent(o -> lookups.add(new OwnerJson(o)));
        Columns<SocketEntry> columns = SocketColumns.of(directions, owners, names, true);
        if (netns.any()) {
            lookups.add(SocketJson.netns(namespaces));
            columns = SocketColumns.withNamespaces(columns, namespaces);
        }
        return new RowOutput<>(output.format(), columns, (json, s) -> SocketJson.write(json, s, lookups));
    }


    /** One block per process, then the sockets no visible process holds (TIME-WAIT, other users'). */
    private static void writeText(PrintWriter out, String what, List<SocketEntry> using, Owners owners,
                                  Directions directions, boolean header, Style style, Map<Long, Netns> namespaces) {
        if (using.isEmpty()) {
            return;
        }
        long listening = using.stream().filter(SocketEntry::isListening).count();
        long bound = using.stream().filter(s -> s.state() == TcpState.BOUND_INACTIVE).count();
        if (header) {
            out.println(what + ": " + listening + " listening, " + (using.size() - listening - bound) + " connected"
                    + (bound > 0 ? ", " + bound + " bound but inactive" : ""));
        }
        Map<Integer, List<SocketEntry>> byPid = new TreeMap<>(); // processes by pid, whatever order the scan found them in
        Map<Integer, ProcessInfo> processes = new LinkedHashMap<>();
        List<SocketEntry> ownerless = new ArrayList<>();
        for (SocketEntry s : using) {
            List<Owner> list = owners.of(s);
            if (list.isEmpty()) {
                ownerless.add(s);
            }
            list.stream().map(Owner::process).distinct().forEach(p -> {
                processes.putIfAbsent(p.pid(), p);
                byPid.computeIfAbsent(p.pid(), k -> new ArrayList<>()).add(s);
            });
        }
        for (Map.Entry<Integer, List<SocketEntry>> e : byPid.entrySet()) {
            ProcessInfo p = processes.get(e.getKey());
            StringBuilder head = new StringBuilder().append("pid ").append(p.pid()).append(' ').append(Visible.of(p.command())).append(" (");
            p.user().ifPresent(u -> head.append("user ").append(Visible.of(u)));
            p.started().ifPresent(t -> head.append(", since ").append(t));
            p.unit().or(p::cgroup).ifPresent(u -> head.append(", ").append(p.unit().isPresent() ? "unit " : "cgroup ").append(Visible.of(u)));
            out.println(style.title(head.append(')').toString()));
            p.commandLine().ifPresent(c -> out.println("  command: " + Visible.of(c)));
            e.getValue().forEach(s -> out.println("  " + socketLine(s, directions, style, namespaces)));
        }
        if (!ownerless.isEmpty()) {
            out.println("no visible owner:");
            ownerless.forEach(s -> out.println("  " + socketLine(s, directions, style, namespaces)));
        }
    }

    /**
     * {@code LISTEN 0.0.0.0:8080}, or the connection with the arrow pointing at the server's end.
     */
    static String socketLine(SocketEntry s, Directions directions, Style style, Map<Long, Netns> namespaces) {
        String line = socketLine(s, directions, style);
        return namespaces.isEmpty() ? line
                : line + "  (netns " + Visible.of(Netns.labelOf(s.netns(), namespaces)) + ")";
    }

    static String socketLine(SocketEntry s, Directions directions, Style style) {
        String state = style.state(s.state(), String.format("%-11s", s.state().netstatName())) + " " + s.protocol().label() + " ";
        if (s.isListening() || s.state() == TcpState.BOUND_INACTIVE) {
            return state + Names.local(s);
        }
        boolean inbound = directions.of(s).map(r -> r.direction() == Direction.IN).orElse(false);
        return state + Names.local(s) + (inbound ? " <- " : " -> ") + s.remote();
    }
}
