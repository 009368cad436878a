package dev.portscope.cli;

import dev.portscope.Listing;
import dev.portscope.Portscope;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.SourceUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** {@code portscope kill FILTER}: destroys the matching TCP sockets, as {@code ss -K}. */
@Command(name = "kill", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Destroys the TCP sockets a filter matches, as ss -K.",
                "SOCK_DESTROY: the kernel aborts each "
                + "one, its peer gets a reset and its owner an error). Connected sockets unless -l or -a, as the listing; "
                + "a filter is required. Needs CAP_NET_ADMIN (root) and a kernel with CONFIG_INET_DIAG_DESTROY."},
        footer = {"", "Examples:", "  portscope kill dport = :6379", "  portscope kill --dry-run src 10.0.0.5",
                "  portscope kill -N blue sport = :8080", "",
                "Prints one line per socket: killed (or gone, when it closed meanwhile); --dry-run: would kill. "
                + "Exit 0 when every matching socket was handled, 1 when the kernel refused, 2 for bad input."})
final class KillCommand extends ViewCommand {
    @Option(names = "--dry-run", description = "Print what would be killed; kill nothing.")
    boolean dryRun;
    @Parameters(paramLabel = "FILTER", description = "ss's filter words, as for the listing (see portscope --help); required.")
    List<String> filterWords = new ArrayList<>();

    KillCommand(Environment environment) {
        super(environment);
    }

    @Override
    int view(PrintWriter out, PrintWriter err) {
        if (filterWords.isEmpty()) {
            throw new UsageException("kill needs a filter, e.g. portscope kill dport = :6379 (an empty one would kill every connection)");
        }
        if (select.udp) {
            throw new UsageException("kill destroys TCP sockets; -u does not apply to 'portscope kill'");
        }
        netns.impliedBy(filterWords);
        try (Portscope portscope = source.open(environment, netns)) {
            Query unfiltered = new Query(EnumSet.of(Protocol.TCP), select.families(), select.states());
            Query query = unfiltered.withFilter(filter(portscope, filterWords, unfiltered.protocols()));
            List<SocketEntry> matching;
            try (Listing listing = portscope.list(query)) {
                matching = listing.toList();
                source.printNotes(err, listing);
            }
            if (matching.isEmpty()) {
                err.println("portscope: no socket matched; nothing killed");
                return Failures.OK;
            }
            if (dryRun) {
                matching.forEach(s -> out.println(line("would kill", s)));
                return Failures.OK;
            }
            Portscope.Killer killer;
            try {
                killer = portscope.killer();
            } catch (IllegalStateException e) {
                throw new SourceUnavailableException(e.getMessage(), e);
            }
            try (killer) {
                for (SocketEntry s : matching) {
                    Portscope.Killer.Outcome outcome = killer.kill(s); // the first refusal (not root) ends the run: one line
                    out.println(line(outcome == Portscope.Killer.Outcome.KILLED ? "killed" : "gone", s));
                    out.flush();
                }
            }
        }
        return Failures.OK;
    }

    private static String line(String what, SocketEntry s) {
        return String.format(Locale.ROOT, "%-10s %-5s %-23s %-23s %s", what, s.protocol().label(s.family()),
                s.local(), s.remote(), s.state().netstatName()).stripTrailing();
    }
}
