package dev.portscope.cli;

import dev.portscope.filter.Facts;
import dev.portscope.filter.FactMatch;
import dev.portscope.filter.Filter;
import dev.portscope.filter.FilterParser;
import dev.portscope.linux.ProcRoot;
import dev.portscope.linux.ProcessTable;
import dev.portscope.model.Direction;
import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.model.Roles;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import dev.portscope.registry.PortRegistry;
import dev.portscope.registry.ServiceEntry;
import dev.portscope.source.Directions;
import dev.portscope.source.Query;
import dev.portscope.source.SocketSource;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A view's filter words (ss's language, {@link FilterParser}) made ready to run: the states they
 * keep, the part a socket source (and through it the kernel) evaluates, and the rest, applied
 * here with the facts it needs (the listener set for dir and class, the process table for pid
 * and comm), which are gathered only when the filter asks for them.
 */
final class SocketFilter {
    private final Filter filter;
    private final Optional<Set<TcpState>> states;

    private SocketFilter(FilterParser.Parsed parsed) {
        this.filter = parsed.filter();
        this.states = parsed.states();
    }

    /** Parses the words; a bad filter throws {@link dev.portscope.filter.FilterSyntaxException} (exit 2). */
    static SocketFilter parse(List<String> words, Supplier<PortRegistry> registry, Set<Protocol> protocols) {
        return new SocketFilter(FilterParser.parse(words, lookups(registry, protocols)));
    }

    /** The query narrowed by the filter: its states (when it names any) and what the source can evaluate. */
    Query narrow(Query query) {
        Query q = query.withFilter(Filter.within(filter, Query::evaluable));
        return states.map(q::withStates).orElse(q);
    }

    /** Whether the filter named states, which then replace -l/-a and the default. */
    boolean namesStates() {
        return states.isPresent();
    }

    /** Whether sockets from the source still need {@link #test}: the filter has conditions the source cannot see. */
    boolean needsFacts() {
        return !Filter.needs(filter).isEmpty();
    }

    boolean needsProcesses() {
        return Filter.needs(filter).contains(FactMatch.Need.PROCESSES);
    }

    boolean needsListeners() {
        return Filter.needs(filter).contains(FactMatch.Need.LISTENERS);
    }

    /** The facts for {@link #test}: directions when dir or class is used, owners when pid or comm is. */
    Facts facts(Optional<Directions> directions, Optional<Owners> owners) {
        return new Facts() {
            @Override
            public Optional<Direction> direction(SocketEntry s) {
                return directions.flatMap(d -> d.of(s)).map(Roles::direction);
            }

            @Override
            public int servicePort(SocketEntry s) {
                return directions.map(d -> d.serviceEnd(s)).orElse(s.local()).port();
            }

            @Override
            public List<Holder> holders(SocketEntry s) {
                return owners.map(o -> o.of(s).stream().map(owner -> new Holder(owner.pid(), o.process(owner.pid()).command())).toList())
                        .orElse(List.of());
            }
        };
    }

    boolean test(SocketEntry socket, Facts facts) {
        return filter.test(socket, facts);
    }

    /** The owners the filter needs when the view does not read them anyway. */
    static Owners owners(ProcRoot proc) {
        return new Owners(proc, ProcessTable.scan(proc));
    }

    /** Directions the filter needs when the view does not read them anyway. */
    static Directions directions(SocketSource source, Query query, Optional<PortRange> ephemeral) {
        return Directions.read(source, query.protocols(), ephemeral);
    }

    /**
     * Service names as ss's getservbyname: for the protocols listed, local names first; a name
     * that means different ports on TCP and UDP is ambiguous and must be given as a number.
     */
    private static FilterParser.Lookups lookups(Supplier<PortRegistry> registry, Set<Protocol> protocols) {
        Users users = Users.system();
        return new FilterParser.Lookups() {
            @Override
            public OptionalInt port(String service) {
                Set<String> wanted = protocols.stream().filter(p -> p != Protocol.RAW).map(Protocol::label).collect(Collectors.toSet());
                List<ServiceEntry> named = registry.get().byName(service).stream().filter(e -> wanted.contains(e.protocol())).toList();
                Optional<ServiceEntry> best = named.stream().filter(e -> e.origin() != ServiceEntry.Origin.IANA).findFirst()
                        .or(() -> named.stream().findFirst());
                if (best.isEmpty()) {
                    return OptionalInt.empty();
                }
                Set<String> ports = named.stream().filter(e -> e.origin() == best.get().origin())
                        .map(e -> e.port() + "/" + e.protocol()).collect(Collectors.toSet());
                if (named.stream().filter(e -> e.origin() == best.get().origin()).mapToInt(ServiceEntry::port).distinct().count() > 1) {
                    throw new IllegalArgumentException("'" + service + "' names several ports (" + String.join(", ", ports.stream().sorted().toList())
                            + "): give the number, or -t or -u");
                }
                return OptionalInt.of(best.get().port());
            }

            @Override
            public OptionalInt uid(String user) {
                return users.uid(user);
            }
        };
    }
}
