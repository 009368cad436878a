package dev.portscope;

import dev.portscope.filter.FilterParser;
import dev.portscope.linux.proc.Users;
import dev.portscope.lookup.HostNames;
import dev.portscope.model.Protocol;
import dev.portscope.registry.PortRegistry;
import dev.portscope.registry.ServiceEntry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The names a filter may use. Service names as ss's getservbyname: for the protocols listed,
 * local names first; a name that means different ports on TCP and UDP is ambiguous and must be
 * given as a number. User names from /etc/passwd, read only when a filter names a user.
 */
record FilterLookups(Supplier<PortRegistry> registry, Supplier<Users> users, Set<Protocol> protocols,
                     Supplier<HostNames> hosts, Duration deadline) implements FilterParser.Lookups {

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

    @Override
    public List<InetAddress> addresses(String host) {
        try (HostNames names = hosts.get()) {
            return names.addresses(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("no address for the name '" + host + "' (/etc/hosts and DNS)");
        } catch (TimeoutException e) {
            throw new IllegalArgumentException("no answer for the name '" + host + "' within " + seconds(deadline) + " s");
        }
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
