package dev.portscope.linux.proc;

import dev.portscope.model.SocketOwner;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InodeOwnersTest {

    @Test
    void keepsEverySharerInTheOrderMet() {
        InodeOwners owners = new InodeOwners(4);
        owners.add(500, 10, 3);
        owners.add(501, 10, 4);
        owners.add(500, 11, 3);
        owners.add(500, 12, 7);
        assertEquals(List.of(new SocketOwner(10, 3), new SocketOwner(11, 3), new SocketOwner(12, 7)), owners.ownersOf(500));
        assertEquals(List.of(new SocketOwner(10, 4)), owners.ownersOf(501));
        assertEquals(List.of(), owners.ownersOf(502));
        assertEquals(List.of(), owners.ownersOf(0));
        assertEquals(Set.of(10, 11, 12), owners.pids());
    }

    @Test
    void growsPastItsExpectedSizeWithoutLosingAnything() {
        InodeOwners owners = new InodeOwners(1);
        for (int i = 1; i <= 100_000; i++) {
            owners.add(1_000_000L + i, i % 7, i);
        }
        assertEquals(100_000, owners.sockets());
        for (int i = 1; i <= 100_000; i += 997) {
            assertEquals(List.of(new SocketOwner(i % 7, i)), owners.ownersOf(1_000_000L + i));
        }
        assertFalse(owners.contains(1_000_000L));
        assertTrue(owners.contains(1_000_001L));
    }

    @Test
    void mergingKeepsBothSidesOwners() {
        InodeOwners a = new InodeOwners(2);
        InodeOwners b = new InodeOwners(2);
        a.add(9, 1, 5);
        b.add(9, 2, 6);
        b.add(8, 2, 7);
        a.addAll(b);
        assertEquals(List.of(new SocketOwner(1, 5), new SocketOwner(2, 6)), a.ownersOf(9));
        assertEquals(List.of(new SocketOwner(2, 7)), a.ownersOf(8));
    }
}
