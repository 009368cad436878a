package dev.portscope.cli;

import dev.portscope.cli.render.NetstatTable;
import dev.portscope.model.Endpoint;
import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.registry.PortRegistry;
import dev.portscope.resolve.HostNames;
import dev.portscope.source.Directions;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * How addresses and ports are written in a listing: hosts by name through {@link HostNames}
 * (bounded by its deadline) unless numeric, ports as service names unless numeric, and (-W, JSON)
 * what the service on a socket's service end is.
 */
final class Names implements NetstatTable.AddressNames {
    private final boolean numericPorts;
    private final Supplier<PortRegistry> registry;
    private final Optional<PortRange> ephemeral;
    private final Optional<HostNames> hosts;
    private final Optional<Directions> directions;

    Names(boolean numericPorts, Supplier<PortRegistry> registry, Optional<PortRange> ephemeral, Optional<HostNames> hosts,
          Optional<Directions> directions) {
        this.numericPorts = numericPorts;
        this.registry = registry;
        this.ephemeral = ephemeral;
        this.hosts = hosts;
        this.directions = directions;
    }

    /** The host part of an endpoint: its name when one is known in time, else the number; wildcards stay numbers. */
    @Override
    public String host(Endpoint endpoint) {
        if (hosts.isEmpty() || endpoint.isWildcard()) {
            return endpoint.hostString();
        }
        return hosts.get().name(endpoint.address()).orElseGet(endpoint::hostString);
    }

    /** The port part: {@code *} for none, else its service name unless numeric. */
    @Override
    public String port(int port, Protocol protocol) {
        return port == 0 ? "*" : serviceName(port, protocol).orElseGet(() -> Integer.toString(port));
    }

    /** {@code name: description} of the service on the socket's service end, when its port has a name. */
    @Override
    public Optional<String> service(SocketEntry s) {
        int port = serviceEnd(s).port();
        return serviceName(port, s.protocol()).map(name -> name + description(port, s.protocol()).map(d -> ": " + d).orElse(""));
    }

    /** The end whose port is the service: a listener's local end, an outbound connection's remote end. */
    Endpoint serviceEnd(SocketEntry s) {
        return directions.map(d -> d.serviceEnd(s)).orElse(s.local());
    }

    /**
     * A port's service name unless numeric. In this host's ephemeral range only a local services
     * file names a port: IANA names there mostly belong to services that are not running, while
     * the port is some client's source port.
     */
    Optional<String> serviceName(int port, Protocol protocol) {
        if (numericPorts || port == 0 || protocol == Protocol.RAW) {
            return Optional.empty();
        }
        PortRegistry r = registry.get();
        return ephemeral.isPresent() && ephemeral.get().contains(port)
                ? r.localName(port, protocol.label())
                : r.displayName(port, protocol);
    }

    /** What the service is, for a port {@link #serviceName} has named (callers ask that first). */
    Optional<String> description(int port, Protocol protocol) {
        return registry.get().description(port, protocol);
    }
}
