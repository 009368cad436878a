package dev.portscope.lookup;

import dev.portscope.model.Container;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container or unit a cgroup v2 path names, read as the runtimes write them: Docker
 * ({@code docker-ID.scope} under systemd, {@code /docker/ID} under cgroupfs), containerd and CRI
 * ({@code cri-containerd-ID.scope}), CRI-O ({@code crio-ID.scope}), Podman ({@code libpod-ID.scope}),
 * LXC ({@code lxc.payload.NAME}, {@code /lxc/NAME}), systemd-nspawn ({@code machine-NAME.scope}),
 * Kubernetes pods ({@code kubepods-...-podUID.slice}, {@code /kubepods/.../podUID}); else the
 * innermost systemd unit ({@code nginx.service}). Pure: a path in, an answer out.
 */
public final class Containers {
    private static final String ID = "([0-9a-f]{64})";
    private static final List<Rule> RULES = List.of(
            new Rule("docker", Pattern.compile("(?:^|/)docker-" + ID + "\\.scope$|(?:^|/)docker/" + ID + "$")),
            new Rule("containerd", Pattern.compile("(?:^|/)cri-containerd-" + ID + "\\.scope$|(?:^|/)kubepods/.*/" + ID + "$")),
            new Rule("cri-o", Pattern.compile("(?:^|/)crio-" + ID + "\\.scope$")),
            new Rule("podman", Pattern.compile("(?:^|/)libpod-" + ID + "\\.scope(?:/container)?$|(?:^|/)libpod_parent/libpod-" + ID + "$")));
    private static final Pattern LXC = Pattern.compile("(?:^|/)lxc\\.payload\\.([^/]+)|(?:^|/)lxc/([^/]+)");
    private static final Pattern MACHINE = Pattern.compile("(?:^|/)machine-([^/]+)\\.scope$");
    private static final Pattern POD = Pattern.compile("pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})");
    private static final Pattern UNIT = Pattern.compile("([^/]+\\.(?:service|scope|socket|mount|swap|slice))$");

    private record Rule(String kind, Pattern pattern) {
    }

    private Containers() {
    }

    /** The container or unit of this cgroup path ({@code /system.slice/docker-ID.scope}); empty for the root and plain slices. */
    public static Optional<Container> of(String cgroupPath) {
        Optional<String> pod = Optional.empty();
        Matcher podMatch = POD.matcher(cgroupPath);
        if (podMatch.find()) {
            pod = Optional.of(podMatch.group(1).replace('_', '-'));
        }
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(cgroupPath);
            if (m.find()) {
                String id = m.group(1) != null ? m.group(1) : m.group(2);
                return Optional.of(new Container(rule.kind(), id.substring(0, 12), pod));
            }
        }
        Matcher lxc = LXC.matcher(cgroupPath);
        if (lxc.find()) {
            return Optional.of(new Container("lxc", lxc.group(1) != null ? lxc.group(1) : lxc.group(2), pod));
        }
        Matcher machine = MACHINE.matcher(cgroupPath);
        if (machine.find()) {
            return Optional.of(new Container("nspawn", machine.group(1).replace("\\x2d", "-"), pod));
        }
        Matcher unit = UNIT.matcher(cgroupPath);
        if (unit.find() && !unit.group(1).endsWith(".slice")) {
            return Optional.of(new Container("unit", unit.group(1), pod));
        }
        return pod.map(uid -> new Container("pod", uid, Optional.of(uid)));
    }
}
