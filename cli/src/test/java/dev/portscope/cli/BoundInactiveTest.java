package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A TCP socket bound but neither listening nor connected holds its port, and only netlink on
 * Linux 6.5+ can see it (ss 6.8+ {@code -B}; ss 6.1 here and netstat cannot, so the oracle is the
 * socket this test binds): {@code -B}, {@code -aB}, {@code state bound-inactive}, ss's
 * {@code state all} and {@code who} list it; {@code -a}, the default and {@code -l} do not; once
 * closed it is gone.
 */
@Live
class BoundInactiveTest {

    @Test
    void aBoundSocketIsListedByBAndAllOnly() throws Exception {
        assumeTrue(kernelAtLeast(6, 5), "bound-inactive sockets are dumped by Linux 6.5+");
        int port;
        try (SocketChannel bound = SocketChannel.open()) {
            bound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = ((InetSocketAddress) bound.getLocalAddress()).getPort();
            String filter = "sport = :" + port;

            Cli b = Cli.live("-tnB", filter);
            assertEquals(0, b.code(), b.err());
            assertTrue(b.out().contains("Active Internet connections (bound, not listening or connected)"), b.out());
            assertEquals(1, rows(b.out(), port), b.out());
            assertTrue(b.out().contains("127.0.0.1:" + port + " ") && b.out().contains("BOUND_INACTIVE"), b.out());

            Cli state = Cli.live("-tn", "state", "bound-inactive", filter, "--json");
            assertTrue(state.out().contains("\"state\":\"BOUND_INACTIVE\"") && state.out().contains("\"port\":" + port), state.out());
            assertEquals(0, rows(Cli.live("-tan", filter).out(), port), "-a: listening and connected, as netstat");
            assertEquals(1, rows(Cli.live("-tanB", filter).out(), port), "-aB adds them");
            assertEquals(1, rows(Cli.live("-tn", "state", "all", filter).out(), port), "ss's 'state all' has them, as ss 6.8+");
            assertTrue(Cli.live("who", Integer.toString(port)).out().contains("1 bound but inactive"), "who: it holds the port");
            assertEquals(0, rows(Cli.live("-tn", filter).out(), port), "not a connection");
            assertEquals(0, rows(Cli.live("-tln", filter).out(), port), "not a listener");
            assertEquals(0, rows(Cli.live("-un", "state", "bound-inactive", filter).out(), port), "a TCP state only");
            Cli procfs = Cli.live("-tnB", "--source", "procfs", filter);
            assertEquals(0, rows(procfs.out(), port));
            assertTrue(procfs.err().contains("/proc/net/tcp does not list TCP sockets bound but inactive"), procfs.err());
        }
        assertEquals(0, rows(Cli.live("-tnB", "sport = :" + port).out(), port), "closed: gone");
    }

    private static long rows(String table, int port) {
        return table.lines().filter(l -> l.contains(":" + port + " ")).count();
    }

    private static boolean kernelAtLeast(int major, int minor) {
        String[] v = System.getProperty("os.version").split("[.-]");
        int ma = Integer.parseInt(v[0]);
        int mi = Integer.parseInt(v[1]);
        return ma > major || ma == major && mi >= minor;
    }
}
