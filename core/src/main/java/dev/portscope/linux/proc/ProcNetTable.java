package dev.portscope.linux.proc;

import dev.portscope.model.Endpoint;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pure parser for the socket tables {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6}.
 *
 * <p>A row reads {@code sl local rem st tx_queue:rx_queue tr:when retrnsmt uid timeout inode ...}.
 * Addresses are hex: each 32-bit word is printed as the number the host holds in memory, so on a
 * little-endian machine {@code 0100007F} is 127.0.0.1. Ports are plain big-endian hex.
 */
public final class ProcNetTable {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private ProcNetTable() {
    }

    /** The rows of one table, and how many lines were skipped as malformed. */
    public record Parsed(List<SocketEntry> entries, int malformed) {
    }

    /** Whether {@code line} is the header every socket table starts with. */
    public static boolean isHeader(String line) {
        String t = line.strip();
        return t.startsWith("sl") && t.contains("local_address") && t.contains("inode");
    }

    /** Parses a whole table, header line included; lines that do not parse are counted, not fatal. */
    public static Parsed parse(List<String> lines, Protocol protocol, Family family) {
        List<SocketEntry> entries = new ArrayList<>();
        int malformed = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && isHeader(line) || line.isBlank()) {
                continue;
            }
            Optional<SocketEntry> entry = parseLine(line, protocol, family);
            if (entry.isPresent()) {
                entries.add(entry.get());
            } else {
                malformed++;
            }
        }
        return new Parsed(List.copyOf(entries), malformed);
    }

    /** One row, or empty when it is not a well-formed row of this family's table. */
    public static Optional<SocketEntry> parseLine(String line, Protocol protocol, Family family) {
        Fields f = new Fields(line);
        try {
            f.next(); // "sl:" slot number
            Endpoint local = endpoint(f.next(), family);
            Endpoint remote = endpoint(f.next(), family);
            String st = f.next();
            Optional<TcpState> state = TcpState.ofCode((int) unsigned(st, 0, st.length(), 16));
            String queues = f.next();
            int colon = queues.indexOf(':');
            long sendQ = unsigned(queues, 0, colon, 16);
            long recvQ = unsigned(queues, colon + 1, queues.length(), 16);
            f.next(); // tr:tm->when
            f.next(); // retrnsmt
            String uidText = f.next();
            int uid = Math.toIntExact(unsigned(uidText, 0, uidText.length(), 10));
            f.next(); // timeout
            String inodeText = f.next();
            long inode = unsigned(inodeText, 0, inodeText.length(), 10);
            if (state.isEmpty() || colon < 0) {
                return Optional.empty();
            }
            return Optional.of(new SocketEntry(protocol, family, state.get(), local, remote, recvQ, sendQ, uid, inode));
        } catch (RuntimeException e) { // NumberFormatException, IndexOutOfBounds, IllegalArgument: a malformed row
            return Optional.empty();
        }
    }

    private static Endpoint endpoint(String hex, Family family) {
        int colon = hex.indexOf(':');
        int words = family.addressLength() / 4;
        if (colon != words * 8 || hex.length() != colon + 5) {
            throw new IllegalArgumentException("not an address:port of " + family + ": " + hex);
        }
        byte[] address = new byte[family.addressLength()];
        for (int w = 0; w < words; w++) {
            int value = (int) unsigned(hex, w * 8, w * 8 + 8, 16);
            for (int b = 0; b < 4; b++) {
                int shift = LITTLE_ENDIAN ? 8 * b : 8 * (3 - b);
                address[w * 4 + b] = (byte) (value >>> shift);
            }
        }
        return Endpoint.of(address, (int) unsigned(hex, colon + 1, hex.length(), 16));
    }

    /**
     * Digits only, as the kernel writes them: Java's parsers would also take a sign ({@code -1},
     * {@code +016}), which no table holds, so a snapshot with one has a malformed row, not a socket.
     */
    private static long unsigned(String text, int from, int to, int radix) {
        if (from < 0 || from >= to || to - from > 16) {
            throw new NumberFormatException("no number at " + from + " in " + text);
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), radix) < 0) {
                throw new NumberFormatException("not a digit: " + text.charAt(i));
            }
        }
        return Long.parseUnsignedLong(text, from, to, radix);
    }

    /** Splits a line on runs of spaces without allocating an array of all its fields. */
    private static final class Fields {
        private final String line;
        private int pos;

        Fields(String line) {
            this.line = line;
        }

        String next() {
            int n = line.length();
            while (pos < n && line.charAt(pos) == ' ') {
                pos++;
            }
            int start = pos;
            while (pos < n && line.charAt(pos) != ' ') {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("row ends early");
            }
            return line.substring(start, pos);
        }
    }
}
