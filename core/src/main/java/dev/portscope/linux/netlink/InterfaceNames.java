package dev.portscope.linux.netlink;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A network namespace's interfaces by index, named as it names them: rtnetlink's link dump
 * ({@code RTM_GETLINK}, what {@code ip link} reads), over a {@code NETLINK_ROUTE} socket opened in
 * that namespace. What names a packet socket's interface and an inet socket's bound one.
 */
final class InterfaceNames {
    private InterfaceNames() {
    }

    /** Every interface of the namespace {@code routes} opens sockets in. */
    static Map<Integer, String> read(Supplier<DumpChannel> routes) {
        Map<Integer, String> names = new HashMap<>();
        FamilySource.read(routes, FamilyDiag::linksRequest, FamilyDiag.IFINFOMSG.size(), type -> type == FamilyDiag.RTM_NEWLINK,
                (b, at, end) -> FamilyDiag.link(b, at, end).ifPresent(e -> names.put(e.getKey(), e.getValue())));
        return names;
    }

    /** No link table: what a source over scripted channels names interfaces with (they stay {@code if7}). */
    static final Supplier<DumpChannel> NONE = () -> {
        throw new dev.portscope.source.SourceUnavailableException("no link table beside these channels", null);
    };

    /** The route channel of this process's namespace, or of the one behind an nsfs file. */
    static Supplier<DumpChannel> routes(java.util.Optional<String> netns) {
        return () -> DumpChannel.kernel(FamilyDiag.NETLINK_ROUTE, netns);
    }
}
