package dev.portscope.model;

import java.util.Optional;

/**
 * Socket state with the kernel's numbering ({@code include/net/tcp_states.h}). UDP sockets use the
 * same numbers: {@link #ESTABLISHED} when connected, {@link #CLOSE} when not.
 */
public enum TcpState {
    ESTABLISHED(1, "ESTAB", "ESTABLISHED"),
    SYN_SENT(2, "SYN-SENT", "SYN_SENT"),
    SYN_RECV(3, "SYN-RECV", "SYN_RECV"),
    FIN_WAIT1(4, "FIN-WAIT-1", "FIN_WAIT1"),
    FIN_WAIT2(5, "FIN-WAIT-2", "FIN_WAIT2"),
    TIME_WAIT(6, "TIME-WAIT", "TIME_WAIT"),
    CLOSE(7, "UNCONN", "CLOSE"),
    CLOSE_WAIT(8, "CLOSE-WAIT", "CLOSE_WAIT"),
    LAST_ACK(9, "LAST-ACK", "LAST_ACK"),
    LISTEN(10, "LISTEN", "LISTEN"),
    CLOSING(11, "CLOSING", "CLOSING"),
    NEW_SYN_RECV(12, "SYN-RECV", "SYN_RECV"),
    /**
     * A TCP socket bound to a port but neither listening nor connected (Linux 6.5+ reports it
     * on request, with the kernel state CLOSE, which ss prints as UNCONN); it holds the port.
     */
    BOUND_INACTIVE(13, "UNCONN", "BOUND_INACTIVE");

    private static final TcpState[] BY_CODE = new TcpState[14];

    static {
        for (TcpState s : values()) {
            BY_CODE[s.code] = s;
        }
    }

    private final int code;
    private final String ssName;
    private final String netstatName;

    TcpState(int code, String ssName, String netstatName) {
        this.code = code;
        this.ssName = ssName;
        this.netstatName = netstatName;
    }

    /** The kernel's number for this state (1..13). */
    public int code() {
        return code;
    }

    /** The state as {@code ss} prints it, e.g. {@code ESTAB}, {@code UNCONN}. */
    public String ssName() {
        return ssName;
    }

    /**
     * The state as {@code netstat} prints it for TCP, e.g. {@code ESTABLISHED}, {@code TIME_WAIT}:
     * portscope's one spelling in every view and format (a request socket is {@code SYN_RECV}).
     */
    public String netstatName() {
        return netstatName;
    }

    /** Whether a socket in this state waits for connections (TCP LISTEN, or an unconnected UDP socket). */
    public boolean isListening(Protocol protocol) {
        return protocol.connectionOriented() ? this == LISTEN : this == CLOSE;
    }

    /** The state with this kernel number, if there is one. */
    public static Optional<TcpState> ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.of(BY_CODE[code]) : Optional.empty();
    }

    /**
     * The state of a socket of {@code protocol} that the kernel reports with this number: no
     * hashed TCP socket is in CLOSE, so a TCP socket in CLOSE is one the kernel found bound and
     * inactive.
     */
    public static Optional<TcpState> ofCode(int code, Protocol protocol) {
        return protocol == Protocol.TCP && code == CLOSE.code ? Optional.of(BOUND_INACTIVE) : ofCode(code);
    }
}
