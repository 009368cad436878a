package dev.portscope.cli;

import dev.portscope.cli.render.NetstatTable;
import dev.portscope.model.Endpoint;
import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.registry.PortRegistry;
import dev.portscope.resolve.HostNames;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * How addresses and ports are written in a listing: hosts by name through {@link HostNames}
 * (bounded by its deadline) unless numeric, ports as service names unless numeric.
 */
final class Names implements NetstatTable.AddressNames {
    private final boolean numericPorts;
    private final Supplier<PortRegistry> registry;
    private final Optional<PortRange> ephemeral;
    private final Optional<HostNames> hosts;

    Names(boolean numericPorts, Supplier<PortRegistry> registry, Optional<PortRange> ephemeral, Optional<HostNames> hosts) {
        this.numericPorts = numericPorts;
        this.registry = registry;
        this.ephemeral = ephemeral;
        this.hosts = hosts;
    }

    /** The host part of an endpoint: its name when one is known in time, else the number; wildcards stay numbers. */
    @Override
    public String host(Endpoint endpoint) {
        if (hosts.isEmpty() || endpoint.isWildcard()) {
            return endpoint.hostString();
        }
        return hosts.get().name(endpoint.address()).orElseGet(endpoint::hostString);
    }

    /**
     * The port part: {@code *} for none, else its service name unless numeric. In this host's
     * ephemeral range only a local services file names a port: IANA names there mostly belong to
     * services that are not running, while the port is some client's source port.
     */
    @Override
    public String port(int port, Protocol protocol) {
        if (port == 0) {
            return "*";
        }
        if (numericPorts || protocol == Protocol.RAW) {
            return Integer.toString(port);
        }
        PortRegistry r = registry.get();
        Optional<String> name = ephemeral.isPresent() && ephemeral.get().contains(port)
                ? r.localName(port, protocol.label())
                : r.displayName(port, protocol);
        return name.orElse(Integer.toString(port));
    }
}
