package dev.portscope.cli;

import dev.portscope.cli.render.Columns;
import dev.portscope.cli.render.Json;
import dev.portscope.cli.render.RowOutput;
import dev.portscope.Listing;
import dev.portscope.Portscope;
import dev.portscope.filter.FactMatch;
import dev.portscope.filter.Filter;
import dev.portscope.lookup.Count;
import dev.portscope.lookup.CountKey;
import dev.portscope.source.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code portscope top}: sockets counted by a key and sorted, the {@code netstat | awk | sort | uniq -c} pipeline built in. */
@Command(name = "top", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Counts sockets by a key, most first: which peers, ports, processes or states dominate.",
                "Connected sockets by default (-l listening, -a all); ss's filter words narrow what is counted.",
                "Hosts and ports are numbers (-n and friends are accepted and change nothing)."},
        footer = {"", "Examples:", "  portscope top                              peers with the most connections",
                "  portscope top --by local-port -t           busiest local ports",
                "  portscope top --by process state established",
                "  portscope top --by state dport = :443 --json",
                "  portscope top --rate --by process          who moves the most bytes now (TCP)"})
@FastPath.Flags
final class TopCommand extends ViewCommand {
    @Option(names = {"-w", "--raw"}, description = "RAW sockets (their port is the IP protocol number).")
    boolean raw;
    @Option(names = {"-p", "--processes"}, description = "Count by process (the same as --by process).")
    boolean processes;
    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--by", paramLabel = "KEY", converter = ByConverter.class, completionCandidates = Docs.ByKeys.class,
            description = "remote-host (default), remote-port, local-port, process (pid/command), state, netns "
                    + "or container (with -N or --all-netns across namespaces), connection (each socket).")
    CountKey by;
    @Option(names = "--limit", paramLabel = "N", description = "At most N rows (default 20; 0 for all).")
    int limit = 20;
    @Option(names = "--rate", description = "TCP throughput instead of counts: bytes in and out per second by the key, from the "
            + "kernel's per-connection byte counters (tcp_info) read --interval apart; no root, no packet capture.")
    boolean rate;
    @Option(names = "--interval", paramLabel = "DURATION", converter = WatchCommand.Durations.class,
            description = "With --rate: the time between the two reads (default 1s; 500ms, 2s).")
    java.time.Duration interval;
    @Option(names = "--count", paramLabel = "N", description = "With --rate: how many intervals to measure and print (default 1).")
    Integer count;
    @Option(names = "--live", description = "A full-screen view of --rate, redrawn every --interval: keys b (by), s (sort), / (filter), "
            + "p (pause), arrows and Enter (details), k (kill a connection, as root), q (quit).")
    boolean live;
    @Parameters(paramLabel = "FILTER", description = "ss's filter words, as for the listing (see portscope --help).")
    List<String> filterWords = new ArrayList<>();

    TopCommand(Environment environment) {
        super(environment);
    }

    static final class ByConverter implements picocli.CommandLine.ITypeConverter<CountKey> {
        @Override
        public CountKey convert(String value) {
            return CountKey.of(value).orElseThrow(() -> new picocli.CommandLine.TypeConversionException("'" + value
                    + "' is not a key: " + FamilyOptions.words(CountKey.labels(), "or")));
        }
    }

    @Override
    int view(PrintWriter out, PrintWriter err) {
        if (limit < 0) {
            throw new UsageException("--limit " + limit + ": give 0 (all) or more");
        }
        if (processes && by != null && by != CountKey.PROCESS) {
            throw new UsageException("-p counts by process; it does not go with --by " + by);
        }
        if (by == null) {
            by = processes ? CountKey.PROCESS : CountKey.REMOTE_HOST;
        }
        if (live) {
            return live(err);
        }
        if (!rate && (interval != null || count != null)) {
            throw new UsageException("--interval and --count go with --rate: portscope top --rate --interval 2s");
        }
        if (rate) {
            return rates(out, err);
        }
        RowOutput<Count> output = new RowOutput<>(this.output.format(), columns(),
                (json, c) -> key(json.beginObject().name("count").value(c.count()), c.key()).endObject()).check();
        if (output.printedColumnsHelp(out)) {
            return Failures.OK;
        }
        netns.impliedBy(filterWords);
        try (Portscope portscope = source.open(environment, netns)) {
            Query unfiltered = new Query(select.protocols(raw), select.families(), select.states());
            Query query = filterWords.isEmpty() ? unfiltered
                    : unfiltered.withFilter(filter(portscope, filterWords, unfiltered.protocols()));
            try (Listing listing = portscope.list(query)) {
                List<Count> rows = output.sorted(listing.count(by));
                List<Count> top = limit == 0 || rows.size() <= limit ? rows : rows.subList(0, limit);
                output.print(out, top);
                out.flush();
                source.printNotes(err, listing);
                if (top.size() < rows.size()) {
                    err.println("portscope: " + (rows.size() - top.size()) + " more keys not shown (--limit 0 shows all)");
                }
                if (by.needsOwners() || Filter.needs(query.filter()).contains(FactMatch.Need.PROCESSES)) {
                    listing.owners().hint().ifPresent(h -> err.println("portscope: " + h));
                }
            }
        }
        return Failures.OK;
    }

    private int live(PrintWriter err) {
        if (count != null || output.anyJson() || output.csv || !output.columns.isEmpty()) {
            throw new UsageException("--live draws on the terminal until q; for data use top --rate (--count, --json)");
        }
        if (environment.terminal().columns().isEmpty()) {
            throw new UsageException("--live needs a terminal on standard output; top --rate prints the same numbers");
        }
        netns.impliedBy(filterWords);
        try (Portscope portscope = source.open(environment, netns)) {
            Query query = rateQuery(portscope);
            boolean colour = environment.terminal().style() == dev.portscope.cli.render.Style.ANSI;
            return new LiveTop(portscope, query, by, interval == null ? java.time.Duration.ofSeconds(1) : interval, colour, netns.any()).run();
        } catch (java.io.IOException e) {
            err.println("portscope: the terminal failed: " + e.getMessage());
            return Failures.RUNTIME;
        }
    }

    /** The TCP sockets --rate and --live measure: the families, states and filter asked for. */
    private Query rateQuery(Portscope portscope) {
        Query tcp = new Query(java.util.EnumSet.of(dev.portscope.model.Protocol.TCP), select.families(), select.states());
        return filterWords.isEmpty() ? tcp : tcp.withFilter(filter(portscope, filterWords, tcp.protocols()));
    }

    private int rates(PrintWriter out, PrintWriter err) {
        int intervals = count == null ? 1 : count;
        if (intervals < 1) {
            throw new UsageException("--count " + intervals + ": give 1 or more");
        }
        if (output.json && intervals > 1) {
            throw new UsageException("--json prints one interval as one array; for several use --jsonl (one object per row)");
        }
        if (select.udp || raw) {
            throw new UsageException("--rate measures TCP: the kernel keeps no byte counters for UDP or RAW sockets");
        }
        RateTop top = new RateTop(by, output, this::key);
        if (top.rowOutput(java.time.Instant.EPOCH).check().printedColumnsHelp(out)) {
            return Failures.OK;
        }
        netns.impliedBy(filterWords);
        try (Portscope portscope = source.open(environment, netns)) {
            Query query = rateQuery(portscope);
            top.run(out, err, portscope, portscope.rateMeter(query), interval == null ? java.time.Duration.ofSeconds(1) : interval, intervals, limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Failures.OK;
    }

    /** The columns: count, the key as text for the table, and the key's JSON fields for CSV. */
    private Columns<Count> columns() {
        Columns<Count> columns = new Columns<Count>()
                .add("count", "sockets with this key", true, c -> Long.toString(c.count()))
                .addText("key", "the " + by + " they share", true, Count::key);
        if (by == CountKey.PROCESS) {
            return columns.add("process.pid", "the process's pid (empty: owner not visible)", Columns.Default.CSV,
                            c -> processPart(c.key(), true))
                    .add("process.command", "its command", Columns.Default.CSV, c -> processPart(c.key(), false));
        }
        return columns.add(by.jsonName(), "the " + by + " they share", Columns.Default.CSV, Count::key);
    }

    /**
     * The key as JSON: {@code "remoteHost": "10.0.0.1"}, {@code "remotePort": 443} (ports are
     * numbers), {@code "state": "ESTABLISHED"}, {@code "process": {"pid": 812, "command": "nginx"}}
     * or {@code null} for sockets whose owner could not be seen.
     */
    Json key(Json json, String key) {
        json.name(by.jsonName());
        return switch (by) {
            case REMOTE_PORT, LOCAL_PORT -> json.value(Integer.parseInt(key));
            case PROCESS -> key.equals("-") ? json.nullValue()
                    : json.beginObject().name("pid").value(Long.parseLong(processPart(key, true))).name("command").value(processPart(key, false)).endObject();
            case REMOTE_HOST, STATE, NETNS, CONTAINER, CONNECTION -> json.value(key);
        };
    }

    /** The pid or the command of a {@code pid/command} key (the command may hold '/' itself); empty for {@code -}. */
    private static String processPart(String key, boolean pid) {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : pid ? key.substring(0, slash) : key.substring(slash + 1);
    }

}
