package dev.portscope.cli;

import dev.portscope.cli.render.Json;
import dev.portscope.linux.EphemeralPorts;
import dev.portscope.linux.ProcRoot;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Family;
import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Directions;
import dev.portscope.source.Query;
import dev.portscope.source.SocketPairs;
import dev.portscope.source.SocketPairs.SocketPair;
import dev.portscope.source.SocketSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code portscope pairs}: connections with both ends on this host, client and server side by side. */
@Command(name = "pairs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows connections whose two ends both live on this host (loopback, or any local address), "
                + "joining the client's socket with the server's: client address and port -> server address and port, "
                + "and with -p the process on each side."},
        footer = {"", "Examples:", "  portscope pairs -p", "  portscope pairs -t --json"})
final class PairsCommand implements Callable<Integer> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source = new SourceOptions();

    @Option(names = {"-t", "--tcp"}, description = "TCP only.")
    boolean tcp;

    @Option(names = {"-u", "--udp"}, description = "UDP only (connected UDP sockets).")
    boolean udp;

    @Option(names = {"-n", "--numeric"}, description = "Port numbers instead of service names.")
    boolean numeric;

    @Option(names = {"-p", "--processes"}, description = "Show the process (pid/command) holding each side.")
    boolean processes;

    @Option(names = "--json", description = "Print a JSON array: protocol, client and server, each with address, port, "
            + "state, inode and (with -p) owners.")
    boolean json;

    PairsCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Set<Protocol> protocols = tcp == udp ? EnumSet.of(Protocol.TCP, Protocol.UDP) : EnumSet.of(tcp ? Protocol.TCP : Protocol.UDP);
        ProcRoot proc = source.proc(environment);
        SocketSource sockets = source.socketSource(environment, proc);
        Optional<PortRange> ephemeral = EphemeralPorts.read(proc);
        Directions directions = Directions.read(sockets, protocols, ephemeral);
        List<SocketEntry> connected;
        try (Stream<SocketEntry> s = sockets.sockets(new Query(protocols, EnumSet.allOf(Family.class), Query.CONNECTED))) {
            connected = s.toList();
        }
        List<SocketPair> pairs = SocketPairs.join(connected, directions);
        Optional<Owners> owners = processes
                ? Optional.of(Owners.ofSockets(proc, pairs.stream().flatMap(p -> Stream.of(p.client(), p.server())).toList()))
                : Optional.empty();
        if (json) {
            writeJson(out, pairs, owners);
        } else {
            Names names = new Names(numeric, environment.registry(), ephemeral, Optional.empty(), Optional.of(directions));
            writeTable(out, pairs, names, owners);
        }
        out.flush();
        owners.flatMap(Owners::hint).ifPresent(h -> spec.commandLine().getErr().println("portscope: " + h));
        return Failures.OK;
    }

    private void writeTable(PrintWriter out, List<SocketPair> pairs, Names names, Optional<Owners> owners) {
        String format = owners.isPresent() ? "%-5s %-27s %-27s %-12s %-20s %s%n" : "%-5s %-27s %-27s %s%n";
        Object[] header = owners.isPresent()
                ? new Object[] {"Proto", "Client", "Server", "State", "Client process", "Server process"}
                : new Object[] {"Proto", "Client", "Server", "State"};
        out.printf(format, header);
        for (SocketPair p : pairs) {
            SocketEntry c = p.client();
            SocketEntry s = p.server();
            String state = c.state() == s.state() ? c.state().netstatName() : c.state().netstatName() + "/" + s.state().netstatName();
            String client = endpoint(names, c.local(), c.protocol());
            String server = endpoint(names, s.local(), s.protocol());
            if (owners.isPresent()) {
                out.printf(format, c.protocol().label(), client, server, state, process(owners.get(), c), process(owners.get(), s));
            } else {
                out.printf(format, c.protocol().label(), client, server, state);
            }
        }
    }

    private static String endpoint(Names names, Endpoint e, Protocol protocol) {
        String host = names.host(e);
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + names.port(e.port(), protocol);
    }

    /** {@code 1234/curl}, every sharer joined by commas, or {@code -} when none could be seen. */
    private static String process(Owners owners, SocketEntry s) {
        String text = owners.pidsAndCommands(s);
        return text.isEmpty() ? "-" : text;
    }

    private static void writeJson(PrintWriter out, List<SocketPair> pairs, Optional<Owners> owners) {
        out.print('[');
        boolean first = true;
        for (SocketPair p : pairs) {
            out.print(first ? "\n" : ",\n");
            first = false;
            Json json = new Json(out).beginObject().name("protocol").value(p.client().protocol().label());
            side(json.name("client"), p.client(), owners);
            side(json.name("server"), p.server(), owners);
            json.endObject();
        }
        out.println(first ? "]" : "\n]");
    }

    private static void side(Json json, SocketEntry s, Optional<Owners> owners) {
        json.beginObject().name("address").value(s.local().hostString()).name("port").value(s.local().port())
                .name("state").value(s.state().name()).name("inode").value(s.inode());
        owners.ifPresent(o -> new OwnerJson(o).write(json, s));
        json.endObject();
    }
}
