package dev.portscope.linux.proc;

import dev.portscope.model.SocketOwner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Socket inode to every (pid, fd) holding it, in flat arrays: a busy host has ~100k sockets, and
 * a {@code HashMap<Long, List<SocketOwner>>} would allocate five objects per socket, which the
 * young generation then copies while the scan is still running. Open addressing on the inode;
 * the owners of one inode are chained through {@code next}. Not thread-safe: one per scanning
 * thread, then {@link #addAll merged}.
 */
final class InodeOwners {
    private static final int NONE = -1;

    private long[] inodes;       // 0 = empty slot (no socket has inode 0)
    private int[] firstOwner;    // per slot: index of its latest owner
    private int[] pids;
    private int[] fds;
    private int[] next;          // per owner: the previous owner of the same inode, or NONE
    private int slotsUsed;
    private int ownerCount;

    InodeOwners(int expectedSockets) {
        int slots = Integer.highestOneBit(Math.max(16, expectedSockets * 2 - 1)) << 1;
        inodes = new long[slots];
        firstOwner = new int[slots];
        int owners = Math.max(16, expectedSockets);
        pids = new int[owners];
        fds = new int[owners];
        next = new int[owners];
    }

    void add(long inode, int pid, int fd) {
        if ((slotsUsed + 1) * 2 > inodes.length) {
            rehash();
        }
        int slot = slotOf(inode);
        if (inodes[slot] == 0) {
            inodes[slot] = inode;
            firstOwner[slot] = NONE;
            slotsUsed++;
        }
        if (ownerCount == pids.length) {
            int grown = ownerCount * 2;
            pids = Arrays.copyOf(pids, grown);
            fds = Arrays.copyOf(fds, grown);
            next = Arrays.copyOf(next, grown);
        }
        pids[ownerCount] = pid;
        fds[ownerCount] = fd;
        next[ownerCount] = firstOwner[slot];
        firstOwner[slot] = ownerCount++;
    }

    /** Every owner the other table holds, added to this one. */
    void addAll(InodeOwners other) {
        other.forEach(this::add);
    }

    /** The owners in the order the scan met them (by pid list, then descriptor). */
    List<SocketOwner> ownersOf(long inode) {
        if (inode == 0) {
            return List.of();
        }
        int slot = slotOf(inode);
        if (inodes[slot] == 0) {
            return List.of();
        }
        int o = firstOwner[slot];
        if (next[o] == NONE) {
            return List.of(new SocketOwner(pids[o], fds[o]));
        }
        List<SocketOwner> owners = new ArrayList<>(2);
        for (; o != NONE; o = next[o]) {
            owners.add(new SocketOwner(pids[o], fds[o]));
        }
        return owners.reversed();
    }

    boolean contains(long inode) {
        return inode != 0 && inodes[slotOf(inode)] != 0;
    }

    /** Receives one (inode, pid, fd) holding. */
    @FunctionalInterface
    interface Holding {
        void accept(long inode, int pid, int fd);
    }

    /** Every holding, inode by inode. */
    void forEach(Holding action) {
        for (int slot = 0; slot < inodes.length; slot++) {
            if (inodes[slot] != 0) {
                for (int o = firstOwner[slot]; o != NONE; o = next[o]) {
                    action.accept(inodes[slot], pids[o], fds[o]);
                }
            }
        }
    }

    /** Every process that holds at least one of the sockets. */
    Set<Integer> pids() {
        Set<Integer> all = new HashSet<>();
        for (int o = 0; o < ownerCount; o++) {
            all.add(pids[o]);
        }
        return all;
    }

    int sockets() {
        return slotsUsed;
    }

    /** The slot holding {@code inode}, or the empty slot where it would go. */
    private int slotOf(long inode) {
        int mask = inodes.length - 1;
        int slot = (int) mix(inode) & mask;
        while (inodes[slot] != 0 && inodes[slot] != inode) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Inodes are handed out nearly sequentially: spread them so that probes stay short. */
    private static long mix(long inode) {
        long h = inode * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    private void rehash() {
        long[] oldInodes = inodes;
        int[] oldFirst = firstOwner;
        inodes = new long[oldInodes.length * 2];
        firstOwner = new int[oldInodes.length * 2];
        for (int slot = 0; slot < oldInodes.length; slot++) {
            if (oldInodes[slot] != 0) {
                int s = slotOf(oldInodes[slot]);
                inodes[s] = oldInodes[slot];
                firstOwner[s] = oldFirst[slot];
            }
        }
    }
}
