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
    enum Need { LISTENERS, PROCESSES, NAMESPACES, CGROUPS }

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

    /** {@code netns = NAME|INODE}: the socket lives in that network namespace (a name it is known by, or its inode). */
    record Namespace(String nameOrInode) implements FactMatch {
        public Namespace {
            Objects.requireNonNull(nameOrInode);
        }

        @Override
        public boolean test(SocketEntry socket, Facts facts) {
            if (!nameOrInode.isEmpty() && nameOrInode.chars().allMatch(Character::isDigit)) {
                return Long.toString(socket.netns()).equals(nameOrInode);
            }
            return facts.namespaceNames(socket).contains(nameOrInode);
        }

        @Override
        public Need need() {
            return Need.NAMESPACES;
        }
    }

    /**
     * {@code container = NAME|ID-PREFIX}: the socket's cgroup names that container or unit: its
     * label ({@code docker:0123}), its name or a prefix of its id, or its Kubernetes pod uid.
     */
    record ContainerIs(String name) implements FactMatch {
        public ContainerIs {
            Objects.requireNonNull(name);
        }

        @Override
        public boolean test(SocketEntry socket, Facts facts) {
            return facts.container(socket).map(c -> c.label().equals(name) || c.name().startsWith(name)
                    || c.pod().map(name::equals).orElse(false)).orElse(false);
        }

        @Override
        public Need need() {
            return Need.CGROUPS;
        }
    }

    /** {@code cgroup = PATH} (ss: {@code cgroup PATH}): the socket's cgroup v2 path is exactly PATH. */
    record CgroupPath(String path) implements FactMatch {
        public CgroupPath {
            Objects.requireNonNull(path);
        }

        @Override
        public boolean test(SocketEntry socket, Facts facts) {
            return facts.cgroupPath(socket).map(path::equals).orElse(false);
        }

        @Override
        public Need need() {
            return Need.CGROUPS;
        }
    }
}
