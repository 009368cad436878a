package dev.portscope.lookup;

import java.net.InetAddress;
import java.util.Optional;

/** Name lookups: the seam where tests put a fake, and the system resolver serves by default. */
@FunctionalInterface
public interface Resolver {

    /** The host name of {@code address}, or empty when it has none. May block; may throw. */
    Optional<String> reverse(InetAddress address) throws Exception;

    /** Every address of {@code name} (getaddrinfo by default). May block; throws UnknownHostException when it has none. */
    default InetAddress[] addresses(String name) throws Exception {
        return InetAddress.getAllByName(name);
    }

    /** The system resolver (getnameinfo: /etc/hosts, DNS and the rest of nsswitch). */
    static Resolver system() {
        return address -> {
            String name = InetAddress.getByAddress(address.getAddress()).getCanonicalHostName();
            return name.equals(address.getHostAddress()) || name.isEmpty() ? Optional.empty() : Optional.of(name);
        };
    }
}
