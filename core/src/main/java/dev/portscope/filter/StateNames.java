package dev.portscope.filter;

import dev.portscope.model.TcpState;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * ss's state names and groups for {@code state} and {@code exclude}, ignoring case:
 * established, syn-sent, syn-recv (syn-rcv), fin-wait-1, fin-wait-2, time-wait, closed
 * (close, unconnected), close-wait, last-ack, listening (listen), closing, bound-inactive, and
 * the groups all, connected, synchronized, bucket and big. The words portscope prints
 * ({@code CLOSE_WAIT}, {@code FIN_WAIT1}, ss's {@code ESTAB}, {@code UNCONN}) are read too, so a
 * state from its output can be fed back.
 */
public final class StateNames {
    private StateNames() {
    }

    /** The states a name stands for; empty when it names none. */
    public static Optional<Set<TcpState>> of(String name) {
        EnumSet<TcpState> all = EnumSet.allOf(TcpState.class);
        Set<TcpState> states = switch (name.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "established", "estab" -> EnumSet.of(TcpState.ESTABLISHED);
            case "syn-sent" -> EnumSet.of(TcpState.SYN_SENT);
            case "syn-recv", "syn-rcv" -> EnumSet.of(TcpState.SYN_RECV, TcpState.NEW_SYN_RECV);
            case "fin-wait-1", "fin-wait1" -> EnumSet.of(TcpState.FIN_WAIT1);
            case "fin-wait-2", "fin-wait2" -> EnumSet.of(TcpState.FIN_WAIT2);
            case "time-wait" -> EnumSet.of(TcpState.TIME_WAIT);
            case "closed", "close", "unconnected", "unconn" -> EnumSet.of(TcpState.CLOSE);
            case "close-wait" -> EnumSet.of(TcpState.CLOSE_WAIT);
            case "last-ack" -> EnumSet.of(TcpState.LAST_ACK);
            case "listening", "listen" -> EnumSet.of(TcpState.LISTEN);
            case "closing" -> EnumSet.of(TcpState.CLOSING);
            case "bound-inactive" -> EnumSet.of(TcpState.BOUND_INACTIVE);
            case "all" -> all;
            case "connected" -> without(all, TcpState.CLOSE, TcpState.LISTEN, TcpState.BOUND_INACTIVE);
            case "synchronized" -> without(all, TcpState.CLOSE, TcpState.LISTEN, TcpState.SYN_SENT, TcpState.BOUND_INACTIVE);
            case "bucket" -> EnumSet.of(TcpState.SYN_RECV, TcpState.NEW_SYN_RECV, TcpState.TIME_WAIT);
            case "big" -> without(all, TcpState.SYN_RECV, TcpState.NEW_SYN_RECV, TcpState.TIME_WAIT);
            default -> null;
        };
        return Optional.ofNullable(states);
    }

    private static Set<TcpState> without(EnumSet<TcpState> all, TcpState... states) {
        EnumSet<TcpState> rest = EnumSet.copyOf(all);
        for (TcpState s : states) {
            rest.remove(s);
        }
        return rest;
    }
}
