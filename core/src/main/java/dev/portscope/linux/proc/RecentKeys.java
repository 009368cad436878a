package dev.portscope.linux.proc;

import java.util.Arrays;

/**
 * The keys (socket cookies, inodes) of the last two generations of a read, to drop a socket the
 * kernel hands out twice. A dump, netlink's or /proc's, is resumed at a bucket and a count of
 * sockets into it after each chunk, so a repeat sits at a chunk's boundary: it was in this chunk or
 * the one before. Two small open-addressing tables, cleared and reused: keeping every key of a
 * 108k-socket read cost ~7% of {@code -tan} in memory traffic (measured, BENCHMARKS.md).
 */
public final class RecentKeys {
    private Table older;
    private Table newer;

    /** For about {@code perGeneration} keys a generation. */
    public RecentKeys(int perGeneration) {
        older = new Table(perGeneration);
        newer = new Table(perGeneration);
    }

    /** Whether {@code key} is new in this and the previous generation, and remembers it; 0 (no key) is always new. */
    public boolean firstTime(long key) {
        if (key == 0) {
            return true;
        }
        return !older.contains(key) && newer.add(key);
    }

    /** Starts a generation: the keys of the one before the last are forgotten. */
    public void nextGeneration() {
        Table emptied = older;
        emptied.clear();
        older = newer;
        newer = emptied;
    }

    /** Forgets every key. */
    public void clear() {
        older.clear();
        newer.clear();
    }

    /** Open addressing over a long array; 0 marks an empty slot. */
    private static final class Table {
        private long[] slots;
        private int size;

        Table(int expected) {
            slots = new long[Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1];
        }

        boolean contains(long key) {
            int mask = slots.length - 1;
            for (int i = mix(key) & mask; slots[i] != 0; i = (i + 1) & mask) {
                if (slots[i] == key) {
                    return true;
                }
            }
            return false;
        }

        /** Adds the key; false when it was there already. */
        boolean add(long key) {
            if ((size + 1) * 2 > slots.length) {
                grow();
            }
            int mask = slots.length - 1;
            for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
                if (slots[i] == 0) {
                    slots[i] = key;
                    size++;
                    return true;
                }
                if (slots[i] == key) {
                    return false;
                }
            }
        }

        void clear() {
            if (size > 0) {
                Arrays.fill(slots, 0);
                size = 0;
            }
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            size = 0;
            for (long key : old) {
                if (key != 0) {
                    add(key);
                }
            }
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
