package dev.portscope.model;

/**
 * The timer the kernel runs for a socket ({@code idiag_timer}, {@code idiag_expires}, {@code idiag_retrans}).
 *
 * @param kind          which timer
 * @param expiresMillis milliseconds until it fires
 * @param retransmits   retransmissions (or keepalive probes) so far
 */
public record SocketTimer(Kind kind, long expiresMillis, int retransmits) {

    /** The kernel's timer kinds, named as ss names them. */
    public enum Kind {
        OFF("off"), ON("on"), KEEPALIVE("keepalive"), TIMEWAIT("timewait"), PERSIST("persist");

        private final String ssName;

        Kind(String ssName) {
            this.ssName = ssName;
        }

        public String ssName() {
            return ssName;
        }

        /** The kind for the kernel's number; unknown numbers are treated as a retransmit timer, as ss does for 1. */
        public static Kind ofCode(int code) {
            return switch (code) {
                case 0 -> OFF;
                case 2 -> KEEPALIVE;
                case 3 -> TIMEWAIT;
                case 4 -> PERSIST;
                default -> ON;
            };
        }
    }
}
