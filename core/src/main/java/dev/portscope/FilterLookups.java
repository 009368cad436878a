package dev.portscope;

import dev.portscope.filter.FilterParser;
import dev.portscope.linux.proc.Users;
import dev.portscope.model.Protocol;
import dev.portscope.registry.PortRegistry;
import dev.portscope.registry.ServiceEntry;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The names a filter may use. Service names as ss's getservbyname: for the protocols listed,
 * local names first; a name that means different ports on TCP and UDP is ambiguous and must be
 * given as a number. User names from /etc/passwd, read only when a filter names a user.
 */
record FilterLookups(Supplier<PortRegistry> registry, Supplier<Users> users, Set<Protocol> protocols) implements FilterParser.Lookups {

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
}
