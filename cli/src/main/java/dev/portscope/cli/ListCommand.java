package dev.portscope.cli;

import dev.portscope.cli.render.Columns;
import dev.portscope.cli.render.OwnerText;
import dev.portscope.cli.render.OwnerJson;
import dev.portscope.cli.render.SocketColumns;
import dev.portscope.cli.render.Names;
import dev.portscope.cli.render.Statistics;
import dev.portscope.cli.render.NetstatTable;
import dev.portscope.cli.render.SsExtras;
import dev.portscope.cli.render.SocketJson;
import dev.portscope.Listing;
import dev.portscope.Portscope;
import dev.portscope.filter.FactMatch;
import dev.portscope.filter.Filter;
import dev.portscope.filter.FilterParser;
import dev.portscope.lookup.Cgroups;
import dev.portscope.lookup.Directions;
import dev.portscope.lookup.HostNames;
import dev.portscope.lookup.Owners;
import dev.portscope.lookup.ServiceNames;
import dev.portscope.lookup.StateCount;
import dev.portscope.model.Container;
import dev.portscope.model.Netns;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import dev.portscope.source.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The default command: lists sockets as netstat does. */
@Command(name = "portscope", mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false,
        customSynopsis = {"portscope [OPTION]... [FILTER]...", "       portscope COMMAND [OPTION]... [ARGUMENT]..."},
        description = {
                "A fast, modern netstat for Linux: lists sockets as the kernel reports them.",
                "Without -l or -a it shows connected sockets, as netstat does; without -t -u -w -x -0 --netlink -M, TCP and UDP, "
                        + "and the table ends with netstat's UNIX section.",
                "Hosts print as names (system resolver, never waiting past --dns-timeout) and ports as service names "
                        + "from the services files (~/.config/portscope/services, /etc/services), as netstat's, unless -n.",
                "-e -o -m -i print ss's extras in ss's words; they need the netlink source."},
        footer = {"", "Examples:",
                "  portscope -tuan          every TCP and UDP socket, numeric",
                "  portscope -tlnW          TCP listeners, addresses never truncated",
                "  portscope -tan --json    every TCP socket as a JSON array",
                "  portscope -tnoemi        ss's timers, details, memory and tcp_info",
                "  portscope -xap           UNIX sockets, peers and processes",
                "  portscope port 5353/udp  what is port 5353/udp?",
                "  portscope who 8080       which processes use port 8080, and their peers",
                "",
                "On a terminal the address columns widen to its width (COLUMNS, when set, wins)",
                "and states are coloured; through a pipe or into a file, netstat's widths and",
                "no colours; NO_COLOR=1 turns colours off.",
                "",
                "Exit status: 0 ok, 1 failure at run time, 2 bad usage or bad input files."})
@FastPath.Flags
final class ListCommand extends ViewCommand {


