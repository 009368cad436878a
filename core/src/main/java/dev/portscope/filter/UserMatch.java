package dev.portscope.filter;

import dev.portscope.model.SocketEntry;

/**
 * {@code user = NAME|UID}: the user id the kernel records as the socket's owner (ss -e's uid),
 * available from every source without a process scan.
 */
public record UserMatch(int uid) implements Filter {
    @Override
    public boolean test(SocketEntry socket, Facts facts) {
        return socket.uid() == uid;
    }
}
