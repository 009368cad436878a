package dev.portscope.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What one TCP connection moved between two reads of the kernel's byte counters (tcp_info's
 * {@code bytes_received} and {@code bytes_acked}), without capturing a packet.
 *
 * @param socket      the socket as the later read found it
 * @param bytesIn     bytes received in the interval
 * @param bytesOut    bytes sent and acknowledged by the peer in the interval
 * @param retransmits segments retransmitted in the interval
 * @param elapsed     the time between the two reads
 * @param opened      whether the socket was not in the earlier read (opened in the interval: its totals are the deltas)
 */
public record SocketRate(SocketEntry socket, long bytesIn, long bytesOut, long retransmits, Duration elapsed, boolean opened) {
    public SocketRate {
        Objects.requireNonNull(socket);
        Objects.requireNonNull(elapsed);
    }

    /** Bytes received per second over the interval. */
    public double inPerSecond() {
        return perSecond(bytesIn);
    }

    /** Bytes sent (acknowledged) per second over the interval. */
    public double outPerSecond() {
        return perSecond(bytesOut);
    }

    private double perSecond(long bytes) {
        return perSecond(bytes, elapsed);
    }

    /** {@code bytes} over {@code elapsed}, per second; 0 over no time. */
    public static double perSecond(long bytes, Duration elapsed) {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : bytes * 1e9 / nanos;
    }
}
