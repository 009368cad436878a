package dev.portscope;

import dev.portscope.linux.ffm.ImmediateExit;
import dev.portscope.linux.ffm.NativeAccess;
import dev.portscope.linux.ffm.TerminalSize;

import java.util.Optional;
import java.util.OptionalInt;

/** The few operating-system calls a front end needs besides sockets: a terminal's width, and an exit that does not wait. */
public final class Platform {
    private Platform() {
    }

    /**
     * The number of columns of the terminal behind file descriptor {@code fd} (TIOCGWINSZ); empty when
     * it is not a terminal, when the terminal does not say, or when native calls are not allowed here.
     */
    public static OptionalInt terminalColumns(int fd) {
        return TerminalSize.columns(fd);
    }

    /**
     * Ends the process now with {@code status} (_exit(2)), skipping the JVM's shutdown, which waits up
     * to 300 ms for threads inside native calls (a reverse lookup past its deadline sits in
     * getnameinfo for seconds). Flush every writer first. Returns only when native calls are not
     * allowed here; then exit the ordinary way.
     */
    public static void exitNow(int status) {
        ImmediateExit.now(status);
    }

    /** Why native calls (netlink, the fast descriptor scan) cannot be made here; empty when they can. */
    public static Optional<String> nativeAccessUnavailable() {
        return NativeAccess.unavailableReason();
    }
}
