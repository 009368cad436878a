package dev.portscope.cli.render;

import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketExtras;
import dev.portscope.model.SocketMemory;
import dev.portscope.model.TcpInfo;
import dev.portscope.model.TcpState;
import dev.portscope.lookup.Directions;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * ss's extras, in ss's words, so that people who read {@code ss -tanoemi} read them here too:
 * {@code timer:(keepalive,119min,0) uid:1000 ino:1234 sk:3f v6only:0} after a row (-o, -e) and
 * {@code skmem:(r0,rb131072,...) ts sack cubic wscale:7,7 rto:204 rtt:0.017/0.008 ...} on the
 * next line (-m, -i). Derived figures ss computes (send rate, busy percentages) are left out.
 * With -e, portscope adds {@code dir:in} or {@code dir:out} to connected sockets.
 */
public record SsExtras(boolean timers, boolean extended, boolean memory, boolean info, Optional<Directions> directions) {

    /** Without directions: the listing shows no connected sockets, or -e is off. */
    public SsExtras(boolean timers, boolean extended, boolean memory, boolean info) {
        this(timers, extended, memory, info, Optional.empty());
    }

    /** Whether any extra is asked for. */
    public boolean any() {
        return timers || extended || memory || info;
    }

    /** The part that follows the row on the same line, starting with a space; may be empty. */
    public String inline(SocketEntry s) {
        StringBuilder out = new StringBuilder();
        SocketExtras x = s.extras();
        if (timers) {
            x.timer().ifPresent(t -> out.append(" timer:(").append(t.kind().ssName()).append(',')
                    .append(duration(t.expiresMillis())).append(',').append(t.retransmits()).append(')'));
        }
        if (extended) {
            if (s.uid() != 0) {
                out.append(" uid:").append(Integer.toUnsignedString(s.uid()));
            }
            out.append(" ino:").append(s.inode());
            x.cookie().ifPresent(c -> out.append(" sk:").append(Long.toHexString(c)));
            x.v6only().ifPresent(v -> out.append(" v6only:").append(v ? 1 : 0));
            directions.flatMap(d -> d.of(s)).ifPresent(r -> out.append(" dir:").append(r.direction().label()));
        }
        return out.toString();
    }

    /** The second line (-m, -i), starting with a tab, or empty when there is nothing to show. */
    public String details(SocketEntry s) {
        StringBuilder out = new StringBuilder();
        SocketExtras x = s.extras();
        if (memory) {
            x.memory().ifPresent(m -> memory(out, m));
        }
        if (info) {
            x.tcpInfo().ifPresent(t -> tcpInfo(out, t, x.congestion().orElse(null), s.state() == TcpState.LISTEN));
        }
        return out.isEmpty() ? "" : "\t" + out;
    }

    static void memory(StringBuilder out, SocketMemory m) {
        out.append(" skmem:(r").append(m.rmemAlloc()).append(",rb").append(m.rcvBuf()).append(",t").append(m.wmemAlloc())
                .append(",tb").append(m.sndBuf()).append(",f").append(m.fwdAlloc()).append(",w").append(m.wmemQueued())
                .append(",o").append(m.optMem()).append(",bl").append(m.backlog()).append(",d").append(m.drops()).append(')');
    }

