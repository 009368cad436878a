package dev.portscope.linux.proc;

import dev.portscope.model.PacketSocket;

import java.util.List;
import java.util.Optional;

/**
 * {@code /proc/net/packet}: {@code sk RefCnt Type Proto Iface R Rmem User Inode}, one socket a
 * line (af_packet.c). It says less than packet_diag: no interface names (an index only) and not
 * whether a socket made an interface promiscuous (empty).
 */
public final class ProcNetPacket {
    private ProcNetPacket() {
    }

    /** Reads {@code net/packet} under the root; empty when the file is not there. */
    public static Optional<ParsedTable<PacketSocket>> read(ProcRoot root) {
        return ProcTables.lines(root.familyTable("packet")).map(ProcNetPacket::parse);
    }

    /** Every line but the header. */
    public static ParsedTable<PacketSocket> parse(List<String> lines) {
        return ProcTables.parse(lines, "sk", ProcNetPacket::parseLine);
    }

    /** {@code 0000000081341d18 3      3    0003   1     1 0      0      23021803}. */
    static Optional<PacketSocket> parseLine(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 9) {
            return Optional.empty();
        }
        try {
            PacketSocket.Type type = PacketSocket.Type.ofCode(Integer.parseInt(f[2]));
            int protocol = Integer.parseInt(f[3], 16);                 // ntohs'd already: host order
            int interfaceIndex = Integer.parseInt(f[4]);
            long recvQ = Long.parseLong(f[6]);
            int uid = Integer.parseUnsignedInt(f[7]);
            long inode = Long.parseLong(f[8]);
            return Optional.of(new PacketSocket(type, protocol, interfaceIndex, Optional.empty(), inode, recvQ, uid, Optional.empty(), 0));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