    @Option(names = {"-w", "--raw"}, description = "RAW sockets (their port is the IP protocol number).")
    boolean raw;
    @Mixin
    FamilyOptions families = new FamilyOptions();
    @Option(names = {"-W", "--wide"}, description = "Never truncate addresses; end each row with what its service is "
            + "(name and IANA description of the listening or remote service port; not with -n).")
    boolean wide;
    @Mixin
    OutputOptions output = new OutputOptions();
    @Option(names = {"-s", "--statistics"}, description = "A summary as ss -s, from /proc/net/sockstat (no socket dump); "
            + "with -t -u -4 -6 -l -a -B or a filter, counts of those sockets per protocol, family and state too; "
            + "--json, --csv, --columns and --sort apply.")
    boolean statistics;
    @Option(names = "--counters", description = "With -s: the kernel's counters too, as netstat -s (snmp, netstat, snmp6; "
            + "those not 0 unless -a).")
    boolean counters;
    @Option(names = {"-e", "--extended"}, description = "ss's details: uid, inode, socket cookie (sk), v6only.")
    boolean extended;
    @Option(names = {"-o", "--timers"}, description = "ss's timer information: timer:(on|keepalive|timewait|persist,expires,retransmits).")
    boolean timers;
    @Option(names = {"-m", "--memory"}, description = "ss's socket memory: skmem:(r,rb,t,tb,f,w,o,bl,d).")
    boolean memory;
    @Option(names = {"-p", "--processes"}, description = "Owning processes: every pid sharing the socket (netstat's PID/Program name; "
            + "ss's users:(...) with -e/-o/-m/-i; pid, command, user, command line, start, unit in JSON).")
    boolean processes;
    @Option(names = "--cgroup", description = "Each socket's cgroup and the container or unit it names (Docker, containerd "
            + "and Kubernetes, CRI-O, Podman, LXC, nspawn, systemd units), from the cgroup id the kernel keeps per socket "
            + "(netlink, Linux 5.8+); on with -N and --all-netns.")
    boolean cgroup;
    @Option(names = {"-i", "--info"}, description = "ss's TCP internals: rtt, rto, cwnd, ssthresh, mss, bytes, rates, congestion algorithm.")
    boolean info;
    @Option(names = {"-c", "--continuous"}, description = "Print the listing again every second (or --interval), as netstat -c; "
            + "Ctrl-C ends it. portscope watch prints only what changed.")
    boolean continuous;
    @Option(names = "--interval", paramLabel = "DURATION", converter = WatchCommand.Durations.class,
            description = "With -c: the time between listings (default 1s; 500ms, 2s).")
    java.time.Duration interval;
    @Parameters(paramLabel = "FILTER", completionCandidates = Docs.FilterWords.class, description = {
            "ss's filter: [state|exclude STATE]... [EXPRESSION], e.g. state established '( dport = :ssh or sport = :ssh )'.",
            "STATE: established, syn-sent, syn-recv, fin-wait-1, fin-wait-2, time-wait, closed, close-wait, last-ack, "
                    + "listening, closing, bound-inactive, or all, connected, synchronized, bucket, big; a state replaces -l/-a.",
            "EXPRESSION: sport|dport OP PORT (OP = != < > <= >= or eq ne lt gt le ge; PORT :22, :ssh), "
                    + "src|dst HOST (10.0.0.0/8, 127.0.0.1:80, [::1]:22 or ::1:22, :443, a host name), "
                    + "pid = N, user = NAME|UID, comm = NAME, class = system|user|dynamic, dir = in|out, "
                    + "netns = NAME|INODE, container = ID|UNIT, cgroup = PATH, dev = INTERFACE; "
                    + "joined by and, or, not and ( ). As in ss, and/or bind equally, left to right: use parentheses. "
                    + "Ports, addresses and states are filtered in the kernel."})
    List<String> filterWords = new ArrayList<>();

    ListCommand(Environment environment) {
        super(environment);
    }

