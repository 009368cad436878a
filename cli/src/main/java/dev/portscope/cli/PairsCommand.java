package dev.portscope.cli;

import dev.portscope.cli.render.Columns;
import dev.portscope.cli.render.RowOutput;
import dev.portscope.cli.render.OwnerText;
import dev.portscope.cli.render.OwnerJson;
import dev.portscope.cli.render.Names;
import dev.portscope.cli.render.Json;
import dev.portscope.cli.render.SocketJson;
import dev.portscope.Listing;
import dev.portscope.Portscope;
import dev.portscope.lookup.Directions;
import dev.portscope.lookup.Owners;
import dev.portscope.lookup.SocketPairs;
import dev.portscope.lookup.SocketPairs.SocketPair;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Family;
import dev.portscope.model.Netns;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/** {@code portscope pairs}: connections with both ends on this host, client and server side by side. */
@Command(name = "pairs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows connections whose two ends both live on this host (loopback, or any local address), "
                + "joining the client's socket with the server's: client address and port -> server address and port, "
                + "and with -p the process on each side."},
        footer = {"", "Examples:", "  portscope pairs -p", "  portscope pairs -t --json", "  portscope pairs -p dport = :5432",
                "  portscope pairs -p --csv --columns server-port,client-comm,server-comm --sort server-port"})
@FastPath.Flags
final class PairsCommand extends ViewCommand {

    @Option(names = {"-p", "--processes"}, description = "Show the process (pid/command) holding each side.")
    boolean processes;
    @Mixin
    OutputOptions output = new OutputOptions();
    @Parameters(paramLabel = "FILTER", description = "ss's filter words, as for the listing (see portscope --help); "
            + "a pair is shown when either side matches.")
    List<String> filterWords = new ArrayList<>();

    PairsCommand(Environment environment) {
        super(environment);
    }

    @Override
    int view(PrintWriter out, PrintWriter err) {
        if (rowOutput(Optional.empty(), Optional.empty(), Map.of()).check().printedColumnsHelp(out)) {
            return Failures.OK;
        }
        if (select.listening || select.boundInactive) {
            throw new UsageException((select.listening ? "-l" : "-B") + " does not apply to 'portscope pairs': it joins connections; "
                    + "listeners are 'portscope -l'");
        }
        Set<Protocol> protocols = select.protocols(false);
        netns.impliedBy(filterWords);
        try (Portscope portscope = source.open(environment, netns);
             Listing listing = portscope.list(new Query(protocols, EnumSet.allOf(Family.class), Query.CONNECTED))) {
            Directions directions = listing.directions();
            List<SocketPair> pairs = SocketPairs.join(listing.toList(), directions);
            Optional<Set<Object>> matching = matching(portscope, protocols);
            Set<Family> families = select.families();
            pairs = pairs.stream().filter(p -> (families.contains(p.client().family()) || families.contains(p.server().family()))
                    && matching.map(m -> m.contains(p.client().identity()) || m.contains(p.server().identity())).orElse(true)).toList();
            Optional<Owners> owners = processes || namesProcessColumn()
                    ? Optional.of(listing.ownersOf(pairs.stream().flatMap(p -> Stream.of(p.client(), p.server())).toList()))
                    : Optional.empty();
            Names names = new Names(this.names.portsAsNumbers(), portscope.serviceNames(), Optional.empty(), Optional.of(directions));
            Map<Long, Netns> namespaces = netns.any() ? listing.namespacesByInode() : Map.of();
            rowOutput(Optional.of(names), owners, namespaces).print(out, pairs);
            out.flush();
            source.printNotes(err, listing);
            owners.flatMap(Owners::hint).ifPresent(h -> err.println("portscope: " + h));
        }
        return Failures.OK;
    }

    /** The sockets the filter words select (ss's filter, pid/comm/dir included), by identity; empty when there are none. */
    private Optional<Set<Object>> matching(Portscope portscope, Set<Protocol> protocols) {
        if (filterWords.isEmpty()) {
            return Optional.empty();
        }
        Query query = new Query(protocols, EnumSet.allOf(Family.class), Query.CONNECTED).withFilter(filter(portscope, filterWords, protocols));
        try (Listing filtered = portscope.list(query); Stream<SocketEntry> sockets = filtered.sockets()) {
            return Optional.of(sockets.map(SocketEntry::identity).collect(java.util.stream.Collectors.toSet()));
        }
    }

    /** Whether --columns or --sort name a column that needs the process table. */
    private boolean namesProcessColumn() {
        return Stream.concat(output.columns.stream(), output.sort.stream())
                .anyMatch(n -> n.matches("-?(client|server)(-(pid|comm|process)|\\.owners\\..*)"));
    }

