package dev.portscope.linux.netlink;

/**
 * Socket cookies, to drop a socket the kernel hands out twice. Open addressing over a long array
 * (a boxed set would cost an object per socket); cleared and reused rather than reallocated.
 */
final class CookieSet {
    private long[] slots; // 0 = empty: the kernel's cookies start at 1
    private int size;

    CookieSet(int expected) {
        slots = new long[Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1];
    }

    /** Whether the cookie is in the set (never for 0, no cookie). */
    boolean contains(long cookie) {
        if (cookie == 0) {
            return false;
        }
        int mask = slots.length - 1;
        for (int i = mix(cookie) & mask; slots[i] != 0; i = (i + 1) & mask) {
            if (slots[i] == cookie) {
                return true;
            }
        }
        return false;
    }

    /** Empties the set, keeping its room. */
    void clear() {
        if (size > 0) {
            java.util.Arrays.fill(slots, 0);
            size = 0;
        }
    }

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
