package dev.portscope.model;

import java.util.Optional;

/**
 * The network interface a socket is bound to ({@code sk_bound_dev_if}: SO_BINDTODEVICE, or the
 * scope of a link-local IPv6 address it was bound to), which ss prints after the local address as
 * {@code 127.0.0.53%lo}. Only netlink gives it.
 *
 * @param index the interface's index in the socket's network namespace
 * @param name  its name there, when the namespace's link table could be read
 */
public record BoundInterface(int index, Optional<String> name) {
    public BoundInterface {
        if (index <= 0) {
            throw new IllegalArgumentException("an interface index is positive, not " + index);
        }
        java.util.Objects.requireNonNull(name);
    }

    /** Its name, or {@code if7} for index 7 when the name is unknown, as ss writes it. */
    public String label() {
        return name.orElse("if" + index);
    }

    /** The same interface with its name. */
    public BoundInterface named(String interfaceName) {
        return new BoundInterface(index, Optional.of(interfaceName));
    }
}
