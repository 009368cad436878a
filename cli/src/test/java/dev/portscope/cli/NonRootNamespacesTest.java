package dev.portscope.cli;

import dev.portscope.testing.Live;
import dev.portscope.testing.SocketRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Without root: nobody's own process in its own namespace (made by root with unshare -n, then run
 * as nobody) is found through /proc/PID/ns/net and read through its /proc/PID/net (setns needs
 * CAP_SYS_ADMIN): {@code --all-netns} lists that namespace's sockets as ss inside it does, and says
 * in one line that other processes' namespaces could not be seen; a namespace asked for by name
 * that cannot be entered is one line and exit 1, nothing printed.
 */
@Live
class NonRootNamespacesTest {
    private static final String MIX = String.join("\n",
            "import socket, sys",
            "s = socket.socket(); s.bind(('127.0.0.1', 19500)); s.listen()",
            "c = socket.create_connection(('127.0.0.1', 19500)); a, _ = s.accept()",
            "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 19502))",
            "print('ready', flush=True)",
            "sys.stdin.read()");

    @Test
    void nobodySeesItsOwnNamespacesAndSaysWhatItCannot(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to make the namespace and run as nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) runs the children as nobody");
        String classPath = NonRootOwnersTest.readableCopy(dir);
        Process holder = new ProcessBuilder("unshare", "-n", "sh", "-c",
                "ip link set lo up && exec /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/python3 -c \"$0\"", MIX).start();
        String netnsName = "pstnr" + ProcessHandle.current().pid();
        SocketMix.run("ip", "netns", "add", netnsName); // root's: nobody can neither enter it nor read a process of it
        try {
            InputStream out = holder.getInputStream();
            assertEquals("ready\n", new String(out.readNBytes(6), StandardCharsets.US_ASCII), "the socket mix did not start");
            String pid = Long.toString(holder.pid());
            String inode = Files.readSymbolicLink(Path.of("/proc", pid, "ns/net")).toString().replaceAll("\\D", "");
            List<SocketRow> ss = SocketRow.fromSs(SocketMix.run("nsenter", "-t", pid, "-n", "ss", "-tuanH"));
            assertEquals(3 + 1, ss.size(), "listener, both ends, UDP: " + ss);

            NonRootOwnersTest.Result all = NonRootOwnersTest.asNobody(classPath, List.of("--all-netns", "-tuan", "--json"));
            assertEquals(0, all.code(), all.err());
            Map<String, List<SocketRow>> rows = NamespacesDifferentialTest.rowsByNetns(all.out());
            // /proc/PID/net has no listen backlog (netstat shows 0 too): compared without it
            assertEquals(SocketRow.withoutListenBacklog(ss), SocketRow.withoutListenBacklog(rows.get(inode)),
                    "nobody's namespace, read through /proc/" + pid + "/net");
            assertTrue(all.err().contains("could not be seen (permission denied)") && all.err().contains("run portscope as root (sudo)"), all.err());
            // named, or among the "and N more" when other bind-mounted namespaces are up (a bench's)
            assertTrue(all.err().contains("network namespace " + netnsName + " not read")
                    || all.err().matches("(?s).*network namespaces not read: .*(" + netnsName + "|and \\d+ more\\)).*"),
                    "root's bind-mounted one: " + all.err());

            NonRootOwnersTest.Result named = NonRootOwnersTest.asNobody(classPath, List.of("-N", netnsName, "-tan"));
            assertEquals(1, named.code(), named.err());
            assertEquals("", named.out());
            assertEquals(1, named.err().lines().count(), named.err());
            assertTrue(named.err().contains("cannot be read") && named.err().contains("root"), named.err());

            NonRootOwnersTest.Result byPid = NonRootOwnersTest.asNobody(classPath, List.of("-N", pid, "-tuan", "--json"));
            assertEquals(0, byPid.code(), byPid.err());
            assertEquals(SocketRow.withoutListenBacklog(ss), SocketRow.withoutListenBacklog(NamespacesDifferentialTest.rowsByNetns(byPid.out())
                    .get(inode)), "-N PID of one's own process");
            assertFalse(byPid.err().contains("cannot"), byPid.err());
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
            new ProcessBuilder("ip", "netns", "delete", netnsName).start().waitFor();
        }
    }
}
