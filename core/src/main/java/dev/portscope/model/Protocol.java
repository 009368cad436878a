package dev.portscope.model;

/**
 * Protocol of an internet socket. A RAW socket's "port" is the IP protocol number it serves. An
 * MPTCP socket is the one a program holds over its TCP subflows (which are listed as TCP).
 */
public enum Protocol {
    TCP("tcp"), UDP("udp"), RAW("raw"), MPTCP("mptcp");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    /** Lower-case name as netstat, ss and IANA write it: {@code tcp}, {@code udp}, {@code raw}. */
    public String label() {
        return label;
    }

    /** Whether its sockets listen and connect as TCP's do (TCP, MPTCP): LISTEN is their listening state. */
    public boolean connectionOriented() {
        return this == TCP || this == MPTCP;
    }

    /** The name netstat's Proto column and /proc/net give it over a family: {@code tcp}, {@code tcp6}, {@code udp6} ... */
    public String label(Family family) {
        return family == Family.IPV6 ? label + "6" : label;
    }
}
