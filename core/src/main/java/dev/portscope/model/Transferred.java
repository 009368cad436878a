package dev.portscope.model;

import java.util.OptionalLong;

/**
 * What a closed TCP connection carried, in application bytes. The kernel's final tcp_info counts
 * otherwise: {@code bytes_sent} counts a retransmitted byte again, and {@code bytes_received}
 * counts sequence space, where the peer's FIN takes one; no counter says whether that FIN came
 * (the socket is in CLOSE by then, its shutdown bits all set whichever way it ended).
 *
 * @param sent     bytes sent, each once: {@code bytes_sent - bytes_retrans}
 * @param received bytes received: {@code bytes_received} less the peer's FIN when it came. Known
 *                 when the peer is on this host (its own final counts say how much it sent) or a
 *                 dump saw this end after the FIN came (CLOSE-WAIT, LAST-ACK, CLOSING); empty
 *                 otherwise, and then it is {@link #kernelReceived} or one less
 * @param kernelReceived {@code bytes_received} as the kernel gave it
 */
public record Transferred(long sent, OptionalLong received, long kernelReceived) {
}
