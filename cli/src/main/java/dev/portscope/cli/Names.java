package dev.portscope.cli;

import dev.portscope.cli.render.NetstatTable;
import dev.portscope.model.Endpoint;
import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.registry.PortRegistry;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * How addresses and ports are written in a listing. Hosts print as numbers for now; reverse DNS
 * will plug in at {@link #host(Endpoint)}. Ports print as service names unless numeric.
 */
final class Names implements NetstatTable.AddressNames {
    private final boolean numericPorts;
    private final Supplier<PortRegistry> registry;
    private final Optional<PortRange> ephemeral;

    Names(boolean numericPorts, Supplier<PortRegistry> registry, Optional<PortRange> ephemeral) {
        this.numericPorts = numericPorts;
        this.registry = registry;
        this.ephemeral = ephemeral;
    }

    /** The host part of an endpoint, as netstat writes it. */
    @Override
    public String host(Endpoint endpoint) {
        return endpoint.hostString();
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
