package dev.portscope.filter;

import dev.portscope.model.Direction;
import dev.portscope.model.PortClass;
import dev.portscope.model.SocketEntry;

import java.util.Objects;

/**
 * portscope's own conditions, beyond ss's: each needs {@link Facts} about the socket. Equality
 * only; {@code !=} is written as a {@link Filter.Not} around one of these.
 */
public sealed interface FactMatch extends Filter {

    /** What a condition needs to be evaluated. */
    enum Need { LISTENERS, PROCESSES }

    Need need();

    /** {@code pid = N}: one of the processes holding the socket is N. */
    record Pid(int pid) implements FactMatch {
        @Override
        public boolean test(SocketEntry socket, Facts facts) {
            return facts.holders(socket).stream().anyMatch(h -> h.pid() == pid);
        }

        @Override
        public Need need() {
            return Need.PROCESSES;
        }
    }

    /** {@code comm = NAME}: one of the processes holding the socket runs a command of that name. */
    record Command(String name) implements FactMatch {
        public Command {
            Objects.requireNonNull(name);
        }

        @Override
        public boolean test(SocketEntry socket, Facts facts) {
            return facts.holders(socket).stream().anyMatch(h -> h.command().equals(name));
        }

        @Override
        public Need need() {
            return Need.PROCESSES;
        }
    }

    /** {@code class = system|user|dynamic}: the RFC 6335 class of the socket's service port. */
    record ServiceClass(PortClass portClass) implements FactMatch {
        public ServiceClass {
            Objects.requireNonNull(portClass);
        }

        @Override
        public boolean test(SocketEntry socket, Facts facts) {
            return PortClass.of(facts.servicePort(socket)) == portClass;
        }

        @Override
        public Need need() {
            return Need.LISTENERS;
        }
    }

    /** {@code dir = in|out}: connected sockets opened towards this host, or away from it. */
    record Way(Direction direction) implements FactMatch {
        public Way {
            Objects.requireNonNull(direction);
        }

        @Override
        public boolean test(SocketEntry socket, Facts facts) {
            return facts.direction(socket).map(d -> d == direction).orElse(false);
        }

        @Override
        public Need need() {
            return Need.LISTENERS;
        }
    }
}
