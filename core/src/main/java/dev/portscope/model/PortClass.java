package dev.portscope.model;

/** The three port ranges of RFC 6335 section 6. */
public enum PortClass {
    /** 0-1023, assigned by IETF review; binding needs privilege on Linux. */
    SYSTEM(0, 1023, "System"),
    /** 1024-49151, assigned by IANA on request. */
    USER(1024, 49151, "User"),
    /** 49152-65535, never assigned; meant for ephemeral and private use. */
    DYNAMIC(49152, 65535, "Dynamic/Private");

    private final int first;
    private final int last;
    private final String title;

    PortClass(int first, int last, String title) {
        this.first = first;
        this.last = last;
        this.title = title;
    }

    /** The class of a port number in 0..65535. */
    public static PortClass of(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0-65535: " + port);
        }
        return port <= SYSTEM.last ? SYSTEM : port <= USER.last ? USER : DYNAMIC;
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }

    /** The name RFC 6335 gives the range, e.g. {@code Dynamic/Private}. */
    public String title() {
        return title;
    }
}
