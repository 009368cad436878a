package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Containers by the cgroup the kernel keeps per socket: a process enters a cgroup named as Docker,
 * containerd under Kubernetes, CRI-O, Podman, systemd-nspawn or a systemd unit name theirs (made
 * here in the cgroup v2 hierarchy, removed afterwards), opens a listener there, and moves back out
 * before portscope looks: every listener still gets its container, and its cgroup path is the one
 * {@code ss --cgroup} prints.
 */
@Live
class ContainersLiveTest {
    private static final String ID = "0123456789abcdef".repeat(4);
    private static final String HOLD = String.join("\n",
            "import os, socket, sys",
            "cg, port = sys.argv[1], int(sys.argv[2])",
            "home = open('/proc/self/cgroup').read().split('0::', 1)[1].split()[0]",
            "mount = cg[:cg.index('/pst-')]",
            "open(cg + '/cgroup.procs', 'w').write(str(os.getpid()))",
            "s = socket.socket(); s.bind(('127.0.0.1', port)); s.listen()",
            "open(mount + home.rstrip('/') + '/cgroup.procs', 'w').write(str(os.getpid()))",
            "print('ready', flush=True)",
            "sys.stdin.read()");

    /** {cgroup path under the test's slice, kind, name, pod uid or ""}. */
    private static final String[][] CASES = {
            {"docker-" + ID + ".scope", "docker", ID.substring(0, 12), ""},
            {"kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1234abcd_5678_90ab_cdef_1234567890ab.slice/cri-containerd-"
                    + ID + ".scope", "containerd", ID.substring(0, 12), "1234abcd-5678-90ab-cdef-1234567890ab"},
            {"crio-" + ID + ".scope", "cri-o", ID.substring(0, 12), ""},
            {"machine.slice/libpod-" + ID + ".scope", "podman", ID.substring(0, 12), ""},
            {"machine.slice/machine-test\\x2dbox.scope", "nspawn", "test-box", ""},
            {"web-test.service", "unit", "web-test.service", ""},
    };

    private static List<Integer> ports(Cli run) {
        assertEquals(0, run.code(), run.err());
        return ((List<?>) JsonValue.parse(run.out())).stream().map(o -> ((Long) ((Map<?, ?>) ((Map<?, ?>) o).get("local")).get("port")).intValue())
                .filter(p -> p >= 19600 && p < 19610).sorted().toList();
    }

