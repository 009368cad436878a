package dev.portscope.cli;

import dev.portscope.testing.Live;
import dev.portscope.testing.SocketRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ss's filter language against ss itself: in a fresh network namespace holding {@link FilterMix},
 * every expression below selects the same sockets with {@code portscope -na[t|u]} as with
 * {@code ss -Hna[t|u]}. The first ones are the examples of ss(8); then our own, aimed at the
 * corners (left-to-right and/or, prefixes that match IPv4-mapped peers, abbreviated IPv4, state
 * groups, port names), then the forms ss reads differently from the obvious: unbracketed IPv6
 * with a port, and host names, looked up in a hosts file of the namespace's own (for a name with
 * an IPv6 address ss is given the addresses: its own lookup of them is wrong). Needs root for
 * {@code ip netns add}; the names live in {@code /etc/netns/NAME/hosts}, as a user of ip netns keeps them.
 */
@Live
class FilterDifferentialTest {
    /** {protocol flag, expression}. */
    static final String[][] FILTERS = {
            {"t", "state established ( dport = :ssh or sport = :ssh )"},
            {"t", "state fin-wait-1 ( sport = :http or sport = :https ) dst 193.233.7/24"},
            {"t", "state connected"},
            {"t", "state synchronized"},
            {"t", "state bucket"},
            {"t", "state big"},
            {"t", "exclude established"},
            {"t", "state close-wait state fin-wait-2"},
            {"t", "state listening"},
            {"t", "dport = :80"},
            {"t", "sport = :ssh"},
            {"t", "dport != :22"},
            {"t", "sport < :1024"},
            {"t", "sport > :1024"},
            {"t", "dport >= :443"},
            {"t", "sport le 80"},
            {"t", "dport eq :https"},
            {"t", "dst 127.0.1.5"},
            {"t", "src 127.0.0.0/16"},
            {"t", "src 127/8"},
            {"t", "dst [::1]"},
            {"t", "src [::1]:8080"},
            {"t", "dst 127.0.0.1:22"},
            {"t", "src :80"},
            {"t", "src 127.0.1.5"},
            {"t", "src 0.0.0.0/0"},
            {"t", "not dst 127.0.0.1"},
            {"t", "! ( dport = :22 )"},
            {"t", "( sport = :22 or sport = :80 ) and dst 127.0.0.0/8"},
            {"t", "sport = :22 or sport = :80 and dst 127.0.1.5"},
            {"t", "sport = :22 sport = :80 or dport = :22"},
            {"t", "state established sport = :https or dport = :https"},
            {"t", "exclude time-wait exclude listening dport gt :1000"},
            {"t", "state time-wait"},
            {"u", "sport = :5353"},
            {"u", "dport = :domain"},
            {"u", "state established"},
            {"u", "src 127.0.1.5"},
            // IPv6 without brackets: ss splits at the last colon when that leaves an address and a port
            {"t", "dst ::1:443"},
            {"t", "src :::443"},
            {"t", "src ::1:8080"},
            {"t", "src ::1/128:8080"},
            {"t", "dst ::ffff:127.0.0.1:443"},
            {"t", "src ::1:http-alt"},
            // ss rejects these; portscope reads them whole, as the bracketed form
            {"t", "dst ::1", "dst [::1]"},
            {"t", "dst ::ffff:127.0.1.5", "dst [::ffff:127.0.1.5]"},
            // host names from the namespace's /etc/hosts (HOSTS below), every address of the name
            {"t", "src client-five"},
            {"t", "dst loop-four:22"},
            {"t", "src loop-four:ssh or dst client-five"},
            {"u", "src client-five"},
            // ss looks up only the IPv4 addresses of a name correctly (6.1: its IPv6 lookup matches IPv4 sockets); the addresses instead
            {"t", "dst both-loops", "dst 127.0.0.1 or dst [::1]"},
            {"t", "src loop-six:8080", "src [::1]:8080"},
    };

    /** The namespace's /etc/hosts: /etc/netns/NAME/hosts, which ip netns exec binds over /etc/hosts for what it runs. */
    static final String HOSTS = String.join("\n", "127.0.0.1 localhost loop-four both-loops", "127.0.1.5 client-five",
            "::1 loop-six both-loops", "");

    private static Path dir;

    @BeforeAll
    static void runTheMix(@TempDir Path tmp) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to create a network namespace with ip netns add; run the suite as root to include it");
        dir = tmp;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < FILTERS.length; i++) {
            String[] f = FILTERS[i];
            lines.add(i + "\t" + f[0] + "\t" + f[1] + "\t" + (f.length > 2 ? f[2] : f[1]));
        }
        Path filters = Files.write(tmp.resolve("filters.tsv"), lines);
        String name = "portscope-test-" + ProcessHandle.current().pid();
        Path etc = Path.of("/etc/netns", name);
        boolean madeNetnsDir = !Files.exists(etc.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        SocketMix.run("ip", "netns", "add", name);
        try {
            Files.createDirectories(etc);
            Files.writeString(etc.resolve("hosts"), HOSTS);
            Process child = new ProcessBuilder("ip", "netns", "exec", name, java, "-cp", System.getProperty("java.class.path"),
                    FilterMix.class.getName(), tmp.toString(), filters.toString()).redirectErrorStream(true).start();
            String log = new String(child.getInputStream().readAllBytes());
            assertEquals(0, child.waitFor(), "FilterMix in a new namespace failed: " + log);
        } finally {
            Files.deleteIfExists(etc.resolve("hosts"));
            Files.deleteIfExists(etc);
            if (madeNetnsDir) {
                Files.deleteIfExists(etc.getParent());
            }
            SocketMix.run("ip", "netns", "delete", name);
        }
    }

    @Test
    void everyFilterSelectsWhatSsSelects() throws IOException {
        int nonEmpty = 0;
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < FILTERS.length; i++) {
            String protocol = FILTERS[i][0].equals("t") ? "tcp" : "udp";
            // ss leaves the State column out when the filter keeps a single state; so does the comparison then
            String ssOutput = Files.readString(dir.resolve(i + ".ss"));
            boolean stateless = ssOutput.lines().anyMatch(l -> l.strip().split("\\s+").length == 4);
            List<SocketRow> ss = SocketRow.fromSs(stateless ? ssOutput.replaceAll("(?m)^", "? ") : ssOutput, protocol);
            String[] ours = Files.readString(dir.resolve(i + ".portscope")).split("--stderr--\n", 2);
            if (!ours[1].startsWith("exit 0\n")) {
                differences.add(FILTERS[i][1] + ": portscope failed: " + ours[1]);
                continue;
            }
            List<SocketRow> portscope = NamespaceDifferentialTest.fromTable(ours[0]);
            if (stateless) {
                portscope = SocketRow.sorted(portscope.stream().map(r -> new SocketRow(r.protocol(), "?", r.localHost(), r.localPort(),
                        r.remoteHost(), r.remotePort(), r.recvQ(), r.sendQ())).toList());
            }
            if (!ss.equals(portscope)) {
                differences.add(FILTERS[i][1] + ":\n  ss:        " + ss + "\n  portscope: " + portscope);
            }
            nonEmpty += ss.isEmpty() ? 0 : 1;
        }
        assertEquals(List.of(), differences);
        assertTrue(nonEmpty >= FILTERS.length - 4, "most filters should select something in the mix: " + nonEmpty);
    }
}
