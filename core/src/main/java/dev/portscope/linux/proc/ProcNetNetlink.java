package dev.portscope.linux.proc;

import dev.portscope.model.NetlinkSocket;

import java.util.List;
import java.util.Optional;

/**
 * {@code /proc/net/netlink}: {@code sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode}, one
 * socket a line (af_netlink.c). It names no peers: every socket reads as unconnected, as in ss's
 * own fallback.
 */
public final class ProcNetNetlink {
    private ProcNetNetlink() {
    }

    /** Reads {@code net/netlink} under the root; empty when the file is not there. */
    public static Optional<ParsedTable<NetlinkSocket>> read(ProcRoot root) {
        return ProcTables.lines(root.familyTable("netlink")).map(ProcNetNetlink::parse);
    }

    /** Every line but the header. */
    public static ParsedTable<NetlinkSocket> parse(List<String> lines) {
        return ProcTables.parse(lines, "sk", ProcNetNetlink::parseLine);
    }

    /** {@code 00000000594e906e 0   26398      00000005 0        0        0     2        0        23021806}. */
    static Optional<NetlinkSocket> parseLine(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10) {
            return Optional.empty();
        }
        try {
            int protocol = Integer.parseInt(f[1]);
            int portId = Integer.parseUnsignedInt(f[2]);               // %u: ss prints it signed
            long groups = Long.parseLong(f[3], 16);
            long recvQ = Long.parseLong(f[4]);
            long sendQ = Long.parseLong(f[5]);
            long inode = Long.parseLong(f[9]);
            return Optional.of(new NetlinkSocket(protocol, portId, groups, false, 0, 0, recvQ, sendQ, inode, 0));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
