package dev.portscope.cli;

import dev.portscope.filter.Facts;
import dev.portscope.filter.FactMatch;
import dev.portscope.filter.Filter;
import dev.portscope.filter.FilterParser;
import dev.portscope.model.Direction;
import dev.portscope.model.Protocol;
import dev.portscope.model.Roles;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import dev.portscope.registry.PortRegistry;
import dev.portscope.registry.ServiceEntry;
import dev.portscope.source.Directions;
import dev.portscope.source.Query;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A view's filter words (ss's language, {@link FilterParser}) made ready to run: the states they
 * keep, the part a socket source (and through it the kernel) evaluates, and the rest, applied
 * here with the facts it needs (the listener set for dir and class, the process table for pid
 * and comm), which are gathered only when the filter asks for them.
 */
final class SocketFilter {
    /** No filter words: every socket the query selects. */
    private static final SocketFilter NONE = new SocketFilter(new FilterParser.Parsed(Optional.empty(), Filter.always()));

    private final Filter filter;
    private final Optional<Set<TcpState>> states;
    private final Set<FactMatch.Need> needs;

    private SocketFilter(FilterParser.Parsed parsed) {
        this.filter = parsed.filter();
        this.states = parsed.states();
        this.needs = Filter.needs(filter);
    }

    /** Parses the words (none: no filter); a bad filter throws {@link dev.portscope.filter.FilterSyntaxException} (exit 2). */
    static SocketFilter parse(List<String> words, Supplier<PortRegistry> registry, Set<Protocol> protocols) {
        return words.isEmpty() ? NONE : new SocketFilter(FilterParser.parse(words, lookups(registry, protocols)));
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

    /** Whether pid or comm is used: the caller must read the process table and pass its owners to {@link #select}. */
    boolean needsProcesses() {
        return needs.contains(FactMatch.Need.PROCESSES);
    }

    /** Whether dir or class is used: the caller must read the listener set and pass it to {@link #select}. */
    boolean needsListeners() {
        return needs.contains(FactMatch.Need.LISTENERS);
    }

    /**
     * The sockets that pass, out of those a source gave for {@link #narrow}'s query: the conditions
     * the source could not see (pid, comm, dir, class) are checked here, with these facts.
     */
    Stream<SocketEntry> select(Stream<SocketEntry> found, Optional<Directions> directions, Optional<Owners> owners) {
        if (needs.isEmpty()) {
            return found;
        }
        Facts facts = facts(directions, owners);
        return found.filter(s -> filter.test(s, facts));
    }

    private static Facts facts(Optional<Directions> directions, Optional<Owners> owners) {
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

    /**
     * Service names as ss's getservbyname: for the protocols listed, local names first; a name
     * that means different ports on TCP and UDP is ambiguous and must be given as a number.
     */
    private static FilterParser.Lookups lookups(Supplier<PortRegistry> registry, Set<Protocol> protocols) {
        Supplier<Users> users = Environment.memoize(Users::system); // /etc/passwd only when a filter names a user
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
                List<ServiceEntry> sameOrigin = named.stream().filter(e -> e.origin() == best.get().origin()).toList();
                if (sameOrigin.stream().mapToInt(ServiceEntry::port).distinct().count() > 1) {
                    throw new IllegalArgumentException("'" + service + "' names several ports (" + sameOrigin.stream()
                            .map(e -> e.port() + "/" + e.protocol()).distinct().sorted().collect(Collectors.joining(", "))
                            + "): give the number, or -t or -u");
                }
                return OptionalInt.of(best.get().port());
            }

            @Override
            public OptionalInt uid(String user) {
                return users.get().uid(user);
            }
        };
    }
}