    /** Lists the sockets the options ask for; shared by picocli and {@link FastPath}. */
    @Override
    int view(PrintWriter out, PrintWriter err) {
        output.check();
        FamilyOptions.Asked asked = families.resolve(select, raw);
        if (output.columnsHelp()) {
            boolean oneOther = !asked.anyInet() && asked.otherKinds() == 1;
            (statistics ? Statistics.columns() : oneOther ? FamilyPrinter.columns(asked, processes)
                    : SocketColumns.of(Optional.empty(), Optional.empty(), Optional.empty(), processes))
                    .help().forEach(out::println);
            out.flush();
            return Failures.OK;
        }
        netns.impliedBy(filterWords);
        try (Portscope portscope = source.open(environment, netns)) {
            Query unfiltered = query(asked);
            Optional<FilterParser.Parsed> filter = filterWords.isEmpty() ? Optional.empty()
                    : Optional.of(filter(portscope, filterWords, unfiltered.protocols()));
            Query query = filter.map(unfiltered::withFilter).orElse(unfiltered);
            boolean namesStates = filter.flatMap(FilterParser.Parsed::states).isPresent();
            if (counters && !statistics) {
                throw new UsageException("--counters goes with -s: portscope -s --counters");
            }
            if (statistics && netns.any() && counters) {
                throw new UsageException("--counters are this namespace's /proc/net files; with -N or --all-netns, -s counts the sockets");
            }
            if (statistics && continuous) {
                throw new UsageException("-c repeats the socket listing, not -s; for a changing summary: watch -n1 portscope -s");
            }
            if (asked.sctp()) {
                throw new dev.portscope.source.SourceUnavailableException(portscope.hasSctp()
                        ? "portscope does not list SCTP associations yet: ss -S lists them"
                        : "this kernel has no SCTP to list (no /proc/net/sctp: SCTP is not built in or its module is not loaded)", null);
            }
            if (statistics && asked.anyOther()) {
                throw new UsageException("-s counts TCP, UDP and RAW sockets; for UNIX, packet or netlink sockets list them: portscope -xa | wc -l");
            }
            if (statistics) {
                boolean count = select.tcp || select.udp || raw || select.ipv4 || select.ipv6 || select.listening || select.all
                        || select.boundInactive || !filterWords.isEmpty() || netns.any();
                Query counted = select.listening || select.boundInactive || namesStates ? query : query.withStates(Query.ALL_STATES);
                return printStatistics(out, err, portscope, count ? Optional.of(counted) : Optional.empty());
            }
            if (interval != null && !continuous) {
                throw new UsageException("--interval goes with -c: portscope -c --interval 2s");
            }
            boolean netstatUnix = !asked.named() && !select.ipv4 && !select.ipv6 && filterWords.isEmpty() && !output.anyJson()
                    && !output.csv && output.columns.isEmpty() && output.sort.isEmpty();
            FamilyOptions.Asked others = netstatUnix ? FamilyOptions.withNetstatUnix(asked) : asked;
            do {
                // netstat's own section shows, without -l or -a, every socket but the listening ones (unconnected too);
                // -x follows ss: connected ones only
                Set<TcpState> unixStates = netstatUnix && !select.all && !select.listening
                        ? java.util.EnumSet.complementOf(java.util.EnumSet.of(TcpState.LISTEN)) : query.states();
                OtherFamilies read = others.anyOther() ? OtherFamilies.read(portscope, others, unixStates, filter, extended, memory, netstatUnix)
                        : OtherFamilies.NONE;
                if (others.anyInet()) {
                    try (Listing listing = portscope.list(query)) {
                        printListing(out, err, portscope, listing, read);
                    }
                } else {
                    new FamilyPrinter(environment, output, names, processes, netns.any(), portscope).print(out, err, read,
                            scope(query.states(), Set.of(Protocol.TCP)));
                }
                if (continuous) {
                    out.println(); // netstat -c: the next listing after a blank line
                    out.flush();
                    pause(interval == null ? java.time.Duration.ofSeconds(1) : interval);
                }
            } while (continuous && !Thread.currentThread().isInterrupted());
        }
        return Failures.OK;
    }

