package dev.portscope.cli.render;

import dev.portscope.lookup.Directions;
import dev.portscope.lookup.HostNames;
import dev.portscope.lookup.ServiceNames;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;

import java.util.Optional;

/**
 * How addresses and ports are written in a listing: hosts by name through {@link HostNames}
 * (bounded by its deadline) unless numeric, ports by {@link ServiceNames} unless numeric, and (-W,
 * JSON) what the service on a socket's service end is.
 */
public final class Names implements NetstatTable.AddressNames {
    private final boolean numericPorts;
    private final ServiceNames services;
    private final Optional<HostNames> hosts;
    private final Optional<Directions> directions;

    public Names(boolean numericPorts, ServiceNames services, Optional<HostNames> hosts, Optional<Directions> directions) {
        this.numericPorts = numericPorts;
        this.services = services;
        this.hosts = hosts;
        this.directions = directions;
    }

    /**
     * The host part of an endpoint: its name when one is known in time, else the number; wildcards
     * stay numbers. An IPv4-mapped address is written as its IPv4 address, as netstat does on tcp6
     * rows ({@code 127.0.0.1:8080}, not {@code ::ffff:127.0.0.1:8080}); JSON and CSV keep the mapped form.
     */
    @Override
    public String host(Endpoint endpoint) {
        Endpoint shown = endpoint.unmapped();
        if (hosts.isEmpty() || endpoint.isWildcard()) {
            return shown.hostString();
        }
        return hosts.get().name(endpoint.address()).map(Visible::of).orElseGet(shown::hostString); // a PTR record is anyone's text
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
    public Endpoint serviceEnd(SocketEntry s) {
        return directions.map(d -> d.serviceEnd(s)).orElse(s.local());
    }

    /** A port's service name unless numeric ({@link ServiceNames#name}). */
    public Optional<String> serviceName(int port, Protocol protocol) {
        return numericPorts ? Optional.empty() : services.name(port, protocol);
    }

    /** What the service is, for a port {@link #serviceName} has named (callers ask that first). */
    public Optional<String> description(int port, Protocol protocol) {
        return services.description(port, protocol);
    }

    /**
     * The local end as {@code address:port}, with the interface the socket is bound to after the
     * address as ss writes it ({@code 127.0.0.53%lo:53}, {@code [fe80::1]%v0:7777}).
     */
    public static String local(dev.portscope.model.SocketEntry s) {
        String end = s.local().toString();
        int colon = end.lastIndexOf(':');
        return end.substring(0, colon) + scope(s) + end.substring(colon);
    }

    /** {@code %lo} for a socket bound to interface lo, as ss writes it after the address; empty for one bound to none. */
    public static String scope(dev.portscope.model.SocketEntry s) {
        return s.extras().boundInterface().map(i -> "%" + Visible.of(i.label())).orElse("");
    }
}
