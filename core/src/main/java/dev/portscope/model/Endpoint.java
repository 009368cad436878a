package dev.portscope.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One end of a socket: an IP address and a port (0 when none is bound or connected).
 *
 * <p>An IPv6 socket's IPv4-mapped address ({@code ::ffff:a.b.c.d}) stays an {@link Inet6Address}
 * here, unlike {@link InetAddress#getByAddress(byte[])}, so the family of the socket is kept.
 */
public record Endpoint(InetAddress address, int port) {

    public Endpoint {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0-65535: " + port);
        }
    }

    /** An endpoint from raw network-order address bytes (4 or 16 of them). */
    public static Endpoint of(byte[] address, int port) {
        try {
            InetAddress a = address.length == 16
                    ? Inet6Address.getByAddress(null, address, -1)
                    : InetAddress.getByAddress(address);
            return new Endpoint(a, port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address must be 4 or 16 bytes, got " + address.length, e);
        }
    }

    public Family family() {
        return address instanceof Inet4Address ? Family.IPV4 : Family.IPV6;
    }

    /** The IPv4 endpoint an IPv4-mapped one stands for ({@code ::ffff:10.0.0.1} as {@code 10.0.0.1}); others as they are. */
    public Endpoint unmapped() {
        if (!isIpv4Mapped()) {
            return this;
        }
        return of(java.util.Arrays.copyOfRange(address.getAddress(), 12, 16), port);
    }

    /** Whether this is an IPv6 address of the form {@code ::ffff:a.b.c.d}. */
    public boolean isIpv4Mapped() {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    /** Whether the address is the wildcard ({@code 0.0.0.0} or {@code ::}). */
    public boolean isWildcard() {
        return address.isAnyLocalAddress();
    }

    /** The address as {@code inet_ntop(3)} writes it, which is what ss and netstat print. */
    public String hostString() {
        return AddressText.format(address.getAddress());
    }

    /** {@code host:port}, IPv6 in brackets, e.g. {@code [::1]:631}. */
    @Override
    public String toString() {
        String host = hostString();
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }
}
