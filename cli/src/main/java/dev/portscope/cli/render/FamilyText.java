package dev.portscope.cli.render;

import dev.portscope.model.KernelSocket;
import dev.portscope.model.LinkNames;
import dev.portscope.model.NetlinkSocket;
import dev.portscope.model.Netns;
import dev.portscope.model.PacketSocket;
import dev.portscope.model.TcpState;
import dev.portscope.model.UnixSocket;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The tables of the families beside inet. UNIX sockets as netstat's "Active UNIX domain sockets"
 * (Proto Flags Type State I-Node, the peer's inode that netstat lacks, PID/Program name with -p,
 * Path; no RefCnt, which only /proc/net/unix has); packet and netlink sockets, which netstat does
 * not show, in ss's columns and words.
 */
public final class FamilyText {
    private final PrintWriter out;
    private final Style style;
    private final Optional<OwnerText> owners;
    private final Optional<Map<Long, Netns>> namespaces;
    private final boolean header;

    /**
     * @param owners     -p: the owners column
     * @param namespaces -N/--all-netns: the Netns column, labelled from these
     */
    public FamilyText(PrintWriter out, Style style, Optional<OwnerText> owners, Optional<Map<Long, Netns>> namespaces, boolean header) {
        this.out = out;
        this.style = style;
        this.owners = owners;
        this.namespaces = namespaces;
        this.header = header;
    }

    /** netstat's Flags: {@code [ ACC ]} for a listener (SO_ACCEPTCON), else {@code [ ]}. */
    static String flags(UnixSocket s) {
        return s.isListening() ? "[ ACC ]" : "[ ]";
    }

    /** netstat's State of a UNIX socket: LISTENING, CONNECTED, CONNECTING, DISCONNECTING, or nothing when unconnected. */
    public static String netstatState(UnixSocket s) {
        return switch (s.state()) {
            case LISTEN -> "LISTENING";
            case ESTABLISHED -> "CONNECTED";
            case SYN_SENT -> "CONNECTING";
            case CLOSING -> "DISCONNECTING";
            default -> "";
        };
    }

    /**
     * The UNIX section: its title (as the inet table's scope says), column names, a row a socket;
     * with -e a listener's row ends with ss's {@code peers: INODE...}, its connections not yet accepted.
     */
    public void unix(List<UnixSocket> sockets, NetstatTable.Scope scope) {
        if (header) {
            out.println("Active UNIX domain sockets (" + scope.title + ")");
            out.println(style.title(String.format("%-5s %-11s %-10s %-13s %-8s %-8s ", "Proto", "Flags", "Type", "State", "I-Node", "Peer")
                    + owners.map(o -> String.format("%-20s ", "PID/Program name")).orElse("")
                    + namespaces.map(n -> String.format("%-12s ", "Netns")).orElse("") + "Path"));
        }
        StringBuilder line = new StringBuilder();
        for (UnixSocket s : sockets) { // by hand: String.format per field was most of the time at 40,000 sockets
            line.setLength(0);
            pad(line, "unix", 6);
            pad(line, flags(s), 12);
            pad(line, s.type().word(), 11);
            line.append(style.state(s.state(), padded(netstatState(s), 13))).append(' ');
            pad(line, Long.toString(s.inode()), 9);
            pad(line, Long.toString(s.peer()), 9);
            owners.ifPresent(o -> pad(line, o.text(s, false), 21));
            namespaces.ifPresent(n -> pad(line, Netns.labelOf(s.netns(), n), 13));
            s.name().ifPresent(name -> line.append(Visible.of(name)));
            if (!s.pending().isEmpty()) { // -e: ss's words for a listener's connections not yet accepted
                line.append(" peers:");
                s.pending().forEach(p -> line.append(' ').append(p));
            }
            int end = line.length();
            while (end > 0 && line.charAt(end - 1) == ' ') {
                end--;
            }
            line.setLength(end);
            s.memory().ifPresent(m -> { // -m: on the line below, as the TCP and UDP listing has it
                line.append("\n\t");
                SsExtras.memory(line, m);
            });
            out.println(line);
        }
    }

    /** {@code text} and spaces up to {@code width} (at least one space after it). */
    private static void pad(StringBuilder line, String text, int width) {
        line.append(text);
        line.repeat(' ', Math.max(1, width - text.length()));
    }