    /** Where the cgroup v2 hierarchy is mounted (/sys/fs/cgroup/unified on a hybrid host); skips the test without root or one. */
    private static Optional<Path> cgroup2Mount() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to make cgroups");
        Optional<Path> mount = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.contains(" - cgroup2 ")).map(l -> Path.of(l.split(" ")[4])).findFirst();
        assumeTrue(mount.isPresent(), "no cgroup2 mount");
        return mount;
    }

    @Test
    void everySocketIsNamedByTheCgroupItWasMadeIn() throws Exception {
        Optional<Path> mount = cgroup2Mount();
        Path slice = mount.get().resolve("pst-" + ProcessHandle.current().pid() + ".slice");
        List<Process> holders = new ArrayList<>();
        List<Path> made = new ArrayList<>();
        try {
            for (int i = 0; i < CASES.length; i++) {
                Path cg = slice.resolve(CASES[i][0]);
                for (Path p = cg; !p.equals(mount.get()); p = p.getParent()) {
                    if (!made.contains(p)) {
                        made.add(p);
                    }
                }
                Files.createDirectories(cg);
                Process p = new ProcessBuilder("/usr/bin/python3", "-c", HOLD, cg.toString(), Integer.toString(19600 + i)).start();
                holders.add(p);
                InputStream out = p.getInputStream();
                assertEquals("ready\n", new String(out.readNBytes(6), StandardCharsets.US_ASCII), CASES[i][0]);
            }
            Cli run = Cli.live("-tln", "--cgroup", "--json", "sport", ">=", ":19600", "and", "sport", "<", ":19610");
            assertEquals(0, run.code(), run.err());
            List<?> rows = (List<?>) JsonValue.parse(run.out());
            assertEquals(CASES.length, rows.size(), run.out());
            for (Object o : rows) {
                Map<?, ?> m = (Map<?, ?>) o;
                int i = ((Long) ((Map<?, ?>) m.get("local")).get("port")).intValue() - 19600;
                String path = "/" + mount.get().relativize(slice.resolve(CASES[i][0]));
                assertEquals(path, m.get("cgroup"), CASES[i][0]);
                Map<?, ?> container = (Map<?, ?>) m.get("container");
                assertEquals(CASES[i][1], container.get("kind"), CASES[i][0]);
                assertEquals(CASES[i][2], container.get("name"), CASES[i][0]);
                assertEquals(CASES[i][3].isEmpty() ? null : CASES[i][3], container.get("pod"), CASES[i][0]);
                String ss = SocketMix.run("ss", "-tlnH", "--cgroup", "sport", "=", ":" + (19600 + i));
                assertTrue(ss.contains("cgroup:" + path), "ss says " + ss + " for " + path);
            }
            Cli table = Cli.live("-tln", "--cgroup", "sport", "=", ":19600");
            assertTrue(table.out().contains("docker:" + ID.substring(0, 12)), table.out());
            // filters: a container by id prefix, label or pod uid, a unit, a cgroup path as ss writes it
            assertEquals(List.of(19600), ports(Cli.live("-tln", "--json", "container", "=", "docker:" + ID.substring(0, 12))));
            assertEquals(List.of(19601), ports(Cli.live("-tln", "--json", "container = 1234abcd-5678-90ab-cdef-1234567890ab")));
            assertEquals(List.of(19605), ports(Cli.live("-tln", "--json", "container", "=", "web-test.service")));
            String crio = "/" + mount.get().relativize(slice.resolve(CASES[2][0]));
            assertEquals(List.of(19602), ports(Cli.live("-tln", "--json", "cgroup", crio)));
            List<Integer> notPodman = ports(Cli.live("-tln", "--json", "sport", ">=", ":19600", "and", "sport", "<", ":19610",
                    "and", "not", "container", "=", "podman:" + ID.substring(0, 12)));
            assertEquals(List.of(19600, 19601, 19602, 19604, 19605), notPodman);
        } finally {
            for (Process p : holders) {
                p.getOutputStream().close();
                p.waitFor();
            }
            made.sort((a, b) -> b.getNameCount() - a.getNameCount());
            for (Path p : made) {
                Files.deleteIfExists(p); // rmdir: an empty cgroup
            }
        }
    }

    /**
     * From /proc (no cgroup id per socket) a socket's owners' cgroup stands in, as the issue's
     * fallback: a process that stays in a Docker-named cgroup is found by container and cgroup, and
     * its socket shows them.
     */
    @Test
    void fromProcTheOwnersCgroupStandsIn() throws Exception {
        Optional<Path> mount = cgroup2Mount();
        Path slice = mount.get().resolve("pst-" + ProcessHandle.current().pid() + "-proc.slice");
        Path cg = slice.resolve("docker-" + ID + ".scope");
        Files.createDirectories(cg);
        String stay = String.join("\n", "import os, socket, sys",
                "open(sys.argv[1] + '/cgroup.procs', 'w').write(str(os.getpid()))",
                "s = socket.socket(); s.bind(('127.0.0.1', 19610)); s.listen()",
                "print('ready', flush=True)", "sys.stdin.read()");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", stay, cg.toString()).start();
        try {
            assertEquals("ready\n", new String(p.getInputStream().readNBytes(6), StandardCharsets.US_ASCII));
            String path = "/" + mount.get().relativize(cg);
            for (List<String> filter : List.of(List.of("container", "=", "docker:" + ID.substring(0, 12)), List.of("cgroup", "=", path))) {
                List<String> args = new ArrayList<>(List.of("--source", "procfs", "-tln", "--json"));
                args.addAll(filter);
                Cli run = Cli.live(args.toArray(String[]::new));
                assertEquals(0, run.code(), run.err());
                assertEquals(List.of(19610), ((List<?>) JsonValue.parse(run.out())).stream()
                        .map(o -> ((Long) ((Map<?, ?>) ((Map<?, ?>) o).get("local")).get("port")).intValue()).toList(), filter.toString());
            }
            Cli shown = Cli.live("--source", "procfs", "-tln", "--cgroup", "--json", "sport", "=", ":19610");
            Map<?, ?> row = (Map<?, ?>) ((List<?>) JsonValue.parse(shown.out())).getFirst();
            assertEquals(path, row.get("cgroup"), shown.out());
            assertEquals("docker", ((Map<?, ?>) row.get("container")).get("kind"), shown.out());
        } finally {
            p.getOutputStream().close();
            p.waitFor();
            Files.deleteIfExists(cg);
            Files.deleteIfExists(slice);
        }
    }
}
