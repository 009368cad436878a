package dev.portscope.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What a cgroup path says a socket belongs to: a container of a runtime, or a systemd unit.
 *
 * @param kind {@code docker}, {@code containerd}, {@code cri-o}, {@code podman}, {@code lxc},
 *             {@code nspawn}, or {@code unit} for a plain systemd unit
 * @param name the container's short id (12 hex digits, as {@code docker ps} shows), the machine or
 *             LXC name, or the unit's name ({@code nginx.service})
 * @param pod  the Kubernetes pod uid, for a container of a pod
 */
public record Container(String kind, String name, Optional<String> pod) {
    public Container {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(name);
        Objects.requireNonNull(pod);
    }

    /** {@code docker:0123456789ab}, {@code unit:nginx.service}. */
    public String label() {
        return kind + ":" + name;
    }
}
