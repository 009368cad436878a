package dev.portscope.model;

/** Transport protocol of a socket. RAW and UNIX are to come with the netlink source. */
public enum Protocol {
    TCP, UDP;

    /** Lower-case name as netstat, ss and IANA write it: {@code tcp}, {@code udp}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
