package dev.portscope.model;

/** Protocol of an internet socket. A RAW socket's "port" is the IP protocol number it serves. */
public enum Protocol {
    TCP, UDP, RAW;

    /** Lower-case name as netstat, ss and IANA write it: {@code tcp}, {@code udp}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
