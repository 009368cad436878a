package dev.portscope.linux.proc;

import dev.portscope.model.Netns;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A namespace that vanished since it was found (its nsfs file gone or naming another namespace,
 * its process gone or moved) against one still there, on this process's own namespace.
 */
class NetNamespacesTest {
    private static final ProcRoot PROC = ProcRoot.system();

    @Test
    void aNamespaceStillReachableThroughItsFileOrItsProcessHasNotVanished() throws IOException {
        long own = ownInode();
        int self = (int) ProcessHandle.current().pid();
        assertFalse(NetNamespaces.vanished(new Netns(own, List.of(), "/proc/self/ns/net", OptionalInt.empty(), true), PROC));
        assertFalse(NetNamespaces.vanished(new Netns(own, List.of("gone"), "/nonexistent/netns/gone", OptionalInt.of(self), true), PROC),
                "its bind mount is gone, its process still lives in it");
    }

    @Test
    void aNamespaceWhoseFileAndProcessNoLongerNameItHasVanished() throws IOException {
        long own = ownInode();
        int self = (int) ProcessHandle.current().pid();
        assertTrue(NetNamespaces.vanished(new Netns(own, List.of("gone"), "/nonexistent/netns/gone", OptionalInt.empty(), false), PROC));
        assertTrue(NetNamespaces.vanished(new Netns(own + 1, List.of(), "/proc/self/ns/net", OptionalInt.of(self), false), PROC),
                "the file and the pid now name another namespace (a reused pid)");
        assertTrue(NetNamespaces.vanished(new Netns(own, List.of(), "/proc/self/status", OptionalInt.of(Integer.MAX_VALUE), false), PROC),
                "no nsfs file, no such process");
    }

    @Test
    void theInitialNamespaceIsANamespaceFileToo() throws IOException {
        // Linux 6.18 numbers the first network namespace 0xEFFFFFF9, below the dynamic range (0xF0000000 and up)
        Netns named = NetNamespaces.named("/proc/self/ns/net", PROC, NetNamespaces.BIND_MOUNT_DIRS);
        assertEquals(ownInode(), named.inode());
        assertTrue(named.own());
        IllegalArgumentException plain = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NetNamespaces.named("/proc/self/status", PROC, NetNamespaces.BIND_MOUNT_DIRS));
        assertTrue(plain.getMessage().contains("is not a network namespace file"), plain.getMessage());
        IllegalArgumentException missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NetNamespaces.named("/nonexistent/netns/x", PROC, NetNamespaces.BIND_MOUNT_DIRS));
        assertTrue(missing.getMessage().startsWith("no such file: '/nonexistent/netns/x'"), missing.getMessage());
    }

    private static long ownInode() throws IOException {
        String link = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        long inode = NetNamespaces.parseLink(link).orElseThrow();
        assertEquals("net:[" + inode + "]", link);
        return inode;
    }
}
