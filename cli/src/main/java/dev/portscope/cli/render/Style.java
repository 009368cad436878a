package dev.portscope.cli.render;

import dev.portscope.model.TcpState;

/**
 * How text is emphasised: not at all (a pipe, a file, NO_COLOR), or with ANSI colours on a
 * terminal. Emphasis wraps text that is already padded, so columns stay aligned.
 */
public enum Style {
    PLAIN, ANSI;

    private static final String RESET = "\u001b[0m";

    /** Column titles. */
    public String title(String text) {
        return paint("\u001b[1m", text);
    }

    /**
     * A state, coloured by what it says about the socket: green a listener, yellow a handshake under
     * way, red CLOSE_WAIT (the peer has closed and this side has not: often a leak), dim a socket
     * on its way out; established connections stay plain, being most rows.
     */
    public String state(TcpState state, String text) {
        return switch (state) {
            case LISTEN -> paint("\u001b[32m", text);
            case SYN_SENT, SYN_RECV, NEW_SYN_RECV -> paint("\u001b[33m", text);
            case CLOSE_WAIT -> paint("\u001b[31m", text);
            case FIN_WAIT1, FIN_WAIT2, TIME_WAIT, LAST_ACK, CLOSING -> paint("\u001b[2m", text);
            case ESTABLISHED, CLOSE, BOUND_INACTIVE -> text;
        };
    }

    private String paint(String code, String text) {
        return this == PLAIN || text.isBlank() ? text : code + text + RESET;
    }
}
