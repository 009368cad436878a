package dev.portscope.cli;

import dev.portscope.FamilyListing;
import dev.portscope.Portscope;
import dev.portscope.filter.Filter;
import dev.portscope.filter.FilterParser;
import dev.portscope.filter.PathMatch;
import dev.portscope.model.KernelSocket;
import dev.portscope.model.NetlinkSocket;
import dev.portscope.model.Netns;
import dev.portscope.model.PacketSocket;
import dev.portscope.model.TcpState;
import dev.portscope.model.UnixSocket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sockets of the families beside inet one listing asks for (-x, -0, --netlink), read whole
 * before anything is printed, filtered by states (ss's meaning: packet and netlink sockets are
 * UNCONN, listed with -l or -a) and, for UNIX sockets, by src/dst path patterns.
 */
record OtherFamilies(List<UnixSocket> unix, List<PacketSocket> packet, List<NetlinkSocket> netlink, List<String> notes,
                     Map<Long, UnixSocket> unixByInode, Map<Long, Netns> namespaces, FamilyOptions.Asked asked) {

    static final OtherFamilies NONE = new OtherFamilies(List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of(),
            new FamilyOptions.Asked(Set.of(), Set.of(), Set.of(), Set.of(), false, false, false));

    /**
     * Reads what {@code asked} names in these states; {@code filter} as parsed for the listing.
     *
     * @throws UsageException for a filter condition these families cannot be asked
     */
    static OtherFamilies read(Portscope portscope, FamilyOptions.Asked asked, Set<TcpState> states, Optional<FilterParser.Parsed> filter,
                              boolean details, boolean memory, boolean unixIfReadable) {
        Filter condition = filter.map(FilterParser.Parsed::filter).orElse(Filter.always());
        Set<TcpState> wanted = filter.flatMap(FilterParser.Parsed::states).orElse(states);
        if (!asked.unix().isEmpty() && PathMatch.unsupported(condition).isPresent()) {
            throw new UsageException("UNIX sockets are filtered by state and by path (src /run/*.sock, dst @name), as ss -x; "
                    + "pid, user, comm and the rest apply to TCP and UDP");
        }
        if ((!asked.packet().isEmpty() || asked.netlink()) && !(condition instanceof Filter.Always)) {
            throw new UsageException("packet and netlink sockets take states only (-l, -a, state ...), not a filter expression");
        }
        List<String> notes = new ArrayList<>();
        Map<Long, Netns> namespaces = new HashMap<>();
        List<UnixSocket> unix = List.of();
        Map<Long, UnixSocket> byInode = Map.of();
        if (!asked.unix().isEmpty()) {
            // every state is read, so a peer's path can be named whatever state the filter keeps
            FamilyListing<UnixSocket> read;
            try {
                read = portscope.unixSockets(dev.portscope.source.Query.EVERY_STATE, details,
                        memory ? Set.of(dev.portscope.source.Query.Detail.MEMORY) : Set.of());
            } catch (dev.portscope.source.SourceUnavailableException e) {
                if (!unixIfReadable) {
                    throw e;
                }
                // netstat's section, not asked for by name: a snapshot without net/unix simply has none
                return read(portscope, FamilyOptions.withoutUnix(asked), states, filter, details, memory, false);
            }
            notes.addAll(read.notes());
            read.namespaces().forEach(n -> namespaces.put(n.inode(), n));
            byInode = dev.portscope.lookup.UnixPairs.byInode(read.sockets());
            Map<Long, UnixSocket> peers = byInode;
            unix = read.sockets().stream().filter(s -> asked.unix().contains(s.type()) && wanted.contains(s.state()))
                    .filter(s -> PathMatch.test(condition, s, inode -> Optional.ofNullable(peers.get(inode)).flatMap(UnixSocket::name)))
                    .toList();
        }
        boolean unconnected = wanted.contains(TcpState.CLOSE);
        List<PacketSocket> packet = List.of();
        if (!asked.packet().isEmpty() && unconnected) {
            FamilyListing<PacketSocket> read = portscope.packetSockets();
            notes.addAll(read.notes());
            read.namespaces().forEach(n -> namespaces.put(n.inode(), n));
            packet = read.sockets().stream().filter(s -> asked.packet().contains(s.type())).toList();
        }
        List<NetlinkSocket> netlink = List.of();
        if (asked.netlink() && unconnected) {
            FamilyListing<NetlinkSocket> read = portscope.netlinkSockets();
            notes.addAll(read.notes());
            read.namespaces().forEach(n -> namespaces.put(n.inode(), n));
            netlink = read.sockets();
        }
        return new OtherFamilies(unix, packet, netlink, notes, byInode, namespaces, asked);
    }

    /** Every socket read, UNIX first, then packet, then netlink (netstat's order: after the Internet ones). */
    Stream<KernelSocket> all() {
        return Stream.of(unix.stream(), packet.stream(), netlink.stream()).flatMap(s -> s.map(KernelSocket.class::cast));
    }

    /** How many of the families were asked for. */
    int kinds() {
        return asked.otherKinds();
    }
}
