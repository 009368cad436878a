package dev.portscope.filter;

import dev.portscope.model.SocketEntry;

import java.util.Objects;

/**
 * {@code dev = NAME|INDEX} (ss's {@code dev}): the socket is bound to that interface
 * (SO_BINDTODEVICE, or a link-local address's scope), named as its own namespace names it or given
 * by index. Only netlink knows the bound interface: /proc sources refuse this condition rather
 * than answer that no socket matches.
 */
public record DeviceMatch(String device) implements Filter {
    public DeviceMatch {
        Objects.requireNonNull(device);
    }

    @Override
    public boolean test(SocketEntry socket, Facts facts) {
        return socket.extras().boundInterface()
                .map(i -> i.label().equals(device) || Integer.toString(i.index()).equals(device)).orElse(false);
    }

    /** Whether {@code f} has a {@code dev} condition anywhere. */
    public static boolean in(Filter f) {
        return switch (f) {
            case DeviceMatch d -> true;
            case Filter.And(Filter l, Filter r) -> in(l) || in(r);
            case Filter.Or(Filter l, Filter r) -> in(l) || in(r);
            case Filter.Not(Filter inner) -> in(inner);
            default -> false;
        };
    }
}