    private static String padded(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** Packet sockets as ss -0: {@code p_raw UNCONN 0 0 *:eth0 *}; protocol names unless {@code numeric}. */
    public void packet(List<PacketSocket> sockets, boolean numeric) {
        section("Active packet sockets", sockets, s -> new String[]{localAddress(s, numeric), "*"});
    }

    /** Netlink sockets as ss --netlink: {@code nl UNCONN 0 0 rtnl:kernel *}; {@code commands} names a port id's process as ss does. */
    public void netlink(List<NetlinkSocket> sockets, boolean numeric, IntFunction<Optional<String>> commands) {
        section("Active netlink sockets", sockets, s -> new String[]{localAddress(s, numeric, commands), peerAddress(s)});
    }

    /** ss's Local Address:Port of a packet socket: the protocol ({@code *} for every one) and the interface ({@code *} for all). */
    public static String localAddress(PacketSocket s, boolean numeric) {
        String protocol = s.allProtocols() ? "*" : numeric ? "[" + s.protocol() + "]"
                : LinkNames.ethertype(s.protocol()).orElse("[" + s.protocol() + "]");
        String device = s.interfaceIndex() == 0 ? "*" : s.interfaceName().orElse("if" + s.interfaceIndex());
        return protocol + ":" + device;
    }

    /**
     * ss's Local Address:Port of a netlink socket: the protocol, then the port id as ss writes it
     * ({@code *} for -1, {@code kernel} for 0, {@code command/pid} when a process has that pid).
     */
    public static String localAddress(NetlinkSocket s, boolean numeric, IntFunction<Optional<String>> commands) {
        String protocol = numeric ? Integer.toString(s.protocol()) : LinkNames.netlinkProtocol(s.protocol()).orElse(Integer.toString(s.protocol()));
        String port;
        if (s.portId() == -1) {
            port = "*";
        } else if (numeric) {
            port = Integer.toString(s.portId());
        } else if (s.portId() == 0) {
            port = "kernel";
        } else {
            port = (s.portId() > 0 ? commands.apply(s.portId()).map(c -> Visible.of(c) + "/" + s.portId()) : Optional.<String>empty())
                    .orElse(Integer.toString(s.portId()));
        }
        return protocol + ":" + port;
    }

    /** {@code group:portid} of a connected netlink socket's peer, else {@code *}. */
    public static String peerAddress(NetlinkSocket s) {
        return s.connected() ? s.dstGroup() + ":" + s.dstPortId() : "*";
    }

    private interface Ends<T> {
        String[] of(T socket);
    }

    private <T extends KernelSocket> void section(String title, List<T> sockets, Ends<T> ends) {
        List<String[]> rows = new ArrayList<>();
        List<TcpState> states = new ArrayList<>();
        if (header) {
            out.println(title);
            rows.add(new String[]{"Netid", "State", "Recv-Q", "Send-Q", "Local Address:Port", "Peer Address:Port",
                    namespaces.isPresent() ? "Netns" : null, owners.isPresent() ? "Process" : null});
            states.add(null);
        }
        for (T s : sockets) {
            String[] e = ends.of(s);
            rows.add(new String[]{s.netid(), s.state().ssName(), Long.toString(s.recvQ()), Long.toString(s.sendQ()), e[0], e[1],
                    namespaces.map(n -> Netns.labelOf(s.netns(), n)).orElse(null), owners.map(o -> o.text(s, true)).orElse(null)});
            states.add(s.state());
        }
        int[] widths = new int[8];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i] == null ? 0 : r[i].length());
            }
        }
        for (int row = 0; row < rows.size(); row++) {
            StringBuilder line = new StringBuilder();
            String[] r = rows.get(row);
            for (int i = 0; i < r.length; i++) {
                if (r[i] == null) {
                    continue;
                }
                String cell = String.format("%-" + Math.max(1, widths[i]) + "s", r[i]);
                line.append(i == 0 ? "" : " ").append(i == 1 && states.get(row) != null ? style.state(states.get(row), cell) : cell);
            }
            String text = line.toString().stripTrailing();
            out.println(row == 0 && header ? style.title(text) : text);
        }
    }
}
