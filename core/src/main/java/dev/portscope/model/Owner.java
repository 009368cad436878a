package dev.portscope.model;

import java.util.Optional;

/**
 * A process holding a socket open, and the descriptor it holds it under. A socket shared by
 * forked workers has one owner per process (and per descriptor).
 *
 * @param fd      the file descriptor number in that process
 * @param process the process
 */
public record Owner(int fd, ProcessInfo process) {

    public int pid() {
        return process.pid();
    }

    /** The process's command name ({@code comm}). */
    public String command() {
        return process.command();
    }

    /** The process's user name. */
    public Optional<String> user() {
        return process.user();
    }
}
