package dev.portscope.registry;

import java.util.List;
import java.util.Objects;

/**
 * One registration of a service on a port and transport protocol.
 *
 * @param port        0..65535
 * @param protocol    transport protocol as IANA writes it: {@code tcp}, {@code udp}, {@code sctp}, {@code dccp}
 * @param name        service name; empty for IANA's "Reserved" and "Unassigned" rows
 * @param aliases     further names (from services files; IANA rows have none)
 * @param description what the service is; may be empty
 * @param origin      which table said so
 */
public record ServiceEntry(int port, String protocol, String name, List<String> aliases, String description,
                           Origin origin) {

    /** Where an entry comes from, in the order they win for display. */
    public enum Origin {
        /** The user's own services file. */
        USER_FILE("user file"),
        /** The system's {@code /etc/services}. */
        ETC_SERVICES("/etc/services"),
        /** The IANA registry shipped in portscope-core. */
        IANA("IANA");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ServiceEntry {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(origin, "origin");
    }

    /** Whether {@code candidate} is this entry's name or one of its aliases, ignoring case. */
    public boolean isNamed(String candidate) {
        if (name.equalsIgnoreCase(candidate)) {
            return true;
        }
        for (String alias : aliases) {
            if (alias.equalsIgnoreCase(candidate)) {
                return true;
            }
        }
        return false;
    }
}
