package dev.portscope.linux.netlink;

/**
 * The socket cookies one dump has returned, to drop a socket the kernel hands out twice: a dump is
 * resumed by hash-bucket position after each chunk, so a socket that moves while the dump runs can
 * come again. Open addressing over a long array: a boxed set would cost ~100k objects per listing.
 */
final class CookieSet {
    private long[] slots = new long[1 << 12]; // 0 = empty: the kernel's cookies start at 1
    private int size;

    /** Adds the cookie; false when it was there already. Cookie 0 (none) is never a repeat. */
    boolean add(long cookie) {
        if (cookie == 0) {
            return true;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = mix(cookie) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == 0) {
                slots[i] = cookie;
                size++;
                return true;
            }
            if (slots[i] == cookie) {
                return false;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long cookie : old) {
            if (cookie != 0) {
                add(cookie);
            }
        }
    }

    private static int mix(long cookie) {
        long h = cookie * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
