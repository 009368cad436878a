package dev.portscope.filter;

import dev.portscope.model.Endpoint;
import dev.portscope.model.SocketEntry;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * ss's {@code src}/{@code dst} condition: an address prefix ({@code 10.0.0.0/8}, {@code [::1]}) and
 * or a port ({@code :80}) at one end; {@code *} leaves the address open. Matches as the kernel's
 * inet_diag hostcond does, so both paths agree: the port first, then a prefix of length 0 matches
 * any socket, an IPv4 prefix also matches IPv4-mapped addresses of IPv6 sockets, and otherwise the
 * socket's family must be the prefix's.
 *
 * @param end          which end is looked at
 * @param address      the prefix's address; empty for {@code *} (any)
 * @param prefixLength significant leading bits of {@code address} (0 when it is empty)
 * @param port         the port it must have; empty for any
 */
public record HostMatch(Filter.End end, Optional<InetAddress> address, int prefixLength, OptionalInt port) implements Filter {

    public HostMatch {
        Objects.requireNonNull(end);
        Objects.requireNonNull(address);
        Objects.requireNonNull(port);
        int bits = address.map(a -> a.getAddress().length * 8).orElse(0);
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not in 0-" + bits);
        }
        if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 65535)) {
            throw new IllegalArgumentException("port " + port.getAsInt() + " is not in 0-65535");
        }
    }

    @Override
    public boolean test(SocketEntry socket, Facts facts) {
        Endpoint e = end.of(socket);
        if (port.isPresent() && port.getAsInt() != e.port()) {
            return false;
        }
        if (prefixLength == 0) {
            return true;
        }
        byte[] want = address.orElseThrow().getAddress();
        byte[] have = e.address().getAddress();
        boolean v4 = address.get() instanceof Inet4Address;
        if (v4 && have.length == 16) {
            return e.isIpv4Mapped() && prefixMatches(have, 12, want);
        }
        return have.length == want.length && prefixMatches(have, 0, want);
    }

    private boolean prefixMatches(byte[] have, int offset, byte[] want) {
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (have[offset + i] != want[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (have[offset + full] & mask) == (want[full] & mask);
    }
}
