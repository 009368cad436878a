package dev.portscope.linux.proc;

import dev.portscope.model.TcpState;
import dev.portscope.model.UnixSocket;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code /proc/net/unix}: {@code Num RefCount Protocol Flags Type St Inode Path}, one socket a
 * line. It has no peers and no queues (they read 0, as in ss's fallback), and no uids. The state
 * comes from the socket's {@code St} (SS_UNCONNECTED 1 ... SS_DISCONNECTING 4) and the accept flag,
 * mapped as ss maps them. A line with inode 0 is a connection not yet accepted (its server-side
 * end, CONNECTING): it is no socket of any process yet, unix_diag leaves it out (the listener's
 * Recv-Q counts it), and so does this reader, so that both sources give the same sockets.
 */
public final class ProcNetUnix {
    /** {@code __SO_ACCEPTCON}: the socket listens. */
    private static final int SO_ACCEPTCON = 1 << 16;
    private static final TcpState[] BY_SOCKET_STATE = {TcpState.CLOSE, TcpState.SYN_SENT, TcpState.ESTABLISHED, TcpState.CLOSING};

    private ProcNetUnix() {
    }

    /** Reads {@code net/unix} under the root; empty when the file is not there. */
    public static Optional<ParsedTable<UnixSocket>> read(ProcRoot root) {
        return ProcTables.lines(root.familyTable("unix")).map(ProcNetUnix::parse);
    }

    /** Every line but the header, inode-0 ones left out. */
    public static ParsedTable<UnixSocket> parse(List<String> lines) {
        ParsedTable<UnixSocket> all = ProcTables.parse(lines, "Num", ProcNetUnix::parseLine);
        return new ParsedTable<>(all.sockets().stream().filter(s -> s.inode() != 0).toList(), all.malformed());
    }

    /** {@code 0000000000000000: 00000002 00000000 00010000 0001 01 12345 /run/foo.sock}. */
    static Optional<UnixSocket> parseLine(String line) {
        String[] f = line.trim().split(" +", 8);
        if (f.length < 7 || !f[0].endsWith(":")) {
            return Optional.empty();
        }
        try {
            int flags = Integer.parseUnsignedInt(f[3], 16);
            int type = Integer.parseInt(f[4], 16);
            int socketState = Integer.parseInt(f[5], 16);
            long inode = Long.parseLong(f[6]);
            TcpState state = (flags & SO_ACCEPTCON) != 0 ? TcpState.LISTEN
                    : socketState >= 1 && socketState <= BY_SOCKET_STATE.length ? BY_SOCKET_STATE[socketState - 1] : TcpState.CLOSE;
            Optional<String> name = f.length == 8 && !f[7].isEmpty() ? Optional.of(f[7]) : Optional.empty();
            return Optional.of(new UnixSocket(UnixSocket.Type.ofCode(type), state, name, inode, 0, 0, 0, OptionalInt.empty(),
                    List.of(), Optional.empty(), 0));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
