package dev.portscope.registry;

import dev.portscope.model.Protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Service names of ports: the full IANA registry, overlaid by the system's {@code /etc/services}
 * and then by an optional user file. Local names win for display (IANA calls 80/tcp
 * {@code www-http}, /etc/services calls it {@code http}); every entry stays available.
 */
public final class PortRegistry {
    private static final List<String> SIBLINGS = List.of("tcp", "udp");

    private final Map<Key, List<ServiceEntry>> byPort = new HashMap<>();
    private final Map<String, List<ServiceEntry>> byName = new HashMap<>();
    /** Whether IANA's table lies under the local layers; it is read on first use (a listing names ports from the services files). */
    private final boolean withIana;
    private Optional<IanaTable> iana;

    private PortRegistry(List<List<ServiceEntry>> layers, boolean withIana) {
        this.withIana = withIana;
        for (List<ServiceEntry> layer : layers) {
            for (ServiceEntry e : layer) {
                byPort.computeIfAbsent(key(e.port(), e.protocol()), k -> new ArrayList<>(2)).add(e);
                index(e.name(), e);
                e.aliases().forEach(alias -> index(alias, e));
            }
        }
    }

    /** The shipped IANA table, {@code /etc/services}, and {@code ~/.config/portscope/services} if present. */
    public static PortRegistry standard() {
        return load(Path.of("/etc/services"), userFile());
    }

    /** The shipped IANA table overlaid by the services files given; missing files are skipped. */
    public static PortRegistry load(Path systemServices, Optional<Path> userServices) {
        List<List<ServiceEntry>> layers = new ArrayList<>();
        userServices.ifPresent(p -> layers.add(readServices(p, ServiceEntry.Origin.USER_FILE)));
        layers.add(readServices(systemServices, ServiceEntry.Origin.ETC_SERVICES));
        return new PortRegistry(layers, true);
    }

    /** A registry of exactly these entries, most important first (for tests and other tables). */
    public static PortRegistry of(List<ServiceEntry> entries) {
        return new PortRegistry(List.of(entries), false);
    }

    private synchronized Optional<IanaTable> iana() {
        if (iana == null) {
            iana = withIana ? Optional.of(IanaTable.load()) : Optional.empty();
        }
        return iana;
    }

    private static Optional<Path> userFile() {
        String config = System.getenv("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config) : Path.of(System.getProperty("user.home"), ".config");
        return Optional.of(base.resolve("portscope/services"));
    }

    /** A services file is ~1 MB at most (Debian's is 13 kB); past this it is not one. */
    private static final long SERVICES_CAP = 64L << 20;

    private static List<ServiceEntry> readServices(Path file, ServiceEntry.Origin origin) {
        try {
            // Only a regular file of sane size: a FIFO would block forever, a link to /dev/zero never end.
            if (!Files.isRegularFile(file) || Files.size(file) > SERVICES_CAP) {
                return List.of();
            }
            return ServicesFile.parse(Files.readAllLines(file, StandardCharsets.ISO_8859_1), origin);
        } catch (IOException e) {
            return List.of(); // no such file, or unreadable: the other tables still answer
        }
    }

    /** Every entry for {@code port} over {@code protocol} ({@code tcp}, {@code udp}, ...), winners first. */
    public List<ServiceEntry> lookup(int port, String protocol) {
        String proto = protocol.toLowerCase(Locale.ROOT);
        List<ServiceEntry> local = byPort.getOrDefault(key(port, proto), List.of());
        List<ServiceEntry> registered = iana().map(t -> t.entries(port)).orElse(List.of());
        if (registered.isEmpty()) {
            return local;
        }
        List<ServiceEntry> all = new ArrayList<>(local);
        registered.stream().filter(e -> e.protocol().equals(proto)).forEach(all::add);
        return all;
    }

    /** Every entry for {@code port} on any protocol, by protocol and then winners first. */
    public List<ServiceEntry> lookup(int port) {
        List<ServiceEntry> all = new ArrayList<>();
        for (String protocol : List.of("tcp", "udp", "sctp", "dccp")) {
            all.addAll(lookup(port, protocol));
        }
        return all;
    }

    /** Entries whose name or alias is {@code name}, ignoring case, by port. */
    public List<ServiceEntry> byName(String name) {
        List<ServiceEntry> found = new ArrayList<>(byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
        iana().ifPresent(t -> found.addAll(t.byName(name.toLowerCase(Locale.ROOT))));
        found.sort(Comparator.comparingInt(ServiceEntry::port));
        return found;
    }

    /**
     * Entries whose name, an alias or the description contains {@code text}, ignoring case, by
     * port and protocol.
     */
    public List<ServiceEntry> search(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        List<ServiceEntry> found = new ArrayList<>();
        for (ServiceEntry e : entries()) {
            if (e.name().toLowerCase(Locale.ROOT).contains(needle) || e.description().toLowerCase(Locale.ROOT).contains(needle)
                    || e.aliases().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).contains(needle))) {
                found.add(e);
            }
        }
        found.sort(Comparator.comparingInt(ServiceEntry::port).thenComparing(ServiceEntry::protocol));
        return found;
    }

