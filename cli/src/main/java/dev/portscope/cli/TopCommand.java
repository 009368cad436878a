package dev.portscope.cli;

import dev.portscope.linux.EphemeralPorts;
import dev.portscope.linux.ProcRoot;
import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Directions;
import dev.portscope.source.Query;
import dev.portscope.source.SocketSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;

/** {@code portscope top}: sockets counted by a key and sorted, the {@code netstat | awk | sort | uniq -c} pipeline built in. */
@Command(name = "top", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Counts sockets by a key, most first: which peers, ports, processes or states dominate.",
                "Connected sockets by default (-l listening, -a all); ss's filter words narrow what is counted.",
                "Hosts and ports are numbers."},
        footer = {"", "Examples:", "  portscope top                              peers with the most connections",
                "  portscope top --by local-port -t           busiest local ports",
                "  portscope top --by process state established",
                "  portscope top --by state dport = :443 --json"})
final class TopCommand implements Callable<Integer> {
    /** What sockets are counted by. */
    enum By {
        REMOTE_HOST("remote-host"), REMOTE_PORT("remote-port"), LOCAL_PORT("local-port"), PROCESS("process"), STATE("state");

        final String label;

        By(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Environment environment;

    @Spec
    CommandSpec spec;
    @Mixin
    SourceOptions source = new SourceOptions();
    @Mixin
    SelectionOptions select = new SelectionOptions();
    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--by", paramLabel = "KEY", converter = ByConverter.class,
            description = "remote-host (default), remote-port, local-port, process (pid/command) or state.")
    By by = By.REMOTE_HOST;
    @Option(names = "--limit", paramLabel = "N", description = "At most N rows (default 20; 0 for all).")
    int limit = 20;
    @Parameters(paramLabel = "FILTER", description = "ss's filter words, as for the listing (see portscope --help).")
    List<String> filterWords = new ArrayList<>();

    /** One counted key. */
    record Count(String key, long count) {
    }

    TopCommand(Environment environment) {
        this.environment = environment;
    }

    static final class ByConverter implements picocli.CommandLine.ITypeConverter<By> {
        @Override
        public By convert(String value) {
            for (By b : By.values()) {
                if (b.label.equals(value)) {
                    return b;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value
                    + "' is not a key: remote-host, remote-port, local-port, process or state");
        }
    }

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new UsageException("--limit " + limit + ": give 0 (all) or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        RowOutput<Count> output = new RowOutput<>(this.output, columns(),
                (json, c) -> json.beginObject().name("count").value(c.count()).name(by.label).value(c.key()).endObject()).check();
        if (output.printedColumnsHelp(out)) {
            return Failures.OK;
        }
        ProcRoot proc = source.proc(environment);
        Set<Protocol> protocols = select.protocols(false);
        Query unfiltered = new Query(protocols, select.families(), select.states());
        SocketFilter filter = SocketFilter.parse(filterWords, environment.registry(), protocols);
        Query query = filter.narrow(unfiltered);
        SocketSource sockets = source.socketSource(environment, proc);
        boolean needsOwners = by == By.PROCESS || filter.needsProcesses();
        Optional<Owners> owners = needsOwners ? Optional.of(Owners.ofAll(proc)) : Optional.empty();
        Optional<PortRange> ephemeral = EphemeralPorts.read(proc);
        Optional<Directions> directions = filter.needsListeners()
                ? Optional.of(Directions.read(sockets, query.protocols(), ephemeral)) : Optional.empty();
        Function<SocketEntry, List<String>> keys = keys(owners);
        Map<String, Long> counts = new HashMap<>();
        try (Stream<SocketEntry> found = sockets.sockets(query)) {
            filter.select(found, directions, owners).forEach(s -> keys.apply(s).forEach(k -> counts.merge(k, 1L, Long::sum)));
        }
        List<Count> rows = output.sorted(counts.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key)).toList());
        List<Count> top = limit == 0 || rows.size() <= limit ? rows : rows.subList(0, limit);
        output.print(out, top);
        out.flush();
        if (top.size() < rows.size()) {
            spec.commandLine().getErr().println("portscope: " + (rows.size() - top.size()) + " more keys not shown (--limit 0 shows all)");
        }
        owners.flatMap(Owners::hint).ifPresent(h -> spec.commandLine().getErr().println("portscope: " + h));
        return Failures.OK;
    }

    private Columns<Count> columns() {
        return new Columns<Count>()
                .add("count", "sockets with this key", true, c -> Long.toString(c.count()))
                .add("key", "the " + by + " they share", true, Count::key);
    }

    /** The keys a socket counts under: one, except a socket shared by several processes counts for each. */
    private Function<SocketEntry, List<String>> keys(Optional<Owners> owners) {
        return switch (by) {
            case REMOTE_HOST -> s -> List.of(s.remote().hostString());
            case REMOTE_PORT -> s -> List.of(Integer.toString(s.remote().port()));
            case LOCAL_PORT -> s -> List.of(Integer.toString(s.local().port()));
            case STATE -> s -> List.of(s.state().name());
            case PROCESS -> s -> {
                List<String> holders = owners.orElseThrow().of(s).stream()
                        .map(o -> o.pid() + "/" + owners.get().process(o.pid()).command()).distinct().toList();
                return holders.isEmpty() ? List.of("-") : holders;
            };
        };
    }
}
