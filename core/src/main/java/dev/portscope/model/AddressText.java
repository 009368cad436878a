package dev.portscope.model;

/** Formats raw addresses the way {@code inet_ntop(3)} does (RFC 5952 for IPv6). */
final class AddressText {
    private AddressText() {
    }

    static String format(byte[] a) {
        return a.length == 4 ? ipv4(a, 0) : ipv6(a);
    }

    private static String ipv4(byte[] a, int from) {
        return new StringBuilder(15).append(a[from] & 0xff).append('.').append(a[from + 1] & 0xff).append('.')
                .append(a[from + 2] & 0xff).append('.').append(a[from + 3] & 0xff).toString();
    }

    private static String ipv6(byte[] a) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero words becomes "::"; the first run wins a tie.
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && words[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        // glibc writes the IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) forms with a dotted tail.
        boolean dottedTail = bestStart == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xffff));
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            if (dottedTail && i == 6) {
                out.append(ipv4(a, 12));
                break;
            }
            out.append(Integer.toHexString(words[i]));
            if (i < 7) {
                out.append(':');
            }
        }
        return out.toString();
    }
}
