package dev.portscope.lookup;

import dev.portscope.model.PortClass;
import dev.portscope.registry.ServiceEntry;

import java.util.List;
import java.util.Optional;

/**
 * What a port is ({@code portscope port 5353/udp}): its registrations in IANA's registry,
 * /etc/services and the user's services file, its RFC 6335 class, and whether this host hands it
 * out as an ephemeral (client) port.
 *
 * @param port      the port
 * @param portClass System, User or Dynamic/Private
 * @param ephemeral whether it lies in this host's ephemeral range; empty when the range cannot be read
 * @param services  every registration of the port, for every protocol
 */
public record PortExplanation(int port, PortClass portClass, Optional<Boolean> ephemeral, List<ServiceEntry> services) {
    public PortExplanation {
        services = List.copyOf(services);
    }
}
