package dev.portscope.lookup;

/** How many sockets share one key ({@code portscope top}). */
public record Count(String key, long count) {
}
