package dev.portscope.cli.render;

import dev.portscope.model.Roles;
import dev.portscope.model.SocketEntry;
import dev.portscope.lookup.Directions;
import dev.portscope.lookup.Owners;

import java.util.Optional;

/** The listing's columns for --csv, --columns and --sort; names are kept stable (README.md). */
public final class SocketColumns {
    private SocketColumns() {
    }

    /** Column names that need the process table. */
    public static boolean needsOwners(java.util.Collection<String> names) {
        return names.stream().map(n -> n.startsWith("-") ? n.substring(1) : n).anyMatch(n -> n.equals("pid") || n.equals("comm"));
    }

    public static Columns<SocketEntry> of(Optional<Directions> directions, Optional<Owners> owners, Optional<Names> names, boolean processes) {
        return new Columns<SocketEntry>()
                .add("proto", "tcp, udp or raw", true, s -> s.protocol().label())
                .add("family", "ipv4 or ipv6", true, s -> s.family().label())
                .add("state", "kernel state name (ESTABLISHED, LISTEN, CLOSE for unconnected UDP ...)", true, s -> s.state().name())
                .add("recvq", "bytes not yet read (listener: connections not yet accepted)", true, s -> Long.toString(s.recvQ()))
                .add("sendq", "bytes not yet acknowledged", true, s -> Long.toString(s.sendQ()))
                .add("laddr", "local address", true, s -> s.local().hostString())
                .add("lport", "local port", true, s -> Integer.toString(s.local().port()))
                .add("raddr", "remote address", true, s -> s.remote().hostString())
                .add("rport", "remote port", true, s -> Integer.toString(s.remote().port()))
                .add("uid", "socket owner's uid", true, s -> Integer.toString(s.uid()))
                .add("inode", "socket inode", true, s -> Long.toString(s.inode()))
                .add("dir", "in or out for connected sockets", true,
                        s -> directions.flatMap(d -> d.of(s)).map(Roles::direction).map(d -> d.label()).orElse(""))
                .add("local", "local address:port ([v6]:port)", false, s -> s.local().toString())
                .add("remote", "remote address:port", false, s -> s.remote().toString())
                .add("service", "name of the service end's port (not with -n)", false,
                        s -> names.flatMap(n -> n.serviceName(n.serviceEnd(s).port(), s.protocol())).orElse(""))
                .add("pid", "pids holding the socket, comma-separated", processes,
                        s -> owners.map(o -> OwnerText.pids(o, s)).orElse(""))
                .add("comm", "their commands, comma-separated", processes,
                        s -> owners.map(o -> OwnerText.commands(o, s)).orElse(""));
    }
}
