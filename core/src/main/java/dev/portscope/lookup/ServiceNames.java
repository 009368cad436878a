package dev.portscope.lookup;

import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.registry.PortRegistry;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The name a port is shown by, as netstat and ss show it: from the local services files only (the
 * user's file, then /etc/services); in this host's ephemeral range only a file's own entry for that
 * protocol. IANA's registry describes a named port ({@link #description}) and explains any port in
 * {@code portscope port}, but does not name what a socket is. The registry is loaded on first use.
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
                : r.localDisplayName(port, protocol);
    }

    /** What the service is, for a port {@link #name} has named (ask that first). */
    public Optional<String> description(int port, Protocol protocol) {
        return registry.get().description(port, protocol);
    }
}