    private RowOutput<SocketPair> rowOutput(Optional<Names> names, Optional<Owners> owners, Map<Long, Netns> namespaces) {
        Columns<SocketPair> columns = columns(names, owners);
        SocketJson.Fields where = SocketJson.netns(namespaces);
        if (netns.any()) { // both halves live in one namespace: the pair's
            columns.add("netns.inode", "inode of the network namespace the pair lives in", true, p -> Long.toString(p.client().netns()))
                    .add("netns.name", "its name (ip netns, Docker), when it has one", true,
                            p -> Netns.nameOf(p.client().netns(), namespaces).orElse(""));
        }
        return new RowOutput<>(output.format(), columns, (json, p) -> json(json, p, owners.filter(o -> processes),
                netns.any() ? Optional.of(where) : Optional.empty()));
    }

    /**
     * The table: protocol, client, server, state, and with -p the process on each side. CSV: the
     * JSON fields, {@code client.address} ... {@code server.inode}, with -p {@code *.owners.pid|command}.
     */
    private Columns<SocketPair> columns(Optional<Names> names, Optional<Owners> owners) {
        Columns<SocketPair> columns = new Columns<SocketPair>()
                .add("protocol", "tcp or udp", true, p -> p.client().protocol().label())
                .addText("client", "client's address:port (names unless -n)", true, p -> endpoint(names, p.client()))
                .addText("server", "server's address:port (names unless -n)", true, p -> endpoint(names, p.server()))
                .addText("state", "both sides' state, or client/server when they differ", true, PairsCommand::state);
        for (String side : List.of("client", "server")) {
            Function<SocketPair, SocketEntry> of = side.equals("client") ? SocketPair::client : SocketPair::server;
            columns.addText(side + "-process", "pid/command holding the " + side + "'s socket", processes,
                    p -> owners.map(o -> OwnerText.pidsAndCommands(o, of.apply(p))).filter(t -> !t.isEmpty()).orElse("-"));
        }
        for (String side : List.of("client", "server")) {
            Function<SocketPair, SocketEntry> of = side.equals("client") ? SocketPair::client : SocketPair::server;
            Columns.Default owned = processes ? Columns.Default.CSV : Columns.Default.NONE;
            columns.add(side + ".address", side + "'s address", Columns.Default.CSV, p -> of.apply(p).local().hostString())
                    .add(side + ".port", side + "'s port", Columns.Default.CSV, p -> Integer.toString(of.apply(p).local().port()))
                    .add(side + ".state", side + "'s state", Columns.Default.CSV, p -> of.apply(p).state().netstatName())
                    .add(side + ".inode", side + "'s socket inode", Columns.Default.CSV, p -> Long.toString(of.apply(p).inode()))
                    .add(side + ".owners.pid", "pids holding the " + side + "'s socket, comma-separated", owned,
                            p -> owners.map(o -> OwnerText.pids(o, of.apply(p))).orElse(""))
                    .add(side + ".owners.command", "their commands, comma-separated", owned,
                            p -> owners.map(o -> OwnerText.commands(o, of.apply(p))).orElse(""))
                    .alias(side + "-addr", side + ".address").alias(side + "-port", side + ".port").alias(side + "-state", side + ".state")
                    .alias(side + "-inode", side + ".inode").alias(side + "-pid", side + ".owners.pid").alias(side + "-comm", side + ".owners.command");
        }
        return columns.alias("proto", "protocol");
    }

    private static String state(SocketPair p) {
        SocketEntry c = p.client();
        SocketEntry s = p.server();
        return c.state() == s.state() ? c.state().netstatName() : c.state().netstatName() + "/" + s.state().netstatName();
    }

    private static String endpoint(Optional<Names> names, SocketEntry s) {
        Endpoint e = s.local();
        if (names.isEmpty()) {
            return e.toString();
        }
        String host = names.get().host(e);
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + names.get().port(e.port(), s.protocol());
    }

    /** {protocol, client {address, port, state, inode[, owners]}, server {...}}. */
    private static void json(Json json, SocketPair p, Optional<Owners> owners, Optional<SocketJson.Fields> where) {
        json.beginObject().name("protocol").value(p.client().protocol().label());
        side(json.name("client"), p.client(), owners);
        side(json.name("server"), p.server(), owners);
        where.ifPresent(w -> w.write(json, p.client()));
        json.endObject();
    }

    private static void side(Json json, SocketEntry s, Optional<Owners> owners) {
        json.beginObject().name("address").value(s.local().hostString()).name("port").value(s.local().port())
                .name("state").value(s.state().netstatName()).name("inode").value(s.inode());
        owners.ifPresent(o -> new OwnerJson(o).write(json, s));
        json.endObject();
    }
}
