package dev.portscope.source;

import dev.portscope.linux.ProcNetSource;
import dev.portscope.linux.ProcRoot;
import dev.portscope.linux.netlink.NetlinkSource;

import java.util.Optional;

/** Picks a socket source: netlink sock_diag when the kernel offers it, else the /proc/net tables. */
public final class Sources {
    private Sources() {
    }

    /** The best source for this machine's live sockets: netlink, falling back to /proc. */
    public static SocketSource auto() {
        return new FallbackSource(netlink(), procfs(ProcRoot.system()));
    }

    /** Netlink sock_diag, as ss reads it. */
    public static SocketSource netlink() {
        return new NetlinkSource(ProcRoot.system());
    }

    /** The /proc/net text tables below {@code root}: the live /proc, or a snapshot directory. */
    public static SocketSource procfs(ProcRoot root) {
        return new ProcNetSource(root);
    }

    /** Why {@code source} fell back from netlink to /proc, if it is an automatic source that did. */
    public static Optional<String> fallbackReason(SocketSource source) {
        return source instanceof FallbackSource f ? f.fallbackReason() : Optional.empty();
    }
}
