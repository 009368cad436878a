package dev.portscope.linux.ffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Sockets opened in another network namespace through the one namespace thread: each lives in the
 * namespace asked for, a failure leaves the thread serving, and no thread of this process is left
 * in another namespace afterwards. Needs root (setns) and unshare(1).
 */
class NamespaceThreadTest {
    private Process other;

    @BeforeEach
    void otherNamespace() throws IOException, InterruptedException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "setns needs CAP_SYS_ADMIN");
        Assumptions.assumeTrue(NativeAccess.available(), "native access");
        other = new ProcessBuilder("unshare", "-n", "sleep", "60").redirectErrorStream(true).start();
        Path link = Path.of("/proc", Long.toString(other.pid()), "ns", "net");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (namespaceOf(link).equals(namespaceOf(Path.of("/proc/self/ns/net"))) && System.nanoTime() < deadline) {
            Thread.sleep(5); // until unshare has made its namespace
        }
        assertNotEquals(namespaceOf(Path.of("/proc/self/ns/net")), namespaceOf(link), "unshare -n made no namespace within 5 s");
    }

    @AfterEach
    void stop() {
        if (other != null) {
            other.destroyForcibly();
        }
    }

    @Test
    void socketsLiveWhereAskedAndEveryThreadStaysHome() throws IOException {
        Path netns = Path.of("/proc", Long.toString(other.pid()), "ns", "net");
        String own = namespaceOf(Path.of("/proc/self/ns/net"));
        for (int i = 0; i < 3; i++) { // the same thread serves each open
            try (NetlinkSocket socket = NetlinkSocket.openIn(netns.toString(), 4)) {
                assertEquals(namespaceOf(netns), socketNamespace(socket), "a socket made by setns lives in the namespace entered");
            }
        }
        assertEquals(List.of(own), threadNamespaces(), "every thread of this process is back in its own namespace");
    }

    @Test
    void aNamespaceThatCannotBeEnteredFailsAndTheNextOpenWorks() throws IOException {
        NativeException missing = assertThrows(NativeException.class, () -> NetlinkSocket.openIn("/nonexistent/ns", 4));
        assertEquals(2, missing.errno(), "ENOENT");
        NativeException notNamespace = assertThrows(NativeException.class, () -> NetlinkSocket.openIn("/proc/self/status", 4));
        assertEquals(22, notNamespace.errno(), "EINVAL: setns on a file that is no namespace");
        Path netns = Path.of("/proc", Long.toString(other.pid()), "ns", "net");
        try (NetlinkSocket socket = NetlinkSocket.openIn(netns.toString(), 4)) {
            assertEquals(namespaceOf(netns), socketNamespace(socket));
        }
        assertEquals(List.of(namespaceOf(Path.of("/proc/self/ns/net"))), threadNamespaces());
    }

    /** Which namespace's netlink table (/proc/PID/net/netlink, last column the inode) lists the socket: ours, other's, or neither. */
    private String socketNamespace(NetlinkSocket socket) throws IOException {
        socket.subscribe(0); // bound (a port id assigned): only bound netlink sockets are in the table
        String inode = Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(socket.fd()))).toString().replaceAll("\\D", "");
        for (Path process : List.of(Path.of("/proc", Long.toString(other.pid())), Path.of("/proc/self"))) {
            try (Stream<String> lines = Files.lines(process.resolve("net/netlink"))) {
                if (lines.skip(1).map(l -> l.trim().split("\\s+")).anyMatch(f -> f[f.length - 1].equals(inode))) {
                    return namespaceOf(process.resolve("ns/net"));
                }
            }
        }
        return "nowhere";
    }

    private static List<String> threadNamespaces() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.map(t -> {
                try {
                    return namespaceOf(t.resolve("ns/net"));
                } catch (IOException e) {
                    return null; // a thread that ended meanwhile
                }
            }).filter(java.util.Objects::nonNull).distinct().toList();
        }
    }

    private static String namespaceOf(Path link) throws IOException {
        return Files.readSymbolicLink(link).toString();
    }
}
