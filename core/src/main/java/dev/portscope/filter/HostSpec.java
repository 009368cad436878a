package dev.portscope.filter;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The operand of {@code src} and {@code dst} as ss reads it: {@code HOST[/LEN][:PORT]},
 * {@code [IPV6][/LEN][:PORT]}, {@code :PORT} or {@code *}. Without brackets, text with several
 * colons is split at its last one, as ss does ({@code ::1:22} is {@code [::1]:22}, {@code :::22} is
 * {@code [::]:22}), when that leaves an address and a port; otherwise it is all address
 * ({@code ::1}, {@code fe80::1}, which ss refuses). IPv4 may drop trailing zero parts
 * ({@code 193.233.7/24}). A host name stands for every address it resolves to.
 *
 * @param addresses    the addresses, each a prefix of {@code prefixLength} bits; empty for any
 * @param prefixLength significant leading bits; -1 for each address's full length
 */
record HostSpec(List<InetAddress> addresses, int prefixLength, OptionalInt port) {

    Filter at(Filter.End end) {
        if (addresses.isEmpty()) {
            return new HostMatch(end, Optional.empty(), 0, port);
        }
        Filter any = null;
        for (InetAddress a : addresses) {
            Filter one = new HostMatch(end, Optional.of(a), prefixLength < 0 ? a.getAddress().length * 8 : prefixLength, port);
            any = any == null ? one : Filter.or(any, one);
        }
        return any;
    }

    /**
     * @param ports  turns the text after ':' into a port (empty for {@code *}); throws on a bad one
     * @param names  the addresses of a host name; throws on a name without any
     * @param errors makes the exception for a reason
     */
    static HostSpec parse(String text, Function<String, OptionalInt> ports, Function<String, List<InetAddress>> names,
                          Function<String, FilterSyntaxException> errors) {
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
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            int colon = text.indexOf(':');
            address = text.substring(0, colon);
            port = ports.apply(text.substring(colon + 1));
        } else if (text.indexOf(':') >= 0) {
            int colon = text.lastIndexOf(':');
            String before = text.substring(0, colon);
            String after = text.substring(colon + 1);
            if (text.indexOf('/') < 0 || colon > text.indexOf('/')) {
                if (isIpv6(before.contains("/") ? before.substring(0, before.indexOf('/')) : before) && isPort(after)) {
                    address = before;
                    port = ports.apply(after);
                }
            }
        }
        if (address.isEmpty() || address.equals("*")) {
            return new HostSpec(List.of(), 0, port);
        }
        int slash = address.indexOf('/');
        String literal = slash < 0 ? address : address.substring(0, slash);
        if (isName(literal)) {
            if (slash >= 0) {
                throw errors.apply("a prefix length needs an address, not the name '" + literal + "'");
            }
            return new HostSpec(names.apply(literal), -1, port);
        }
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
            return new HostSpec(List.of(a), length, port);
        } catch (UnknownHostException e) {
            throw errors.apply("'" + literal + "' is not an address");
        }
    }

    /** A port as ss takes one after the last colon: a number, a service-like word, or {@code *}. */
    private static boolean isPort(String text) {
        return text.equals("*") || !text.isEmpty() && text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))
                && !(text.chars().allMatch(c -> Character.digit(c, 16) >= 0) && !text.chars().allMatch(Character::isDigit));
    }

    /** A DNS-like name: letters, digits, '-', '_' and dots, with a letter somewhere (so 1.2.3 stays an IPv4 attempt). */
    private static boolean isName(String text) {
        return !text.contains(":") && text.chars().anyMatch(Character::isLetter)
                && text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'));
    }

    private static boolean isIpv6(String literal) {
        return ipv6Bytes(literal).isPresent();
    }

    /** The 16 bytes of an IPv6 literal ({@code ::ffff:a.b.c.d} kept mapped); empty when it is none. */
    private static Optional<byte[]> ipv6Bytes(String literal) {
        if (literal.indexOf(':') < 0 || !literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return Optional.empty();
        }
        try {
            byte[] b = InetAddress.getByName(literal).getAddress(); // a literal: no lookup
            return Optional.of(b.length == 4 ? mapped(b) : b); // ::ffff:a.b.c.d comes back as IPv4; keep it mapped
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** {@code ::ffff:a.b.c.d}: the IPv4-mapped IPv6 bytes of an IPv4 address. */
    static byte[] mapped(byte[] ipv4) {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, mapped, 12, 4);
        return mapped;
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
                throw errors.apply("'" + literal + "' is not an address: give IPv4 (10.0.0.0/8), IPv6 ([fe80::1]) or a host name");
            }
            bytes[i] = (byte) Integer.parseInt(p);
        }
        return bytes;
    }

    private static byte[] ipv6(String literal, Function<String, FilterSyntaxException> errors) {
        return ipv6Bytes(literal).orElseThrow(() -> errors.apply("'" + literal + "' is not an IPv6 address"));
    }
}
