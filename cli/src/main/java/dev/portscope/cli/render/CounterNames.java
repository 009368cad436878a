package dev.portscope.cli.render;

import java.util.Map;

/**
 * netstat -s's wording for the counters people read most; every other name is split where its
 * case changes ({@code TCPLossProbes} reads "TCP loss probes").
 */
final class CounterNames {
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("Tcp.ActiveOpens", "active connection openings"),
            Map.entry("Tcp.PassiveOpens", "passive connection openings"),
            Map.entry("Tcp.AttemptFails", "failed connection attempts"),
            Map.entry("Tcp.EstabResets", "connection resets received"),
            Map.entry("Tcp.CurrEstab", "connections established"),
            Map.entry("Tcp.InSegs", "segments received"),
            Map.entry("Tcp.OutSegs", "segments sent out"),
            Map.entry("Tcp.RetransSegs", "segments retransmitted"),
            Map.entry("Tcp.InErrs", "bad segments received"),
            Map.entry("Tcp.OutRsts", "resets sent"),
            Map.entry("Tcp.InCsumErrors", "segments with bad checksums received"),
            Map.entry("Udp.InDatagrams", "packets received"),
            Map.entry("Udp.NoPorts", "packets to unknown port received"),
            Map.entry("Udp.InErrors", "packet receive errors"),
            Map.entry("Udp.OutDatagrams", "packets sent"),
            Map.entry("Udp.RcvbufErrors", "receive buffer errors"),
            Map.entry("Udp.SndbufErrors", "send buffer errors"),
            Map.entry("Ip.InReceives", "total packets received"),
            Map.entry("Ip.ForwDatagrams", "forwarded"),
            Map.entry("Ip.InDiscards", "incoming packets discarded"),
            Map.entry("Ip.InDelivers", "incoming packets delivered"),
            Map.entry("Ip.OutRequests", "requests sent out"),
            Map.entry("Icmp.InMsgs", "ICMP messages received"),
            Map.entry("Icmp.InErrors", "input ICMP message failed"),
            Map.entry("Icmp.OutMsgs", "ICMP messages sent"),
            Map.entry("TcpExt.ListenOverflows", "times the listen queue of a socket overflowed"),
            Map.entry("TcpExt.ListenDrops", "SYNs to LISTEN sockets dropped"),
            Map.entry("TcpExt.TW", "TCP sockets finished time wait in fast timer"));

    private CounterNames() {
    }

    /**
     * One counter as a line of text, {@code 12 active connection openings}; the few values that are
     * settings, not counts, say what they mean ({@code Ip Forwarding 2} is "IP forwarding: off").
     */
    static String line(String group, String name, long value) {
        return switch (group + "." + name) {
            case "Ip.Forwarding" -> "IP forwarding: " + (value == 1 ? "on" : value == 2 ? "off" : "unknown (" + value + ")");
            case "Ip.DefaultTTL" -> "default TTL: " + value;
            case "Tcp.RtoAlgorithm" -> "retransmission timeout algorithm: " + (value == 1 ? "other (Linux: RFC 6298)" : Long.toString(value));
            case "Tcp.RtoMin" -> "minimum retransmission timeout: " + value + " ms";
            case "Tcp.RtoMax" -> "maximum retransmission timeout: " + value + " ms";
            case "Tcp.MaxConn" -> "connection limit: " + (value == -1 ? "none" : Long.toString(value));
            default -> value + " " + readable(group, name);
        };
    }

    static String readable(String group, String name) {
        String known = KNOWN.get(group + "." + name);
        return known != null ? known : split(name);
    }

    private static int lowerRun(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isLowerCase(s.charAt(i))) {
            i++;
        }
        return i - from;
    }

    /** {@code TCPLossProbes} as "TCP loss probes", {@code InNoRoutes} as "in no routes". */
    static String split(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean upper = Character.isUpperCase(c);
            boolean startsWord = i > 0 && upper && (Character.isLowerCase(name.charAt(i - 1))
                    || Character.isUpperCase(name.charAt(i - 1)) && lowerRun(name, i + 1) > 1); // "OKs" stays one word
            if (startsWord) {
                out.append(' ');
            }
            out.append(c);
        }
        String[] words = out.toString().split(" ");
        StringBuilder text = new StringBuilder();
        for (String w : words) {
            boolean acronym = w.length() > 1 && w.chars().allMatch(ch -> Character.isUpperCase(ch) || Character.isDigit(ch));
            text.append(text.isEmpty() ? "" : " ").append(acronym ? w : w.toLowerCase(java.util.Locale.ROOT));
        }
        return text.toString();
    }
}