    /** The IANA entry that names {@code port}/{@code protocol} first, if IANA lists it. */
    public Optional<ServiceEntry> ianaEntry(int port, String protocol) {
        return lookup(port, protocol).stream().filter(e -> e.origin() == ServiceEntry.Origin.IANA).findFirst();
    }

    /**
     * The name to show for a port: a local name (user file, then /etc/services) when there is one,
     * else IANA's. When IANA registers one service for both TCP and UDP on a port and only the other
     * protocol has a local name, that name is used too: /etc/services lists {@code http} for 80/tcp
     * only, yet IANA's 80/udp is the same service, so both show as {@code http}.
     */
    public Optional<String> displayName(int port, Protocol protocol) {
        return localDisplayName(port, protocol).or(() -> ianaEntry(port, protocol.label()).filter(e -> !e.name().isEmpty()).map(ServiceEntry::name));
    }

    /**
     * The name a listing shows for a port, as netstat and ss do: from the local services files only
     * (the user's file, then /etc/services), or their name for the tcp/udp sibling when IANA says both
     * are one service. IANA's registry explains a port ({@code portscope port}), it does not name what
     * a socket is: 8000 would show as {@code irdmi}, 5000 as {@code commplex-main}.
     */
    public Optional<String> localDisplayName(int port, Protocol protocol) {
        String proto = protocol.label();
        Optional<String> local = localName(port, proto);
        if (local.isPresent()) {
            return local;
        }
        Optional<ServiceEntry> registered = ianaEntry(port, proto).filter(e -> !e.name().isEmpty());
        for (String sibling : SIBLINGS) {
            if (!sibling.equals(proto) && registered.isPresent()) {
                Optional<ServiceEntry> other = ianaEntry(port, sibling);
                boolean sameService = other.isPresent() && other.get().name().equals(registered.get().name())
                        && other.get().description().equals(registered.get().description());
                Optional<String> siblingLocal = localName(port, sibling);
                if (sameService && siblingLocal.isPresent()) {
                    return siblingLocal;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What the service {@link #displayName} shows for this port is: IANA's description of that
     * name (on this protocol, or its tcp/udp sibling), else IANA's description of the port on this
     * protocol (80/tcp shows as {@code http} locally, IANA calls it {@code www-http}: the same
     * service), else the local file's comment. Empty when the port has no name.
     */
    public Optional<String> description(int port, Protocol protocol) {
        Optional<String> shown = displayName(port, protocol);
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        String proto = protocol.label();
        List<ServiceEntry> here = lookup(port, proto);
        List<ServiceEntry> local = here.stream().filter(e -> e.origin() != ServiceEntry.Origin.IANA).toList();
        for (String p : List.of(proto, proto.equals("tcp") ? "udp" : "tcp")) {
            for (ServiceEntry e : lookup(port, p)) {
                boolean named = e.name().equalsIgnoreCase(shown.get()) || local.stream().anyMatch(l -> l.isNamed(e.name()));
                if (e.origin() == ServiceEntry.Origin.IANA && !e.description().isEmpty() && named) {
                    return Optional.of(e.description());
                }
            }
        }
        return ianaEntry(port, proto).map(ServiceEntry::description).filter(d -> !d.isEmpty())
                .or(() -> local.stream().map(ServiceEntry::description).filter(d -> !d.isEmpty()).findFirst());
    }

    /** Whether a local services file (not IANA alone) names this port. */
    public Optional<String> localName(int port, String protocol) {
        return lookup(port, protocol).stream()
                .filter(e -> e.origin() != ServiceEntry.Origin.IANA && !e.name().isEmpty())
                .map(ServiceEntry::name)
                .findFirst();
    }

    private void index(String name, ServiceEntry e) {
        if (!name.isEmpty()) {
            byName.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(2)).add(e);
        }
    }

    private static Key key(int port, String protocol) {
        return new Key(port, protocol);
    }

    private record Key(int port, String protocol) {
    }

    /** Every entry: the local layers', then IANA's. */
    private List<ServiceEntry> entries() {
        List<ServiceEntry> all = new ArrayList<>();
        byPort.values().forEach(all::addAll);
        iana().ifPresent(t -> all.addAll(t.all()));
        return all;
    }

    /** Number of entries, over all tables. */
    public int size() {
        return entries().size();
    }

    /** Entries grouped by origin, for a header line such as "12341 IANA, 355 /etc/services". */
    public Map<ServiceEntry.Origin, Integer> countsByOrigin() {
        Map<ServiceEntry.Origin, Integer> counts = new LinkedHashMap<>();
        entries().forEach(e -> counts.merge(e.origin(), 1, Integer::sum));
        return counts;
    }
}
