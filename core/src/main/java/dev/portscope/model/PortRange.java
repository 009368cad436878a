package dev.portscope.model;

/** An inclusive range of port numbers, such as this host's ephemeral range. */
public record PortRange(int first, int last) {
    public PortRange {
        if (first < 0 || last > 65535 || first > last) {
            throw new IllegalArgumentException("not a port range: " + first + "-" + last);
        }
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
