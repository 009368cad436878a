package dev.portscope.cli;

import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.TcpState;
import dev.portscope.source.Query;
import picocli.CommandLine.Option;

import java.util.EnumSet;
import java.util.Set;

/** Which sockets a socket view covers, in netstat's and ss's flags: -t -u, -l -a -B, -4 -6. */
final class SelectionOptions {
    @Option(names = {"-t", "--tcp"}, description = "TCP sockets.")
    boolean tcp;
    @Option(names = {"-u", "--udp"}, description = "UDP sockets.")
    boolean udp;
    @Option(names = {"-l", "--listening"}, description = "Only listening sockets (TCP LISTEN, unconnected UDP).")
    boolean listening;
    @Option(names = {"-a", "--all"}, description = "Listening and connected sockets (-aB adds bound-inactive ones).")
    boolean all;
    @Option(names = {"-B", "--bound-inactive"}, description = "Only TCP sockets bound to a port but neither listening nor "
            + "connected (as ss -B; Linux 6.5+, netlink).")
    boolean boundInactive;
    @Option(names = {"-4", "--ipv4"}, description = "Only IPv4 sockets.")
    boolean ipv4;
    @Option(names = {"-6", "--ipv6"}, description = "Only IPv6 sockets.")
    boolean ipv6;

    /** The protocols asked for, {@code raw} (-w) among them when the view has it; none named means TCP and UDP. */
    Set<Protocol> protocols(boolean raw) {
        Set<Protocol> protocols = EnumSet.noneOf(Protocol.class);
        if (tcp) {
            protocols.add(Protocol.TCP);
        }
        if (udp) {
            protocols.add(Protocol.UDP);
        }
        if (raw) {
            protocols.add(Protocol.RAW);
        }
        return protocols.isEmpty() ? EnumSet.of(Protocol.TCP, Protocol.UDP) : protocols;
    }

    /** Both families unless exactly one of -4 and -6 is given. */
    Set<Family> families() {
        return ipv4 == ipv6 ? EnumSet.allOf(Family.class) : EnumSet.of(ipv4 ? Family.IPV4 : Family.IPV6);
    }

    /** -a listening and connected, -l the listening ones, -B bound-inactive, else the connected ones (netstat's default); they add up. */
    Set<TcpState> states() {
        if (all) {
            return boundInactive ? Query.EVERY_STATE : Query.ALL_STATES;
        }
        if (!listening && !boundInactive) {
            return Query.CONNECTED;
        }
        Set<TcpState> states = EnumSet.noneOf(TcpState.class);
        if (listening) {
            states.addAll(Query.LISTENING);
        }
        if (boundInactive) {
            states.add(TcpState.BOUND_INACTIVE);
        }
        return states;
    }
}