    private static void pause(java.time.Duration interval) {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void printListing(PrintWriter out, PrintWriter err, Portscope portscope, Listing listing, OtherFamilies others) {
        Query query = listing.query();
        if (others.kinds() > 0 && (output.csv || !output.columns.isEmpty() || !output.sort.isEmpty())) {
            throw new UsageException("--csv, --columns and --sort take one kind of socket at a time: TCP/UDP (-tu) or -x, -0, --netlink alone");
        }
        FamilyPrinter otherPrinter = new FamilyPrinter(environment, output, names, processes, netns.any(), portscope);
        // The socket columns (--csv, --columns, --sort) only for a socket listing; -s has its own.
        boolean columnar = output.csv || !output.columns.isEmpty();
        boolean sorted = !output.sort.isEmpty();
        List<String> named = new ArrayList<>(output.columns);
        named.addAll(output.sort);
        boolean needsOwners = processes || SocketColumns.needsOwners(named);
        Optional<Owners> owners = needsOwners ? Optional.of(listing.owners()) : Optional.empty();
        Optional<HostNames> hosts = Optional.empty();
        boolean services = !names.portsAsNumbers() && (output.anyJson() || wide || columnar);
        boolean needsListeners = (output.anyJson() || extended || services || columnar || sorted)
                && !Collections.disjoint(query.states(), Query.CONNECTED)
                || Filter.needs(query.filter()).contains(FactMatch.Need.LISTENERS);
        Optional<Directions> directions = needsListeners ? Optional.of(listing.directions()) : Optional.empty();
        ServiceNames serviceNames = portscope.serviceNames();
        Names portNames = new Names(names.portsAsNumbers(), serviceNames, Optional.empty(), directions);
        Map<Long, Netns> namespaces = listing.namespacesByInode();
        Optional<Cgroups> cgroups = cgroup || netns.any() ? Optional.of(listing.cgroups()) : Optional.empty();
        Optional<Columns<SocketEntry>> columns = columnar || sorted
                ? Optional.of(SocketColumns.of(directions, owners, Optional.of(portNames), processes))
                .map(c -> netns.any() ? SocketColumns.withNamespaces(c, namespaces) : c)
                .map(c -> cgroups.map(g -> SocketColumns.withCgroups(c, g)).orElse(c)) : Optional.empty();
        List<String> shown = columns.map(c -> c.select(output.columns, output.csv)).orElse(List.of());
        Optional<Comparator<SocketEntry>> order = columns.filter(c -> sorted).map(c -> c.order(output.sort));
        try (Stream<SocketEntry> stream = listing.sockets()) {
            Iterator<SocketEntry> it = order.map(stream::sorted).orElse(stream).iterator();
            it.hasNext(); // a read that fails before its first socket fails before anything is printed
            if (output.anyJson()) {
                List<SocketJson.Fields> lookups = new ArrayList<>();
                directions.ifPresent(d -> lookups.add(SocketJson.roles(d)));
                if (services) {
                    lookups.add(serviceJson(portNames));
                }
                owners.filter(o -> processes).ifPresent(o -> lookups.add(new OwnerJson(o)));
                if (netns.any()) {
                    lookups.add(SocketJson.netns(namespaces));
                }
                cgroups.ifPresent(g -> lookups.add(SocketJson.cgroup(g)));
                if (others.kinds() == 0) {
                    if (output.jsonl) {
                        SocketJson.writeLines(out, it, lookups);
                    } else {
                        SocketJson.writeArray(out, it, lookups);
                    }
                } else {
                    otherPrinter.json(out, it, lookups, others);
                }
            } else if (output.csv) {
                columns.orElseThrow().csv(out, shown, () -> it, !output.noHeader);
            } else if (columnar) {
                List<SocketEntry> rows = new ArrayList<>();
                it.forEachRemaining(rows::add);
                columns.orElseThrow().table(out, shown, rows, !output.noHeader);
            } else {
                hosts = resolveHosts() ? Optional.of(hostNames(portscope)) : Optional.empty();
                printTable(out, it, hosts, new Names(names.portsAsNumbers(), serviceNames, hosts, directions),
                        services, directions, owners, query.states(), query.protocols(), namespaces, cgroups);
                if (others.kinds() > 0) {
                    otherPrinter.text(out, others, scope(query.states(), query.protocols()));
                }
            }
        }
        out.flush();
        listing.notes().forEach(note -> err.println("portscope: " + note));
        others.notes().forEach(note -> err.println("portscope: " + note));
        owners.flatMap(Owners::hint).ifPresent(hint -> err.println("portscope: " + hint));
        hosts.filter(h -> h.leftNumeric() > 0).ifPresent(h -> err.println("portscope: " + h.leftNumeric()
                + " addresses left numeric: no name within the " + names.dnsTimeout + " s DNS deadline (--dns-timeout, or -n to skip names)"));
        source.debugLines(listing).forEach(line -> err.println("portscope: " + line));
    }

    /** -s: the summary, the counts of {@code query}'s sockets when there is one, the counters with --counters. */
    private int printStatistics(PrintWriter out, PrintWriter err, Portscope portscope, Optional<Query> query) {
        Optional<List<StateCount>> counts = Optional.empty();
        List<String> notes = List.of();
        if (query.isPresent()) {
            try (Listing listing = portscope.list(query.get())) {
                counts = Optional.of(listing.countByState());
                notes = listing.notes();
            }
        }
        // /proc/net/sockstat and the counters describe this namespace only: across namespaces, the counts alone
        Statistics stats = netns.any() ? Statistics.of(counts, List.of(), false, false, false)
                : Statistics.of(counts, portscope.counters(), counters, select.all, true);
        Columns<Statistics.Row> columns = Statistics.columns();
        List<String> shown = columns.select(output.columns, output.csv);
        List<Statistics.Row> rows = new ArrayList<>(stats.rows());
        rows.sort(columns.order(output.sort));
        if (output.anyJson()) {
            stats.json(out);
        } else if (output.csv) {
            columns.csv(out, shown, rows, !output.noHeader);
        } else if (!output.columns.isEmpty() || !output.sort.isEmpty()) {
            columns.table(out, shown, rows, !output.noHeader);
        } else {
            stats.table(out);
        }
        out.flush();
        notes.forEach(note -> err.println("portscope: " + note));
        return Failures.OK;
    }

    /** netstat's table, names resolved for all rows at once (one deadline for the listing, not one per host). */
    private void printTable(PrintWriter out, Iterator<SocketEntry> it, Optional<HostNames> hosts, Names names, boolean services,
                            Optional<Directions> directions, Optional<Owners> owners, Set<TcpState> states, Set<Protocol> protocols,
                            Map<Long, Netns> namespaces, Optional<Cgroups> cgroups) {
        if (hosts.isPresent()) {
            List<SocketEntry> all = new ArrayList<>();
            it.forEachRemaining(all::add);
            hosts.get().prefetch(addresses(all));
            it = all.iterator();
        }
        SsExtras extras = new SsExtras(timers, extended, memory, info, directions);
        boolean ownerColumn = processes && !extras.any();
        Terminal terminal = environment.terminal();
        NetstatTable.Layout layout = NetstatTable.Layout.of(wide, terminal.columns(), ownerColumn, terminal.style());
        NetstatTable table = new NetstatTable(out, names, layout, services && wide, extras,
                owners.filter(o -> processes).map(o -> (NetstatTable.OwnerText) new OwnerText(o)).orElse(null));
        if (netns.any()) {
            table.withColumn("Netns", s -> Netns.labelOf(s.netns(), namespaces));
        }
        cgroups.ifPresent(g -> table.withColumn("Container", g::label));
        if (!output.noHeader) {
            table.header(scope(states, protocols));
        }
        while (it.hasNext()) {
            table.row(it.next());
        }
    }

    /** {@code service: {port, name, description}} of the service end, when its port has a name (not with -n). */
    private static SocketJson.Fields serviceJson(Names names) {
        return (json, s) -> {
            int port = names.serviceEnd(s).port();
            names.serviceName(port, s.protocol()).ifPresent(name -> {
                json.name("service").beginObject().name("port").value(port).name("name").value(name);
                names.description(port, s.protocol()).ifPresent(d -> json.name("description").value(d));
                json.endObject();
            });
        };
    }

    /** The table's title, as the states listed make it true: only servers, without servers, or both. */
    private static NetstatTable.Scope scope(Set<TcpState> states, Set<Protocol> protocols) {
        boolean servers = protocols.stream().anyMatch(p -> states.stream().anyMatch(state -> state.isListening(p)));
        boolean connected = !Collections.disjoint(states, Query.CONNECTED);
        if (!servers && !connected && states.contains(TcpState.BOUND_INACTIVE)) {
            return NetstatTable.Scope.BOUND;
        }
        return servers && connected ? NetstatTable.Scope.ALL : servers ? NetstatTable.Scope.LISTENING : NetstatTable.Scope.CONNECTED;
    }

    private boolean resolveHosts() {
        return names.hostsAsNames();
    }

    private HostNames hostNames(Portscope portscope) {
        return portscope.hostNames(names.deadline());
    }

    private static Set<InetAddress> addresses(List<SocketEntry> sockets) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (SocketEntry s : sockets) {
            if (!s.local().isWildcard()) {
                addresses.add(s.local().address());
            }
            if (!s.remote().isWildcard()) {
                addresses.add(s.remote().address());
            }
        }
        return addresses;
    }

    Query query() {
        return query(families.resolve(select, raw));
    }

    private Query query(FamilyOptions.Asked asked) {
        Set<Query.Detail> details = EnumSet.noneOf(Query.Detail.class);
        if (memory) {
            details.add(Query.Detail.MEMORY);
        }
        if (info) {
            details.add(Query.Detail.TCP_INFO);
        }
        return new Query(asked.inet(), asked.inetFamilies(), select.states(), details, Filter.always());
    }
}
