package dev.portscope.lookup;

import dev.portscope.filter.Filter;
import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.registry.PortRegistry;
import dev.portscope.registry.ServiceEntry;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * What a user typed to name a port: {@code 443}, {@code :443}, {@code 5353/udp}, {@code https} or
 * {@code https/tcp}; resolved to port numbers and an optional protocol. Text that names no port
 * throws an {@link IllegalArgumentException} whose message says what to write instead.
 *
 * @param text     as typed
 * @param ports    the port numbers it names (a service name may name several)
 * @param protocol {@code tcp}, {@code udp}, {@code sctp} or {@code dccp}, when given
 */
public record PortSpec(String text, Set<Integer> ports, Optional<String> protocol) {
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp", "dccp");

    public static PortSpec parse(String text, Supplier<PortRegistry> registry) {
        String t = text.strip();
        if (t.startsWith(":")) {
            t = t.substring(1);
        }
        Optional<String> protocol = Optional.empty();
        int slash = t.lastIndexOf('/');
        if (slash >= 0) {
            String p = t.substring(slash + 1).toLowerCase(Locale.ROOT);
            if (!PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException("'" + text + "': unknown protocol '" + p + "'; use tcp, udp, sctp or dccp");
            }
            protocol = Optional.of(p);
            t = t.substring(0, slash);
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no port; give a number 0-65535 or a service name such as http");
        }
        if (t.chars().allMatch(Character::isDigit)) {
            int port = parseNumber(t, text);
            return new PortSpec(text, Set.of(port), protocol);
        }
        Set<Integer> ports = new TreeSet<>();
        List<ServiceEntry> named = registry.get().byName(t); // loaded only for names: it takes ~0.1 s
        for (ServiceEntry e : named) {
            if (protocol.isEmpty() || protocol.get().equals(e.protocol())) {
                ports.add(e.port());
            }
        }
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is neither a port number (0-65535) nor a service name known to "
                    + "IANA or /etc/services; try 'portscope port 443' or 'portscope port https'");
        }
        return new PortSpec(text, ports, protocol);
    }

    /** {@code 8000-8100} or {@code 8000-8100/tcp} as a range; empty when the text is not a range at all. */
    public static Optional<PortRange> range(String text) {
        String t = text.strip();
        int slash = t.lastIndexOf('/');
        if (slash >= 0) {
            t = t.substring(0, slash);
        }
        int dash = t.indexOf('-');
        if (dash < 0 || !(t.substring(0, dash) + t.substring(dash + 1)).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        if (dash == 0 || dash == t.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a port range; write FIRST-LAST, e.g. 8000-8100");
        }
        int first = parseNumber(t.substring(0, dash), text);
        int last = parseNumber(t.substring(dash + 1), text);
        if (first > last) {
            throw new IllegalArgumentException("'" + text + "' runs backwards; write the lower port first, e.g. " + last + "-" + first);
        }
        protocolOf(text);
        return Optional.of(new PortRange(first, last));
    }

    /** The {@code /tcp} or {@code /udp} suffix, checked. */
    public static Optional<String> protocolOf(String text) {
        int slash = text.lastIndexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String p = text.substring(slash + 1).strip().toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(p)) {
            throw new IllegalArgumentException("'" + text + "': unknown protocol '" + p + "'; use tcp, udp, sctp or dccp");
        }
        return Optional.of(p);
    }

    /** The socket protocols a {@code /tcp} or {@code /udp} suffix names (both without one; none for sctp, dccp). */
    public static Set<Protocol> socketProtocols(Optional<String> protocol) {
        return protocol.map(p -> switch (p) {
            case "tcp" -> EnumSet.of(Protocol.TCP);
            case "udp" -> EnumSet.of(Protocol.UDP);
            default -> EnumSet.noneOf(Protocol.class);
        }).orElse(EnumSet.of(Protocol.TCP, Protocol.UDP));
    }

    /** For the kernel: a socket with one of the ports at either end. */
    public Filter kernelFilter() {
        return ports.stream().map(Filter::usesPort).reduce(Filter::or).orElseThrow();
    }

    /** Bound to a wanted port, or connected to one (a listener's remote port 0 is no use). */
    public static boolean usesPort(SocketEntry s, IntPredicate wanted) {
        return wanted.test(s.local().port()) || !s.isListening() && wanted.test(s.remote().port());
    }

    private static int parseNumber(String digits, String text) {
        if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
            throw new IllegalArgumentException("port " + text + " is out of range; ports are 0-65535");
        }
        return Integer.parseInt(digits);
    }
}
