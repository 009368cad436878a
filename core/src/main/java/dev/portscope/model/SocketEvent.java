package dev.portscope.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Something that happened to a socket while portscope watched ({@code portscope watch}): it
 * opened, changed state, or closed; or events were lost. Opens and state changes come from
 * comparing periodic dumps by socket cookie; closes from the kernel's destroy events, so a
 * connection born and gone between two dumps is still reported.
 */
public sealed interface SocketEvent {

    /** When portscope saw it: the dump's time for opens and state changes, the event's arrival for closes. */
    Instant at();

    /** Who owns a closed socket, and how portscope knows. */
    enum Attribution {
        /** From the owner lookup of the dump that saw the socket open. */
        SEEN("seen"),
        /** Inbound and never seen by a dump: the owner of the listener it came in through. */
        LISTENER("listener"),
        /** Never seen by a dump, and not inbound: the kernel no longer says who held it. */
        UNKNOWN("unknown");

        private final String label;

        Attribution(String label) {
            this.label = label;
        }

        /** {@code seen}, {@code listener} or {@code unknown}, as JSON prints it. */
        public String label() {
            return label;
        }
    }

    /**
     * A socket a dump saw for the first time (not one that was there when watching began).
     *
     * @param socket    as that dump saw it
     * @param direction in or out, for a connected socket
     * @param owners    the processes holding it then; empty when none could be seen
     */
    record Opened(Instant at, SocketEntry socket, Optional<Direction> direction, List<Owner> owners) implements SocketEvent {
    }

    /** A socket a dump saw in another state than the dump before ({@code from}). */
    record StateChanged(Instant at, SocketEntry socket, TcpState from, Optional<Direction> direction, List<Owner> owners)
            implements SocketEvent {
    }

    /**
     * A socket the kernel destroyed.
     *
     * @param socket      as the kernel last described it: its ends, and for TCP the final tcp_info
     *                    (bytes sent and received, retransmits, rtt); uid and inode are 0 by then
     * @param direction   in or out, for a connected socket
     * @param owners      who held it ({@link #attribution} says how that is known); empty when unknown
     * @param attribution how the owners are known
     * @param lifetime    from the dump that first saw it open to its close, when one did
     * @param seenByDump  true when no destroy event came (events were lost) and a dump found it gone:
     *                    then {@code socket} is as that dump last saw it, without the final counters
     * @param transferred for TCP with the final counters: the application bytes sent and received
     */
    record Closed(Instant at, SocketEntry socket, Optional<Direction> direction, List<Owner> owners, Attribution attribution,
                  Optional<Duration> lifetime, boolean seenByDump, Optional<Transferred> transferred) implements SocketEvent {
    }

    /** The kernel dropped destroy events (its queue overflowed); a dump follows at once to catch up. */
    record Lost(Instant at) implements SocketEvent {
    }
}
