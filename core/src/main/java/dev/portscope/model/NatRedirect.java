package dev.portscope.model;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A destination NAT rule of the kernel's nftables ruleset: packets to {@code port} (and to
 * {@code destination}, when the rule names one) are sent on to {@code toAddress}, at
 * {@code toPort} when it changes the port. This is how Docker (without its userland proxy) and
 * Kubernetes NodePorts publish a port: nothing listens on it, and connections still get through.
 *
 * @param protocol    TCP or UDP
 * @param port        the published port
 * @param destination the address the rule matches on, if it names one
 * @param toAddress   where the packets go
 * @param toPort      the port they go to; empty when the rule keeps the port
 * @param table       the rule's table, e.g. {@code ip nat}
 * @param chain       the rule's chain, e.g. {@code DOCKER}
 */
public record NatRedirect(Protocol protocol, int port, Optional<InetAddress> destination, InetAddress toAddress, OptionalInt toPort,
                          String table, String chain) {

    /** The port the packets arrive at, behind the translation. */
    public int targetPort() {
        return toPort.orElse(port);
    }

    /** {@code 10.200.0.2:80}, IPv6 in brackets. */
    public Endpoint target() {
        return new Endpoint(toAddress, targetPort());
    }
}
