package dev.portscope.filter;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The operand of {@code src} and {@code dst} as ss writes it: {@code ADDR[/LEN][:PORT]},
 * {@code [IPV6][/LEN][:PORT]}, {@code :PORT} or {@code *}. An IPv6 address with a port needs the
 * brackets; without them every colon belongs to the address. IPv4 may drop trailing zero parts
 * ({@code 193.233.7/24}). Literal addresses only: a filter never waits for DNS.
 */
record HostSpec(Optional<InetAddress> address, int prefixLength, OptionalInt port) {

    HostMatch at(Filter.End end) {
        return new HostMatch(end, address, prefixLength, port);
    }

    /**
     * @param ports  turns the text after ':' into a port (empty for {@code *}); throws on a bad one
     * @param errors makes the exception for a reason
     */
    static HostSpec parse(String text, Function<String, OptionalInt> ports, Function<String, FilterSyntaxException> errors) {
        String address = text;
        OptionalInt port = OptionalInt.empty();
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw errors.apply("'[' without ']': write IPv6 addresses as [::1] or [::1]:22");
            }
            String rest = text.substring(close + 1);
            address = text.substring(1, close);
            if (rest.startsWith("/")) { // [::1]/128:22
                int colon = rest.indexOf(':');
                address += colon < 0 ? rest : rest.substring(0, colon);
                rest = colon < 0 ? "" : rest.substring(colon);
            }
            if (rest.startsWith(":")) {
                port = ports.apply(rest.substring(1));
            } else if (!rest.isEmpty()) {
                throw errors.apply("expected ':PORT' after ']', not '" + rest + "'");
            }
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') >= 0) {
            int colon = text.indexOf(':');
            address = text.substring(0, colon);
            port = ports.apply(text.substring(colon + 1));
        }
        if (address.isEmpty() || address.equals("*")) {
            return new HostSpec(Optional.empty(), 0, port);
        }
        int slash = address.indexOf('/');
        String literal = slash < 0 ? address : address.substring(0, slash);
        byte[] bytes = literal.contains(":") ? ipv6(literal, errors) : ipv4(literal, errors);
        int bits = bytes.length * 8;
        int length = bits;
        if (slash >= 0) {
            String len = address.substring(slash + 1);
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit) || Integer.parseInt(len) > bits) {
                throw errors.apply("prefix length '" + len + "' is not in 0-" + bits);
            }
            length = Integer.parseInt(len);
        }
        try {
            InetAddress a = bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
            return new HostSpec(Optional.of(a), length, port);
        } catch (UnknownHostException e) {
            throw errors.apply("'" + literal + "' is not an address");
        }
    }

    /** Dotted IPv4, 1 to 4 parts of 0-255; missing trailing parts are 0, as ss reads {@code 193.233.7}. */
    private static byte[] ipv4(String literal, Function<String, FilterSyntaxException> errors) {
        String[] parts = literal.split("\\.", -1);
        if (parts.length > 4) {
            throw errors.apply("'" + literal + "' is not an IPv4 address");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                throw errors.apply("'" + literal + "' is not an address: give IPv4 (10.0.0.0/8) or IPv6 ([fe80::1]); "
                        + "filters do not look names up");
            }
            bytes[i] = (byte) Integer.parseInt(p);
        }
        return bytes;
    }

    private static byte[] ipv6(String literal, Function<String, FilterSyntaxException> errors) {
        if (!literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw errors.apply("'" + literal + "' is not an IPv6 address");
        }
        try {
            byte[] b = InetAddress.getByName(literal).getAddress(); // a literal: no lookup
            if (b.length == 4) { // ::ffff:a.b.c.d comes back as IPv4; keep it mapped
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (UnknownHostException e) {
            throw errors.apply("'" + literal + "' is not an IPv6 address");
        }
    }
}
