package dev.portscope.model;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What netlink says about a socket beyond the columns netstat prints; empty for /proc sources.
 * The kernel sends memory, tcp_info and the congestion algorithm only when asked for them.
 *
 * @param cookie     the kernel's socket cookie (ss {@code sk:})
 * @param v6only     IPV6_V6ONLY of an IPv6 socket
 * @param timer      the running timer, if any
 * @param memory     socket memory ({@code ss -m})
 * @param tcpInfo    TCP internals ({@code ss -i})
 * @param congestion congestion control algorithm, e.g. {@code cubic}
 * @param cgroup     the cgroup v2 id of the socket (Linux 5.8+): the cgroup of the process that made it,
 *                   kept when that process moves or ends; it names the container or unit
 * @param boundInterface the interface the socket is bound to, if it is (ss's {@code 127.0.0.53%lo})
 */
public record SocketExtras(OptionalLong cookie, Optional<Boolean> v6only, Optional<SocketTimer> timer,
                           Optional<SocketMemory> memory, Optional<TcpInfo> tcpInfo, Optional<String> congestion,
                           OptionalLong cgroup, Optional<BoundInterface> boundInterface) {

    /** Nothing beyond the columns: what /proc gives. */
    public static final SocketExtras NONE = new SocketExtras(OptionalLong.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty());

    /** The same with the bound interface given its name. */
    public SocketExtras withInterfaceName(String name) {
        return new SocketExtras(cookie, v6only, timer, memory, tcpInfo, congestion, cgroup, boundInterface.map(i -> i.named(name)));
    }
}
