package dev.portscope.cli.render;

import dev.portscope.model.Roles;
import dev.portscope.model.SocketEntry;
import dev.portscope.lookup.Directions;
import dev.portscope.lookup.Owners;

import java.util.Optional;

/**
 * The listing's (and who's) columns for --csv, --columns and --sort: each named by its JSON field
 * path (README.md, "One schema"); netstat-style short names are aliases.
 */
public final class SocketColumns {
    private SocketColumns() {
    }

    /** Column names (or aliases) that need the process table. */
    public static boolean needsOwners(java.util.Collection<String> names) {
        return names.stream().map(n -> n.startsWith("-") ? n.substring(1) : n)
                .anyMatch(n -> n.startsWith("owners.") || n.equals("pid") || n.equals("comm") || n.equals("user"));
    }

    /** {@code netns.inode} and {@code netns.name}, in the defaults: for reads of chosen namespaces. */
    public static Columns<SocketEntry> withNamespaces(Columns<SocketEntry> columns, java.util.Map<Long, dev.portscope.model.Netns> namespaces) {
        return columns.add("netns.inode", "inode of the network namespace the socket lives in", true, s -> Long.toString(s.netns()))
                .add("netns.name", "its name (ip netns, Docker), when it has one", true,
                        s -> dev.portscope.model.Netns.nameOf(s.netns(), namespaces).orElse(""));
    }

    /** {@code cgroup}, {@code container.kind}, {@code container.name}, {@code container.pod}, in the defaults. */
    public static Columns<SocketEntry> withCgroups(Columns<SocketEntry> columns, dev.portscope.lookup.Cgroups cgroups) {
        return columns.add("cgroup", "the socket's cgroup v2 path (netlink, Linux 5.8+)", true, s -> cgroups.path(s).orElse(""))
                .add("container.kind", "docker, containerd, cri-o, podman, lxc, nspawn, or unit", true,
                        s -> cgroups.container(s).map(dev.portscope.model.Container::kind).orElse(""))
                .add("container.name", "its short id, name, or the unit", true,
                        s -> cgroups.container(s).map(dev.portscope.model.Container::name).orElse(""))
                .add("container.pod", "the Kubernetes pod uid", true,
                        s -> cgroups.container(s).flatMap(dev.portscope.model.Container::pod).orElse(""));
    }

    public static Columns<SocketEntry> of(Optional<Directions> directions, Optional<Owners> owners, Optional<Names> names, boolean processes) {
        return new Columns<SocketEntry>()
                .add("protocol", "tcp, udp or raw", true, s -> s.protocol().label())
                .add("family", "ipv4 or ipv6", true, s -> s.family().label())
                .add("state", "state (ESTABLISHED, LISTEN, CLOSE for unconnected UDP ...; README's list)", true, s -> s.state().netstatName())
                .add("recvQ", "bytes not yet read (listener: connections not yet accepted)", true, s -> Long.toString(s.recvQ()))
                .add("sendQ", "bytes not yet acknowledged", true, s -> Long.toString(s.sendQ()))
                .add("local.address", "local address", true, s -> s.local().hostString())
                .add("local.port", "local port", true, s -> Integer.toString(s.local().port()))
                .add("remote.address", "remote address", true, s -> s.remote().hostString())
                .add("remote.port", "remote port", true, s -> Integer.toString(s.remote().port()))
                .add("uid", "socket owner's uid", true, s -> Integer.toString(s.uid()))
                .add("inode", "socket inode", true, s -> Long.toString(s.inode()))
                .add("interface", "the interface the socket is bound to (ss's %lo), netlink only", false,
                        s -> s.extras().boundInterface().map(i -> i.label()).orElse(""))
                .add("direction", "in or out for connected sockets", true,
                        s -> directions.flatMap(d -> d.of(s)).map(Roles::direction).map(d -> d.label()).orElse(""))
                .add("service.name", "name of the service end's port (not with -n)", false,
                        s -> names.flatMap(n -> n.serviceName(n.serviceEnd(s).port(), s.protocol())).orElse(""))
                .add("owners.pid", "pids holding the socket, comma-separated", processes,
                        s -> owners.map(o -> OwnerText.pids(o, s)).orElse(""))
                .add("owners.command", "their commands, comma-separated", processes,
                        s -> owners.map(o -> OwnerText.commands(o, s)).orElse(""))
                .add("owners.user", "their users, comma-separated", false,
                        s -> owners.map(o -> OwnerText.users(o, s)).orElse(""))
                .addText("local", "local address:port ([v6]:port)", false, s -> s.local().toString())
                .addText("remote", "remote address:port", false, s -> s.remote().toString())
                .alias("proto", "protocol").alias("recvq", "recvQ").alias("sendq", "sendQ")
                .alias("laddr", "local.address").alias("lport", "local.port").alias("raddr", "remote.address").alias("rport", "remote.port")
                .alias("dir", "direction").alias("service", "service.name").alias("pid", "owners.pid").alias("comm", "owners.command")
                .alias("user", "owners.user");
    }
}
