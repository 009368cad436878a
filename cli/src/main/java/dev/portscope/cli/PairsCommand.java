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
import dev.portscope.model.KernelSocket;
import dev.portscope.model.UnixSocket;
import dev.portscope.lookup.UnixPairs;
import dev.portscope.lookup.UnixPairs.UnixPair;
import dev.portscope.filter.Filter;
import dev.portscope.cli.render.Visible;
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
    @Mixin
    FamilyOptions families = new FamilyOptions();
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
        FamilyOptions.Asked asked = families.resolve(select, false);
        if (!asked.packet().isEmpty() || asked.netlink() || asked.sctp() || asked.inet().contains(Protocol.MPTCP)) {
            throw new UsageException("pairs joins TCP, UDP and UNIX connections: -t, -u, -x");
        }
        boolean unix = !asked.unix().isEmpty() || !asked.named() && filterWords.isEmpty() && !select.ipv4 && !select.ipv6;
        Set<Protocol> protocols = asked.named() && asked.inet().isEmpty() ? Set.of() : asked.inet();
        netns.impliedBy(filterWords);
        try (Portscope portscope = source.open(environment, netns);
             Listing listing = portscope.list(new Query(protocols, EnumSet.allOf(Family.class), Query.CONNECTED))) {
            Directions directions = listing.directions();
            List<SocketPair> pairs = protocols.isEmpty() ? List.of() : SocketPairs.join(listing.toList(), directions);
            Optional<Set<Object>> matching = protocols.isEmpty() ? Optional.empty() : matching(portscope, protocols);
            Set<Family> families = select.families();
            pairs = pairs.stream().filter(p -> (families.contains(p.client().family()) || families.contains(p.server().family()))
                    && matching.map(m -> m.contains(p.client().identity()) || m.contains(p.server().identity())).orElse(true)).toList();
            List<UnixPair> unixPairs = unix ? unixPairs(portscope, asked) : List.of();
            List<PairRow> rows = new ArrayList<>();
            pairs.forEach(p -> rows.add(new InetRow(p)));
            unixPairs.forEach(p -> rows.add(new UnixRow(p)));
            Optional<Owners> owners = processes || namesProcessColumn()
                    ? Optional.of(unixPairs.isEmpty() ? listing.ownersOf(pairs.stream().flatMap(p -> Stream.of(p.client(), p.server())).toList())
                    : portscope.owners())
                    : Optional.empty();
            Names names = new Names(this.names.portsAsNumbers(), portscope.serviceNames(), Optional.empty(), Optional.of(directions));
            Map<Long, Netns> namespaces = netns.any() ? listing.namespacesByInode() : Map.of();
            rowOutput(Optional.of(names), owners, namespaces).print(out, rows);
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
        if (Filter.needs(query.filter()).isEmpty() && query.filter() instanceof dev.portscope.filter.PathMatch) {
            return Optional.of(Set.of()); // a path alone: no TCP or UDP pair matches
        }
        try (Listing filtered = portscope.list(query); Stream<SocketEntry> sockets = filtered.sockets()) {
            return Optional.of(sockets.map(SocketEntry::identity).collect(java.util.stream.Collectors.toSet()));
        }
    }

    /** A row: a TCP/UDP pair or a UNIX one. */
    sealed interface PairRow permits InetRow, UnixRow {
    }

    record InetRow(SocketPair pair) implements PairRow {
    }

    record UnixRow(UnixPair pair) implements PairRow {
    }

    /** The UNIX connections, with -x's types; a filter keeps a pair when either end's path matches (src: its own, dst: its peer's). */
    private List<UnixPair> unixPairs(Portscope portscope, FamilyOptions.Asked asked) {
        List<UnixSocket> sockets;
        try {
            sockets = portscope.unixSockets(Query.EVERY_STATE, false).sockets();
        } catch (dev.portscope.source.SourceUnavailableException e) {
            if (!asked.unix().isEmpty()) {
                throw e;
            }
            return List.of(); // not asked for by name: a snapshot without net/unix has no UNIX pairs
        }
        Filter condition = filterWords.isEmpty() ? Filter.always() : filter(portscope, filterWords, Set.of(Protocol.TCP)).filter();
        if (dev.portscope.filter.PathMatch.unsupported(condition).isPresent()) {
            throw new UsageException("UNIX pairs are filtered by path (src /run/*.sock): pid, user, comm and the rest apply to TCP and UDP");
        }
        Map<Long, UnixSocket> byInode = UnixPairs.byInode(sockets);
        java.util.function.Predicate<UnixSocket> passes = s -> dev.portscope.filter.PathMatch.test(condition, s,
                inode -> Optional.ofNullable(byInode.get(inode)).flatMap(UnixSocket::name));
        Set<UnixSocket.Type> types = asked.unix().isEmpty() ? EnumSet.allOf(UnixSocket.Type.class) : asked.unix();
        return UnixPairs.join(sockets).stream().filter(p -> types.contains(p.client().type())
                && (passes.test(p.client()) || passes.test(p.server()))).toList();
    }

    /** Whether --columns or --sort name a column that needs the process table. */
    private boolean namesProcessColumn() {
        return Stream.concat(output.columns.stream(), output.sort.stream())
                .anyMatch(n -> n.matches("-?(client|server)(-(pid|comm|process)|\\.owners\\..*)"));
    }

    private RowOutput<PairRow> rowOutput(Optional<Names> names, Optional<Owners> owners, Map<Long, Netns> namespaces) {
        Columns<PairRow> columns = columns(names, owners);
        if (netns.any()) { // both halves live in one namespace: the pair's
            columns.add("netns.inode", "inode of the network namespace the pair lives in", true, r -> Long.toString(client(r).netns()))
                    .add("netns.name", "its name (ip netns, Docker), when it has one", true,
                            r -> Netns.nameOf(client(r).netns(), namespaces).orElse(""));
        }
        Optional<Map<Long, Netns>> where = netns.any() ? Optional.of(namespaces) : Optional.empty();
        return new RowOutput<>(output.format(), columns, (json, r) -> json(json, r, owners.filter(o -> processes), where));
    }

    private static KernelSocket client(PairRow r) {
        return switch (r) {
            case InetRow i -> i.pair().client();
            case UnixRow u -> u.pair().client();
        };
    }

    private static KernelSocket server(PairRow r) {
        return switch (r) {
            case InetRow i -> i.pair().server();
            case UnixRow u -> u.pair().server();
        };
    }

    /** A column's value: one function for TCP/UDP pairs, one for UNIX pairs. */
    private static Function<PairRow, String> either(Function<SocketPair, String> inet, Function<UnixPair, String> unix) {
        return r -> switch (r) {
            case InetRow i -> inet.apply(i.pair());
            case UnixRow u -> unix.apply(u.pair());
        };
    }

    /**
     * The table: protocol, client, server, state, and with -p the process on each side. CSV: the
     * JSON fields, {@code client.address} ... {@code server.inode}, with -p {@code *.owners.pid|command}.
     * A UNIX end shows as its path (or {@code *}) and inode, as ss shows it.
     */
    private Columns<PairRow> columns(Optional<Names> names, Optional<Owners> owners) {
        Columns<PairRow> columns = new Columns<PairRow>()
                .add("protocol", "tcp, udp or unix", true, either(p -> p.client().protocol().label(), p -> "unix"))
                .add("type", "stream, dgram or seqpacket (UNIX), empty for TCP and UDP", false,
                        either(p -> "", p -> p.client().type().name().toLowerCase(java.util.Locale.ROOT)))
                .addText("client", "client's address:port (names unless -n); a UNIX end's path (* unnamed) and inode", true,
                        either(p -> endpoint(names, p.client()), p -> unixEnd(p.client())))
                .addText("server", "server's address:port (names unless -n); a UNIX end's path and inode", true,
                        either(p -> endpoint(names, p.server()), p -> unixEnd(p.server())))
                .addText("state", "both sides' state, or client/server when they differ", true, r -> state(client(r), server(r)));
        for (String side : List.of("client", "server")) {
            Function<PairRow, KernelSocket> of = side.equals("client") ? PairsCommand::client : PairsCommand::server;
            columns.addText(side + "-process", "pid/command holding the " + side + "'s socket", processes,
                    r -> owners.map(o -> OwnerText.pidsAndCommands(o, of.apply(r))).filter(t -> !t.isEmpty()).orElse("-"));
        }
        for (String side : List.of("client", "server")) {
            Function<PairRow, KernelSocket> of = side.equals("client") ? PairsCommand::client : PairsCommand::server;
            Columns.Default owned = processes ? Columns.Default.CSV : Columns.Default.NONE;
            columns.add(side + ".address", side + "'s address (UNIX: its path)", Columns.Default.CSV, r -> switch (of.apply(r)) {
                        case SocketEntry e -> e.local().hostString();
                        case UnixSocket u -> u.name().orElse("");
                        default -> "";
                    })
                    .add(side + ".port", side + "'s port (empty for UNIX)", Columns.Default.CSV,
                            r -> of.apply(r) instanceof SocketEntry e ? Integer.toString(e.local().port()) : "")
                    .add(side + ".state", side + "'s state", Columns.Default.CSV, r -> of.apply(r).state().netstatName())
                    .add(side + ".inode", side + "'s socket inode", Columns.Default.CSV, r -> Long.toString(of.apply(r).inode()))
                    .add(side + ".owners.pid", "pids holding the " + side + "'s socket, comma-separated", owned,
                            r -> owners.map(o -> OwnerText.pids(o, of.apply(r))).orElse(""))
                    .add(side + ".owners.command", "their commands, comma-separated", owned,
                            r -> owners.map(o -> OwnerText.commands(o, of.apply(r))).orElse(""))
                    .alias(side + "-addr", side + ".address").alias(side + "-port", side + ".port").alias(side + "-state", side + ".state")
                    .alias(side + "-inode", side + ".inode").alias(side + "-pid", side + ".owners.pid").alias(side + "-comm", side + ".owners.command");
        }
        return columns.alias("proto", "protocol");
    }

    private static String state(KernelSocket c, KernelSocket s) {
        return c.state() == s.state() ? c.state().netstatName() : c.state().netstatName() + "/" + s.state().netstatName();
    }

    /** {@code /run/x.sock:1234}, {@code *:1235} unnamed: a UNIX end as ss's Address:Port columns show it. */
    private static String unixEnd(UnixSocket s) {
        return Visible.of(s.name().orElse("*")) + ":" + s.inode();
    }

    private static String endpoint(Optional<Names> names, SocketEntry s) {
        Endpoint e = s.local();
        if (names.isEmpty()) {
            return e.toString();
        }
        String host = names.get().host(e);
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + names.get().port(e.port(), s.protocol());
    }

    /**
     * {protocol, client {address, port, state, inode[, owners]}, server {...}}; a UNIX pair:
     * {protocol "unix", type, socketpair, client {path, state, inode[, owners]}, server {...}}.
     */
    private static void json(Json json, PairRow r, Optional<Owners> owners, Optional<Map<Long, Netns>> where) {
        switch (r) {
            case InetRow(SocketPair p) -> {
                json.beginObject().name("protocol").value(p.client().protocol().label());
                side(json.name("client"), p.client(), owners);
                side(json.name("server"), p.server(), owners);
            }
            case UnixRow(UnixPair p) -> {
                json.beginObject().name("protocol").value("unix").name("type").value(p.client().type().name().toLowerCase(java.util.Locale.ROOT))
                        .name("socketpair").value(p.socketpair());
                unixSide(json.name("client"), p.client(), owners);
                unixSide(json.name("server"), p.server(), owners);
            }
        }
        where.ifPresent(n -> SocketJson.netns(json, client(r).netns(), n));
        json.endObject();
    }

    private static void side(Json json, SocketEntry s, Optional<Owners> owners) {
        json.beginObject().name("address").value(s.local().hostString()).name("port").value(s.local().port())
                .name("state").value(s.state().netstatName()).name("inode").value(s.inode());
        owners.ifPresent(o -> new OwnerJson(o).write(json, s));
        json.endObject();
    }

    private static void unixSide(Json json, UnixSocket s, Optional<Owners> owners) {
        json.beginObject().name("path");
        s.name().ifPresentOrElse(json::value, json::nullValue);
        json.name("state").value(s.state().netstatName()).name("inode").value(s.inode());
        owners.ifPresent(o -> new OwnerJson(o).write(json, "owners", s));
        json.endObject();
    }
}