    private static void tcpInfo(StringBuilder out, TcpInfo t, String congestion, boolean listening) {
        flag(out, t.hasOption(TcpInfo.OPTION_TIMESTAMPS), "ts");
        flag(out, t.hasOption(TcpInfo.OPTION_SACK), "sack");
        flag(out, t.hasOption(TcpInfo.OPTION_ECN), "ecn");
        flag(out, t.hasOption(TcpInfo.OPTION_ECN_SEEN), "ecnseen");
        flag(out, t.hasOption(TcpInfo.OPTION_SYN_DATA), "fastopen");
        if (congestion != null) {
            out.append(' ').append(congestion);
        }
        if (t.hasOption(TcpInfo.OPTION_WSCALE)) {
            out.append(" wscale:").append(t.sndWscale()).append(',').append(t.rcvWscale());
        }
        if (t.rtoMicros() != 0 && t.rtoMicros() != 3_000_000) {
            out.append(" rto:").append(millis(t.rtoMicros()));
        }
        value(out, "backoff", t.backoff());
        if (t.rttMicros() != 0) {
            out.append(" rtt:").append(millis(t.rttMicros())).append('/').append(millis(t.rttvarMicros()));
        }
        if (t.atoMicros() != 0) {
            out.append(" ato:").append(millis(t.atoMicros()));
        }
        value(out, "mss", t.sndMss());
        value(out, "pmtu", t.pmtu());
        value(out, "rcvmss", t.rcvMss());
        value(out, "advmss", t.advmss());
        value(out, "cwnd", t.sndCwnd());
        if (t.sndSsthresh() < 0xFFFF) {
            value(out, "ssthresh", t.sndSsthresh());
        }
        value(out, "bytes_sent", t.bytesSent());
        value(out, "bytes_retrans", t.bytesRetrans());
        value(out, "bytes_acked", t.bytesAcked());
        value(out, "bytes_received", t.bytesReceived());
        value(out, "segs_out", t.segsOut());
        value(out, "segs_in", t.segsIn());
        value(out, "data_segs_out", t.dataSegsOut());
        value(out, "data_segs_in", t.dataSegsIn());
        value(out, "lastsnd", t.lastDataSentMillis());
        value(out, "lastrcv", t.lastDataRecvMillis());
        value(out, "lastack", t.lastAckRecvMillis());
        if (t.pacingRate() != 0 && t.pacingRate() != -1) {
            out.append(" pacing_rate ").append(t.pacingRate() * 8).append("bps");
        }
        if (t.deliveryRate() != 0) {
            out.append(" delivery_rate ").append(t.deliveryRate() * 8).append("bps");
        }
        value(out, "delivered", t.delivered());
        flag(out, t.deliveryRateAppLimited(), "app_limited");
        if (t.busyTimeMicros() != 0) {
            out.append(" busy:").append(t.busyTimeMicros() / 1000).append("ms");
        }
        if (t.retrans() != 0 || t.totalRetrans() != 0) {
            out.append(" retrans:").append(t.retrans()).append('/').append(t.totalRetrans());
        }
        if (!listening) { // a listener's tcp_info carries its backlogs in these fields
            value(out, "lost", t.lost());
            value(out, "sacked", t.sacked());
        }
        value(out, "dsack_dups", t.dsackDups());
        if (t.reordering() != 3) {
            out.append(" reordering:").append(t.reordering());
        }
        value(out, "reord_seen", t.reordSeen());
        if (t.rcvRttMicros() != 0) {
            out.append(" rcv_rtt:").append(millis(t.rcvRttMicros()));
        }
        value(out, "rcv_space", t.rcvSpace());
        value(out, "rcv_ssthresh", t.rcvSsthresh());
        value(out, "notsent", t.notsentBytes());
        if (t.minRttMicros() != 0 && t.minRttMicros() != 0xFFFFFFFFL) {
            out.append(" minrtt:").append(millis(t.minRttMicros()));
        }
        value(out, "snd_wnd", t.sndWnd());
    }

    private static void flag(StringBuilder out, boolean on, String name) {
        if (on) {
            out.append(' ').append(name);
        }
    }

    private static void value(StringBuilder out, String name, long value) {
        if (value != 0) {
            out.append(' ').append(name).append(':').append(value);
        }
    }

    /** Microseconds as milliseconds the way C's {@code %g} writes them: 17 -> 0.017, 204000 -> 204. */
    static String millis(long micros) {
        BigDecimal ms = BigDecimal.valueOf(micros).movePointLeft(3).round(new MathContext(6));
        return ms.stripTrailingZeros().toPlainString();
    }

    /**
     * A timer's remaining time as ss writes it: minutes, then seconds, then milliseconds, each only
     * when non-zero, with the finer unit dropped once the coarser one has two digits
     * ({@code 119min}, {@code 28sec}, {@code 3.172ms} for 3 s 172 ms, {@code 200ms}).
     */
    static String duration(long millis) {
        long minutes = millis / 60_000;
        long secs = millis / 1000 % 60;
        long ms = millis % 1000;
        StringBuilder out = new StringBuilder();
        if (minutes != 0) {
            ms = 0;
            out.append(minutes).append("min");
            if (minutes > 9) {
                secs = 0;
            }
        }
        if (secs != 0) {
            if (secs > 9) {
                ms = 0;
            }
            out.append(secs).append(ms != 0 ? "." : "sec");
        }
        if (ms != 0) {
            out.append(String.format("%03dms", ms));
        }
        return out.toString();
    }
}
