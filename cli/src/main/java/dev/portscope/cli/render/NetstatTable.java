package dev.portscope.cli.render;

import dev.portscope.model.Endpoint;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * netstat's table: {@code Proto Recv-Q Send-Q Local Address Foreign Address State}, one row per
 * socket as it arrives. Addresses get 23 columns (more on a wide terminal); a longer one loses the
 * end of its host part (never the port) unless wide.
 */
public final class NetstatTable {
    private static final int OWNER_WIDTH = 20; // only padded when the service column follows

    /**
     * The address columns' width, whether an address may overflow it rather than be cut ({@code -W}),
     * and the style of titles and states.
     */
    public record Layout(boolean wide, int addressWidth, Style style) {
        private static final int NETSTAT_WIDTH = 23;
        private static final int WIDEST = 64;
        /** Proto, the queues, the state and the spaces between: what a row needs besides its two addresses. */
        private static final int OTHER_COLUMNS = 6 + 7 + 7 + 2 + 11;

        /**
         * netstat's 23 columns an address when the width of the terminal is unknown (a pipe, a file);
         * on a terminal {@code columns} wide, the addresses share what the other columns leave (with
         * -p, room for {@code PID/Program name} too), never less than netstat's 23 nor more than 64.
         */
        public static Layout of(boolean wide, OptionalInt terminalColumns, boolean owners, Style style) {
            if (terminalColumns.isEmpty()) {
                return new Layout(wide, NETSTAT_WIDTH, style);
            }
            int room = (terminalColumns.getAsInt() - OTHER_COLUMNS - (owners ? OWNER_WIDTH + 1 : 0)) / 2;
            return new Layout(wide, Math.clamp(room, NETSTAT_WIDTH, WIDEST), style);
        }
    }

    /** Which sockets the table holds, for its title line. */
    public enum Scope {
        CONNECTED("w/o servers"), LISTENING("only servers"), ALL("servers and established"), BOUND("bound, not listening or connected");

        final String title;

        Scope(String title) {
            this.title = title;
        }
    }

    /** How the table writes hosts and ports; the CLI's name lookups. */
    public interface AddressNames {
        String host(Endpoint endpoint);

        String port(int port, Protocol protocol);

        /** What the service on the socket's service end is, e.g. {@code ssh: The Secure Shell (SSH) Protocol}. */
        Optional<String> service(SocketEntry socket);
    }

    private final PrintWriter out;
    private final AddressNames names;
    private final boolean wide;
    private final int addressWidth;
    private final Style style;
    private final boolean services;
    private final SsExtras extras;
    private final OwnerText owners;
    private final StringBuilder line = new StringBuilder(96);
    private final java.util.List<String> trailingTitles = new java.util.ArrayList<>();
    private final java.util.List<java.util.function.Function<SocketEntry, String>> trailing = new java.util.ArrayList<>();

    /** How a socket's owning processes are written, for -p. */
    public interface OwnerText {
        /**
         * The owners: netstat's {@code 812/nginx,813/nginx} ("-" if unknown), or with {@code ssStyle}
         * ss's {@code users:(("nginx",pid=812,fd=6))} ("" if unknown).
         */
        String of(SocketEntry socket, boolean ssStyle);
    }

    /**
     * A table; {@code extras} adds ss's -o/-e after each row and -m/-i on a line below it, and
     * with any of them the owners (-p, when {@code owners} is not null) take ss's form too.
     * {@code services} ends each row with what its service is (-W without -n).
     */
    public NetstatTable(PrintWriter out, AddressNames names, Layout layout, boolean services, SsExtras extras, OwnerText owners) {
        this.out = out;
        this.names = names;
        this.wide = layout.wide();
        this.addressWidth = layout.addressWidth();
        this.style = layout.style();
        this.services = services;
        this.extras = extras;
        this.owners = owners;
    }

    /** Ends each row with one more column (its network namespace, its container ...), after netstat's. */
    public NetstatTable withColumn(String title, java.util.function.Function<SocketEntry, String> value) {
        trailingTitles.add(title);
        trailing.add(value);
        return this;
    }

    public void header(Scope scope) {
        out.println("Active Internet connections (" + scope.title + ")");
        out.println(style.title("Proto Recv-Q Send-Q " + padded("Local Address") + padded("Foreign Address") + "State      "
                + (owners != null && !extras.any() ? " " + (services ? String.format("%-" + OWNER_WIDTH + "s", "PID/Program name") : "PID/Program name") : "")
                + (services ? " Service" : "") + trailingTitles.stream().map(t -> " " + t).collect(java.util.stream.Collectors.joining())));
    }

    private String padded(String title) {
        return title + " ".repeat(addressWidth - title.length() + 1);
    }

    public void row(SocketEntry s) {
        line.setLength(0);
        pad(s.protocol().label(s.family()), 4, false).append("  ");
        pad(Long.toString(s.recvQ()), 6, true).append(' ');
        pad(Long.toString(s.sendQ()), 6, true).append(' ');
        address(s.local(), Names.scope(s), s.protocol());
        address(s.remote(), "", s.protocol());
        int stateStart = line.length();
        pad(state(s), 11, false);
        if (style != Style.PLAIN) {
            String state = line.substring(stateStart);
            line.setLength(stateStart);
            line.append(style.state(s.state(), state));
        }
        if (owners != null && !extras.any()) {
            line.append(' ');
            pad(owners.of(s, false), services ? OWNER_WIDTH : 0, false);
        }
        if (extras.any()) {
            String users = owners != null ? owners.of(s, true) : "";
            if (!users.isEmpty()) {
                line.append(' ').append(users);
            }
            line.append(extras.inline(s));
        }
        if (services) {
            names.service(s).ifPresent(service -> line.append(' ').append(service));
        }
        for (java.util.function.Function<SocketEntry, String> column : trailing) {
            line.append(' ').append(Visible.of(column.apply(s))); // a bind mount's or cgroup's name is anyone's text
        }
        if (extras.any()) {
            String details = extras.details(s);
            if (!details.isEmpty()) {
                line.append(System.lineSeparator()).append(details);
            }
        }
        out.println(line);
    }

    /** Appends {@code host:port} padded to its column, and the space after it; {@code scope} ({@code %lo}) follows the host, as ss writes it. */
    private void address(Endpoint endpoint, String scope, Protocol protocol) {
        String host = names.host(endpoint) + scope;
        String port = names.port(endpoint.port(), protocol);
        int hostLength = host.length();
        int room = addressWidth - port.length() - 1;
        if (!wide && hostLength > room && room > 0) {
            hostLength = room;
        }
        int start = line.length();
        line.append(host, 0, hostLength).append(':').append(port);
        line.repeat(' ', Math.max(0, addressWidth - (line.length() - start))).append(' ');
    }

    /**
     * netstat's spelling: an unconnected UDP socket has a blank state, a connected one ESTABLISHED;
     * a RAW socket shows the kernel's state number (7 unconnected, 1 connected).
     */
    static String state(SocketEntry s) {
        return switch (s.protocol()) {
            case RAW -> Integer.toString(s.state().code());
            case UDP -> s.state() == TcpState.CLOSE ? "" : s.state().netstatName();
            case TCP, MPTCP -> s.state().netstatName();
        };
    }

    private StringBuilder pad(String text, int width, boolean right) {
        int gap = Math.max(0, width - text.length());
        if (right) {
            line.repeat(' ', gap).append(text);
        } else {
            line.append(text).repeat(' ', gap);
        }
        return line;
    }
}
