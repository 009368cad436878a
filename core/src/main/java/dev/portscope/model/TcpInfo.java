package dev.portscope.model;

/**
 * The kernel's {@code struct tcp_info} for one TCP socket (linux/tcp.h), as far as portscope shows it.
 * Times are in microseconds as the kernel gives them, rates in bytes per second.
 */
public record TcpInfo(int caState, int retransmits, int probes, int backoff, int options,
                      int sndWscale, int rcvWscale, boolean deliveryRateAppLimited,
                      long rtoMicros, long atoMicros, long sndMss, long rcvMss,
                      long unacked, long sacked, long lost, long retrans,
                      long lastDataSentMillis, long lastDataRecvMillis, long lastAckRecvMillis,
                      long pmtu, long rcvSsthresh, long rttMicros, long rttvarMicros, long sndSsthresh, long sndCwnd,
                      long advmss, long reordering, long rcvRttMicros, long rcvSpace, long totalRetrans,
                      long pacingRate, long maxPacingRate, long bytesAcked, long bytesReceived,
                      long segsOut, long segsIn, long notsentBytes, long minRttMicros, long dataSegsIn, long dataSegsOut,
                      long deliveryRate, long busyTimeMicros, long delivered, long bytesSent, long bytesRetrans,
                      long dsackDups, long reordSeen, long sndWnd) {

    /** {@code tcpi_options} bits (linux/tcp.h). */
    public static final int OPTION_TIMESTAMPS = 1, OPTION_SACK = 2, OPTION_WSCALE = 4, OPTION_ECN = 8,
            OPTION_ECN_SEEN = 16, OPTION_SYN_DATA = 32;

    public boolean hasOption(int bit) {
        return (options & bit) != 0;
    }
}
