package dev.portscope.model;

/**
 * Which way a connection was opened, seen from this host: {@link #IN} when its local port is one
 * this host listens on (a client came to us), {@link #OUT} otherwise (we went to a service).
 */
public enum Direction {
    IN("in"), OUT("out");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** {@code in} or {@code out}, as JSON and {@code -e} print it. */
    public String label() {
        return label;
    }
}
