package dev.portscope.lookup;

import dev.portscope.model.Container;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cgroup paths as the runtimes write them, under systemd and under cgroupfs drivers. */
class ContainersTest {
    private static final String ID = "4f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private static Optional<Container> c(String kind, String name, String pod) {
        return Optional.of(new Container(kind, name, pod == null ? Optional.empty() : Optional.of(pod)));
    }

    @Test
    void runtimesUnitsAndPods() {
        assertEquals(c("docker", "4f1e2d3c4b5a", null), Containers.of("/system.slice/docker-" + ID + ".scope"));
        assertEquals(c("docker", "4f1e2d3c4b5a", null), Containers.of("/docker/" + ID));
        assertEquals(c("containerd", "4f1e2d3c4b5a", "0e2b7c5a-1d3f-4c6b-9a8e-7f6d5c4b3a21"), Containers.of(
                "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0e2b7c5a_1d3f_4c6b_9a8e_7f6d5c4b3a21.slice/cri-containerd-"
                        + ID + ".scope"));
        assertEquals(c("containerd", "4f1e2d3c4b5a", "0e2b7c5a-1d3f-4c6b-9a8e-7f6d5c4b3a21"),
                Containers.of("/kubepods/besteffort/pod0e2b7c5a-1d3f-4c6b-9a8e-7f6d5c4b3a21/" + ID));
        assertEquals(c("cri-o", "4f1e2d3c4b5a", null), Containers.of("/machine.slice/crio-" + ID + ".scope"));
        assertEquals(c("podman", "4f1e2d3c4b5a", null), Containers.of("/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-"
                + ID + ".scope/container"));
        assertEquals(c("lxc", "web", null), Containers.of("/lxc.payload.web"));
        assertEquals(c("nspawn", "my-box", null), Containers.of("/machine.slice/machine-my\\x2dbox.scope"));
        assertEquals(c("unit", "nginx.service", null), Containers.of("/system.slice/nginx.service"));
        assertEquals(c("unit", "session-3.scope", null), Containers.of("/user.slice/user-1000.slice/session-3.scope"));
        assertEquals(Optional.empty(), Containers.of("/"));
        assertEquals(Optional.empty(), Containers.of("/system.slice"));
    }
}
