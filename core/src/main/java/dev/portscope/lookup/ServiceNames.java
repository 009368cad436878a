package dev.portscope.lookup;

import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.registry.PortRegistry;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The name a port is shown by, as netstat shows it: /etc/services (then IANA) outside this
 * host's ephemeral range; inside it only a local services file names a port, because IANA names
 * there mostly belong to services that are not running while the port is some client's source
 * port. The registry is loaded on first use.
 */
public final class ServiceNames {
    private final Supplier<PortRegistry> registry;
    private final Optional<PortRange> ephemeral;

    public ServiceNames(Supplier<PortRegistry> registry, Optional<PortRange> ephemeral) {
        this.registry = registry;
        this.ephemeral = ephemeral;
    }

    /** A port's service name; empty for port 0, RAW sockets and ports no table names. */
    public Optional<String> name(int port, Protocol protocol) {
        if (port == 0 || protocol == Protocol.RAW) {
            return Optional.empty();
        }
        PortRegistry r = registry.get();
        return ephemeral.isPresent() && ephemeral.get().contains(port)
                ? r.localName(port, protocol.label())
                : r.displayName(port, protocol);
    }

    /** What the service is, for a port {@link #name} has named (ask that first). */
    public Optional<String> description(int port, Protocol protocol) {
        return registry.get().description(port, protocol);
    }
}
