package dev.portscope.model;

/** Address family of a socket. */
public enum Family {
    IPV4("ipv4", 4), IPV6("ipv6", 16);

    private final String label;
    private final int addressLength;

    Family(String label, int addressLength) {
        this.label = label;
        this.addressLength = addressLength;
    }

    /** Lower-case name used in JSON: {@code ipv4}, {@code ipv6}. */
    public String label() {
        return label;
    }

    /** Length of an address of this family, in bytes. */
    public int addressLength() {
        return addressLength;
    }
}
