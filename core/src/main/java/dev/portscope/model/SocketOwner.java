package dev.portscope.model;

/**
 * A process holding a socket open: the socket is its file descriptor {@code fd}. A socket shared
 * by forked workers has one owner per process (and per descriptor).
 */
public record SocketOwner(int pid, int fd) {
}
