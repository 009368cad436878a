package dev.portscope.testing;

import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One socket as ss and portscope both can state it, for differential tests: protocol, ss's state
 * name, local and remote host and port, queues.
 */
public record SocketRow(String protocol, String state, String localHost, int localPort,
                        String remoteHost, int remotePort, long recvQ, long sendQ) {

    /**
     * Hosts compare in one form: an IPv4-mapped address as its IPv4 address, which is how netstat's
     * table (and portscope's) writes it where ss writes {@code [::ffff:127.0.0.1]}. The mapped form
     * itself is checked where it is kept, in JSON (golden files).
     */
    public SocketRow {
        localHost = unmapped(localHost);
        remoteHost = unmapped(remoteHost);
    }

    private static String unmapped(String host) {
        return host.regionMatches(true, 0, "::ffff:", 0, 7) && host.indexOf('.') > 0 ? host.substring(7) : host;
    }

    /** Rows of {@code ss -tuanH} output. */
    public static List<SocketRow> fromSs(String output) {
        return fromSs(output, null);
    }

    /** Rows of ss output; ss leaves out the Netid column when one protocol is shown, so name it. */
    public static List<SocketRow> fromSs(String output, String onlyProtocol) {
        List<SocketRow> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = ((onlyProtocol == null ? "" : onlyProtocol + " ") + line.trim()).split("\\s+");
            String state = f[1];
            String[] local = hostPort(f[4]);
            String[] remote = hostPort(f[5]);
            rows.add(new SocketRow(f[0], state, local[0], port(local[1]), remote[0], port(remote[1]),
                    Long.parseLong(f[2]), Long.parseLong(f[3])));
        }
        return sorted(rows);
    }

    /** The row for a parsed socket. */
    public static SocketRow of(SocketEntry s) {
        String state = s.protocol() != Protocol.TCP && s.state() == TcpState.CLOSE ? "UNCONN" : s.state().ssName();
        return new SocketRow(s.protocol().label(), state, s.local().hostString(), s.local().port(),
                s.remote().hostString(), s.remote().port(), s.recvQ(), s.sendQ());
    }

    /**
     * The rows with a listener's Send-Q blanked (-1): /proc has no listen backlog, which is what
     * netlink and ss report there, so procfs rows compare with ss's only this way.
     */
    public static List<SocketRow> withoutListenBacklog(List<SocketRow> rows) {
        return sorted(rows.stream().map(r -> r.state().equals("LISTEN")
                ? new SocketRow(r.protocol, r.state, r.localHost, r.localPort, r.remoteHost, r.remotePort, r.recvQ, -1)
                : r).toList());
    }

    /** Rows sorted into one canonical order, so lists compare as multisets. */
    public static List<SocketRow> sorted(List<SocketRow> rows) {
        List<SocketRow> copy = new ArrayList<>(rows);
        copy.sort((a, b) -> a.toString().compareTo(b.toString()));
        return copy;
    }

    /** {@code host:port} as ss or netstat print it: brackets optional, {@code *} for a wildcard. */
    public static String[] hostPort(String text) {
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int percent = host.indexOf('%');
        if (percent >= 0) {
            host = host.substring(0, percent);
        }
        return new String[] {host.equals("*") ? "::" : host.toLowerCase(Locale.ROOT), text.substring(colon + 1)};
    }

    public static int port(String text) {
        return text.equals("*") ? 0 : Integer.parseInt(text);
    }

    /** ss's state name for a netstat state name ("" is an unconnected UDP socket). */
    public static String ssState(String protocol, String netstatState) {
        if (netstatState.isEmpty() || netstatState.equals("7")) {
            return "UNCONN";
        }
        if (netstatState.chars().allMatch(Character::isDigit)) { // RAW sockets show the kernel's number
            return TcpState.ofCode(Integer.parseInt(netstatState)).orElseThrow().ssName();
        }
        return Arrays.stream(TcpState.values()).filter(s -> s.netstatName().equals(netstatState)).findFirst()
                .map(TcpState::ssName).orElseThrow(() -> new IllegalArgumentException(protocol + " state " + netstatState));
    }
}
