package dev.portscope.linux.netlink;

/**
 * {@code struct tcp_info} of {@code linux/tcp.h} (as of Linux 6.x), field by field; a test checks
 * every offset against the C compiler's. An older kernel sends a shorter struct: fields past its
 * end read as zero.
 */
final class TcpInfoLayout {
    static final CStruct TCP_INFO = new CStruct()
            .u8("tcpi_state", "tcpi_ca_state", "tcpi_retransmits", "tcpi_probes", "tcpi_backoff", "tcpi_options")
            .u8("tcpi_snd_wscale:4,tcpi_rcv_wscale:4", "tcpi_delivery_rate_app_limited:1,tcpi_fastopen_client_fail:2")
            .u32("tcpi_rto", "tcpi_ato", "tcpi_snd_mss", "tcpi_rcv_mss")
            .u32("tcpi_unacked", "tcpi_sacked", "tcpi_lost", "tcpi_retrans", "tcpi_fackets")
            .u32("tcpi_last_data_sent", "tcpi_last_ack_sent", "tcpi_last_data_recv", "tcpi_last_ack_recv")
            .u32("tcpi_pmtu", "tcpi_rcv_ssthresh", "tcpi_rtt", "tcpi_rttvar", "tcpi_snd_ssthresh", "tcpi_snd_cwnd",
                    "tcpi_advmss", "tcpi_reordering")
            .u32("tcpi_rcv_rtt", "tcpi_rcv_space", "tcpi_total_retrans")
            .u64("tcpi_pacing_rate", "tcpi_max_pacing_rate", "tcpi_bytes_acked", "tcpi_bytes_received")
            .u32("tcpi_segs_out", "tcpi_segs_in", "tcpi_notsent_bytes", "tcpi_min_rtt", "tcpi_data_segs_in", "tcpi_data_segs_out")
            .u64("tcpi_delivery_rate", "tcpi_busy_time", "tcpi_rwnd_limited", "tcpi_sndbuf_limited")
            .u32("tcpi_delivered", "tcpi_delivered_ce")
            .u64("tcpi_bytes_sent", "tcpi_bytes_retrans")
            .u32("tcpi_dsack_dups", "tcpi_reord_seen", "tcpi_rcv_ooopack", "tcpi_snd_wnd");

    static final int STATE = at("tcpi_state"), CA_STATE = at("tcpi_ca_state"), RETRANSMITS = at("tcpi_retransmits"),
            PROBES = at("tcpi_probes"), BACKOFF = at("tcpi_backoff"), OPTIONS = at("tcpi_options"),
            WSCALE = at("tcpi_snd_wscale:4,tcpi_rcv_wscale:4"),
            APP_LIMITED = at("tcpi_delivery_rate_app_limited:1,tcpi_fastopen_client_fail:2");
    static final int RTO = at("tcpi_rto"), ATO = at("tcpi_ato"), SND_MSS = at("tcpi_snd_mss"), RCV_MSS = at("tcpi_rcv_mss");
    static final int UNACKED = at("tcpi_unacked"), SACKED = at("tcpi_sacked"), LOST = at("tcpi_lost"), RETRANS = at("tcpi_retrans");
    static final int LAST_DATA_SENT = at("tcpi_last_data_sent"), LAST_DATA_RECV = at("tcpi_last_data_recv"),
            LAST_ACK_RECV = at("tcpi_last_ack_recv");
    static final int PMTU = at("tcpi_pmtu"), RCV_SSTHRESH = at("tcpi_rcv_ssthresh"), RTT = at("tcpi_rtt"),
            RTTVAR = at("tcpi_rttvar"), SND_SSTHRESH = at("tcpi_snd_ssthresh"), SND_CWND = at("tcpi_snd_cwnd"),
            ADVMSS = at("tcpi_advmss"), REORDERING = at("tcpi_reordering");
    static final int RCV_RTT = at("tcpi_rcv_rtt"), RCV_SPACE = at("tcpi_rcv_space"), TOTAL_RETRANS = at("tcpi_total_retrans");
    static final int PACING_RATE = at("tcpi_pacing_rate"), MAX_PACING_RATE = at("tcpi_max_pacing_rate"),
            BYTES_ACKED = at("tcpi_bytes_acked"), BYTES_RECEIVED = at("tcpi_bytes_received");
    static final int SEGS_OUT = at("tcpi_segs_out"), SEGS_IN = at("tcpi_segs_in"), NOTSENT_BYTES = at("tcpi_notsent_bytes"),
            MIN_RTT = at("tcpi_min_rtt"), DATA_SEGS_IN = at("tcpi_data_segs_in"), DATA_SEGS_OUT = at("tcpi_data_segs_out");
    static final int DELIVERY_RATE = at("tcpi_delivery_rate"), BUSY_TIME = at("tcpi_busy_time");
    static final int DELIVERED = at("tcpi_delivered");
    static final int BYTES_SENT = at("tcpi_bytes_sent"), BYTES_RETRANS = at("tcpi_bytes_retrans");
    static final int DSACK_DUPS = at("tcpi_dsack_dups"), REORD_SEEN = at("tcpi_reord_seen"), SND_WND = at("tcpi_snd_wnd");

    private TcpInfoLayout() {
    }

    private static int at(String field) {
        return TCP_INFO.offset(field);
    }
}
