package dev.portscope.lookup;

import dev.portscope.model.SocketRate;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The connections sharing one key and what they moved in one interval ({@code top --rate}).
 *
 * @param key          the key, as {@link CountKey#keysOf} writes it
 * @param connections  how many connections
 * @param bytesIn      bytes received in the interval
 * @param bytesOut     bytes sent (acknowledged) in the interval
 * @param retransmits  segments retransmitted in the interval
 * @param rttMicros    the largest smoothed round-trip time among them
 * @param elapsed      the interval
 */
public record RateGroup(String key, int connections, long bytesIn, long bytesOut, long retransmits, OptionalLong rttMicros, Duration elapsed) {

    /** Bytes received per second over the interval. */
    public double inPerSecond() {
        return SocketRate.perSecond(bytesIn, elapsed);
    }

    /** Bytes sent (acknowledged) per second over the interval. */
    public double outPerSecond() {
        return SocketRate.perSecond(bytesOut, elapsed);
    }

    static final class Builder {
        private final String key;
        private int connections;
        private long in;
        private long out;
        private long retransmits;
        private long rtt = -1;
        private Duration elapsed = Duration.ZERO;

        Builder(String key) {
            this.key = key;
        }

        void add(SocketRate r) {
            connections++;
            in += r.bytesIn();
            out += r.bytesOut();
            retransmits += r.retransmits();
            rtt = Math.max(rtt, r.socket().extras().tcpInfo().map(t -> t.rttMicros()).orElse(-1L));
            elapsed = r.elapsed();
        }

        RateGroup build() {
            return new RateGroup(key, connections, in, out, retransmits, rtt < 0 ? OptionalLong.empty() : OptionalLong.of(rtt), elapsed);
        }
    }
}
