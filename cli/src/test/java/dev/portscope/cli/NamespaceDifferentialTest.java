package dev.portscope.cli;

import dev.portscope.testing.Live;
import dev.portscope.testing.SocketRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * In a fresh network namespace holding {@link SocketMix}, {@code portscope -tuan} lists exactly
 * the sockets {@code ss -tuanH} lists, from netlink (the default) and from /proc alike. Needs root
 * for {@code unshare -n}.
 */
@Live
class NamespaceDifferentialTest {

    @Test
    void portscopeShowsWhatSsShows(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to create a network namespace with unshare -n; run the suite as root to include it");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("unshare", "-n", java, "-cp", System.getProperty("java.class.path"),
                SocketMix.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String log = new String(child.getInputStream().readAllBytes());
        assertEquals(0, child.waitFor(), "SocketMix in a new namespace failed: " + log);
        assertEquals("exit 0\nportscope: source netlink\n", Files.readString(dir.resolve("portscope.err")));
        assertEquals("exit 0\n", Files.readString(dir.resolve("portscope-procfs.err")));

        List<SocketRow> ss = SocketRow.fromSs(Files.readString(dir.resolve("ss.txt")));
        List<SocketRow> netlink = fromTable(Files.readString(dir.resolve("portscope.txt")));
        List<SocketRow> procfs = fromTable(Files.readString(dir.resolve("portscope-procfs.txt")));
        assertEquals(22, ss.size(), "the namespace should hold exactly the mix:\n" + Files.readString(dir.resolve("ss.txt")));
        assertEquals(ss, netlink, "netlink, listen backlogs included");
        assertEquals(SocketRow.withoutListenBacklog(ss), SocketRow.withoutListenBacklog(procfs), "procfs");

        List<SocketRow> ssRaw = SocketRow.fromSs(Files.readString(dir.resolve("ss-raw.txt")), "raw");
        assertEquals(3, ssRaw.size(), Files.readString(dir.resolve("ss-raw.txt")));
        assertEquals(ssRaw, fromTable(Files.readString(dir.resolve("portscope-raw.txt"))), "raw");

        Map<String, Set<String>> ssOwners = ownersByInode(Files.readString(dir.resolve("ss-owners.txt")));
        Map<String, Set<String>> ourOwners = ownersByInode(Files.readString(dir.resolve("portscope-owners.txt")));
        assertTrue(ssOwners.values().stream().filter(o -> !o.isEmpty()).count() >= 15, "ss should name the mix's owners: " + ssOwners);
        assertEquals(ssOwners, ourOwners, "owners by inode");
    }

    private static final Pattern USER = Pattern.compile("\\(\"([^\"]*)\",pid=(\\d+),fd=(\\d+)\\)");
    private static final Pattern INODE = Pattern.compile(" ino:(\\d+)");

    /** Each socket's owners ({@code comm/pid/fd}) by inode, from ss or portscope with -pe. */
    static Map<String, Set<String>> ownersByInode(String output) {
        Map<String, Set<String>> owners = new TreeMap<>();
        for (String line : output.split("\n")) {
            Matcher inode = INODE.matcher(line);
            if (!inode.find() || inode.group(1).equals("0")) {
                continue;
            }
            Set<String> users = new TreeSet<>();
            for (Matcher u = USER.matcher(line); u.find(); ) {
                users.add(u.group(1) + "/" + u.group(2) + "/" + u.group(3));
            }
            owners.put(inode.group(1), users);
        }
        return owners;
    }

    /** Rows of portscope's netstat-style table. */
    static List<SocketRow> fromTable(String table) {
        List<SocketRow> rows = new ArrayList<>();
        List<String> lines = table.lines().toList();
        for (String line : lines.subList(2, lines.size())) {
            String[] f = line.strip().split("\\s+");
            String protocol = f[0].replace("6", "");
            String state = SocketRow.ssState(protocol, f.length > 5 ? f[5] : "");
            String[] local = SocketRow.hostPort(f[3]);
            String[] remote = SocketRow.hostPort(f[4]);
            rows.add(new SocketRow(protocol, state, local[0], SocketRow.port(local[1]), remote[0],
                    SocketRow.port(remote[1]), Long.parseLong(f[1]), Long.parseLong(f[2])));
        }
        return SocketRow.sorted(rows);
    }
}
