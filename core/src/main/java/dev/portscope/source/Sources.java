package dev.portscope.source;

import dev.portscope.linux.ProcNetSource;
import dev.portscope.linux.ProcRoot;

/** Picks a socket source. The netlink source arrives with its own issue; until then procfs serves. */
public final class Sources {
    private Sources() {
    }

    /** The best source for this machine's live sockets. */
    public static SocketSource auto() {
        return procfs(ProcRoot.system());
    }

    /** The /proc/net text tables below {@code root}: the live /proc, or a snapshot directory. */
    public static SocketSource procfs(ProcRoot root) {
        return new ProcNetSource(root);
    }
}
