package dev.portscope;

import dev.portscope.linux.netlink.FamilySource;
import dev.portscope.linux.proc.ParsedTable;
import dev.portscope.linux.proc.ProcNetNetlink;
import dev.portscope.linux.proc.ProcNetPacket;
import dev.portscope.linux.proc.ProcNetUnix;
import dev.portscope.linux.proc.ProcRoot;
import dev.portscope.model.KernelSocket;
import dev.portscope.model.NetlinkSocket;
import dev.portscope.model.Netns;
import dev.portscope.model.PacketSocket;
import dev.portscope.model.TcpState;
import dev.portscope.model.UnixSocket;
import dev.portscope.source.SourceUnavailableException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One read of a family beside inet over the facade's namespaces: netlink (entered per namespace),
 * and {@code /proc/net/unix}, {@code packet} or {@code netlink} when netlink cannot answer or is
 * not to be used (a snapshot, {@code --source procfs}), as ss falls back. The /proc tables say
 * less, and a note says what.
 */
final class FamilyRead<T extends KernelSocket> {
    /** UNIX sockets as ss's /proc path orders them: by type, then inode. */
    static final Comparator<UnixSocket> UNIX_ORDER = Comparator.comparing(UnixSocket::type).thenComparingLong(UnixSocket::inode)
            .thenComparingLong(UnixSocket::netns);
    static final Comparator<PacketSocket> PACKET_ORDER = Comparator.comparingLong(PacketSocket::netns)
            .thenComparingLong(PacketSocket::inode);
    static final Comparator<NetlinkSocket> NETLINK_ORDER = Comparator.comparingLong(NetlinkSocket::netns)
            .thenComparingInt(NetlinkSocket::protocol).thenComparingInt(NetlinkSocket::portId).thenComparingLong(NetlinkSocket::inode);

    /**
     * How one namespace is read: the netlink dump, the /proc table of a root (empty when the root
     * lacks it), what that table does not say, and how a socket is labelled.
     */
    record Reader<T>(Function<FamilySource, List<T>> netlink, Function<ProcRoot, Optional<List<T>>> proc, String procLacks,
                     BiFunction<T, Long, T> labelled) {
    }

    private final String family;
    private final Reader<T> reader;
    private final Comparator<? super T> order;

    FamilyRead(String family, Reader<T> reader, Comparator<? super T> order) {
        this.family = family;
        this.reader = reader;
        this.order = order;
    }

    static Reader<UnixSocket> unix(Set<TcpState> states, boolean pending, boolean memory) {
        return new Reader<>(source -> source.unix(states, pending, memory),
                root -> ProcNetUnix.read(root).map(p -> p.sockets().stream().filter(s -> states.contains(s.state())).toList()),
                "it names no peers, no queues and no memory (-m)", UnixSocket::inNamespace);
    }

    static Reader<PacketSocket> packet() {
        return new Reader<>(FamilySource::packet, root -> ProcNetPacket.read(root).map(ParsedTable::sockets),
                "it names no interfaces (an index only) and does not say which socket made one promiscuous", PacketSocket::inNamespace);
    }

    static Reader<NetlinkSocket> netlinks() {
        return new Reader<>(FamilySource::netlink, root -> ProcNetNetlink.read(root).map(ParsedTable::sockets),
                "it names no peers", NetlinkSocket::inNamespace);
    }

    /**
     * Reads {@code namespaces} (empty: the reader's own, unlabelled) with netlink when
     * {@code useNetlink}, falling back to /proc when {@code fallBack} allows.
     *
     * @param procOf the proc root showing a namespace's tables ({@code /proc/PID} of a process in it), if any
     */
    FamilyListing<T> read(List<Netns> namespaces, boolean useNetlink, boolean fallBack, ProcRoot ownProc,
                          Function<Netns, Optional<ProcRoot>> procOf) {
        List<T> sockets = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> sources = new LinkedHashSet<>();
        if (namespaces.isEmpty()) {
            sockets.addAll(one(Optional.empty(), useNetlink, fallBack, Optional.of(ownProc), notes, sources));
        }
        for (Netns n : namespaces) {
            try {
                Optional<ProcRoot> proc = n.own() ? Optional.of(ownProc) : procOf.apply(n);
                one(Optional.of(n), useNetlink, fallBack, proc, notes, sources).forEach(s -> sockets.add(reader.labelled().apply(s, n.inode())));
            } catch (SourceUnavailableException e) {
                notes.add("network namespace " + n.label() + " not read: " + e.getMessage());
            }
        }
        sockets.sort(order);
        return new FamilyListing<>(sockets, notes, String.join(", ", sources), namespaces);
    }

    private List<T> one(Optional<Netns> netns, boolean useNetlink, boolean fallBack, Optional<ProcRoot> proc,
                        List<String> notes, Set<String> sources) {
        String why = "netlink is not used";
        if (useNetlink) {
            try {
                FamilySource source = netns.filter(n -> !n.own()).map(n -> FamilySource.in(n.path())).orElseGet(FamilySource::kernel);
                List<T> sockets = reader.netlink().apply(source);
                sources.add("netlink");
                return sockets;
            } catch (FamilySource.FamilyUnavailableException e) {
                if (!fallBack) {
                    throw new SourceUnavailableException(e.getMessage(), e);
                }
                why = e.getMessage();
            }
        }
        Optional<List<T>> fromProc = proc.flatMap(reader.proc());
        if (fromProc.isEmpty()) {
            String noTable = proc.map(root -> "there is no " + root.root().resolve("net").resolve(family))
                    .orElse("no process in the namespace to read /proc/PID/net/" + family + " from");
            throw new SourceUnavailableException(useNetlink ? why + "; and " + noTable : noTable, null);
        }
        // said whether netlink failed or was not asked: what the table lacks reads as none or unknown
        notes.add(family + " sockets read from /proc/net/" + family + (useNetlink ? " (" + why + ")" : "") + ": " + reader.procLacks());
        sources.add("procfs");
        return fromProc.get();
    }
}
