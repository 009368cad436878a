package dev.portscope.linux.netlink;

import dev.portscope.filter.KernelBytecode;
import dev.portscope.linux.ffm.NativeException;
import dev.portscope.linux.ffm.NetlinkSocket;
import dev.portscope.linux.proc.RecentKeys;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;
import dev.portscope.source.SocketSource;
import dev.portscope.source.SourceException;
import dev.portscope.source.SourceUnavailableException;
import dev.portscope.source.TableUnavailableException;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Asks the kernel over {@code NETLINK_SOCK_DIAG}, as ss does: one {@code SOCK_DIAG_BY_FAMILY} dump
 * per protocol and family (TCP over both families in one {@code TCPDIAG_GETSOCK} dump, its IPv6
 * sockets listed after its IPv4 ones as two dumps would give them), restricted to the query's
 * states and filter in the kernel. A kernel that refuses the filter program (EINVAL) is asked again
 * without it and the sockets are filtered here. A table the kernel has no diag support for (raw_diag is often missing) ends the read with
 * a {@link TableUnavailableException} before any of its sockets: the caller decides where to read
 * it instead (the facade reads /proc, as ss does). Stateless: one channel per read.
 */
public final class NetlinkSource implements SocketSource {
    private final Supplier<DumpChannel> channels;
    /** Where the namespace's interfaces are named, read only when a socket bound to one comes ({@link InterfaceNamer}). */
    private final Supplier<DumpChannel> routes;

    NetlinkSource(Supplier<DumpChannel> channels) {
        this(channels, InterfaceNames.NONE);
    }

    NetlinkSource(Supplier<DumpChannel> channels, Supplier<DumpChannel> routes) {
        this.channels = channels;
        this.routes = routes;
    }

    /** The running kernel's sockets, in this process's network namespace. */
    public static NetlinkSource kernel() {
        return new NetlinkSource(DumpChannel::kernel, InterfaceNames.routes(Optional.empty()));
    }

    /**
     * The sockets of another network namespace, named by an nsfs file ({@code /proc/PID/ns/net},
     * {@code /run/netns/NAME}); entering it needs CAP_SYS_ADMIN, and without it the read fails
     * with a {@link SourceUnavailableException} saying so.
     */
    public static NetlinkSource in(String netns) {
        return new NetlinkSource(() -> DumpChannel.kernelIn(netns), InterfaceNames.routes(Optional.of(netns)));
    }

    @Override
    public String name() {
        return "netlink";
    }

    @Override
    public Stream<SocketEntry> sockets(Query query, ReadNotes notes) {
        DumpChannel channel = DumpChannel.open(channels);
        return StreamSupport.stream(new Dumps(channel, routes, query.tables(), query, notes), false).onClose(channel::close);
    }

    /** Walks the dumps one after another, one received chunk at a time. */
    private static final class Dumps extends Spliterators.AbstractSpliterator<SocketEntry> {
        private static final Query.Table TCP4 = new Query.Table(Protocol.TCP, Family.IPV4), TCP6 = new Query.Table(Protocol.TCP, Family.IPV6);
        private final DumpChannel channel;
        /** Names the interfaces sockets are bound to (ss's {@code %lo}), reading the link table only for such a socket. */
        private final InterfaceNamer interfaces;
        private final ArrayDeque<Query.Table> remaining;
        private final Query query;
        private final ReadNotes notes;
        private final Optional<byte[]> bytecode;
        private final byte[] buffer = new byte[NetlinkSocket.RECEIVE_BUFFER];
        private final ArrayDeque<SocketEntry> ready = new ArrayDeque<>();
        private final RecentKeys cookies = new RecentKeys(512); // a chunk a generation: repeats sit at its boundary
        /** The IPv6 sockets of a dump of both families, listed after its IPv4 ones as two dumps would. */
        private final ArrayDeque<SocketEntry> heldBack = new ArrayDeque<>();
        private boolean filtered;
        private Query.Table current;
        /** The current dump is TCP over both families: {@code current} is its IPv4 table. */
        private boolean bothFamilies;
        private boolean bothFamiliesRefused;
        private int sequence;
        private int offeredFromCurrent;
        private int repeated;
        private boolean interrupted;

        Dumps(DumpChannel channel, Supplier<DumpChannel> routes, List<Query.Table> dumps, Query query, ReadNotes notes) {
            super(Long.MAX_VALUE, Spliterator.NONNULL | Spliterator.IMMUTABLE);
            this.channel = channel;
            this.interfaces = new InterfaceNamer(routes, notes::debug);
            this.remaining = new ArrayDeque<>(dumps);
            this.query = query;
            this.notes = notes;
            this.bytecode = KernelBytecode.compile(query.filter());
        }

        @Override
        public boolean tryAdvance(Consumer<? super SocketEntry> action) {
            while (ready.isEmpty()) {
                if (current == null) {
                    if (remaining.isEmpty()) {
                        return false;
                    }
                    current = remaining.poll();
                    bothFamilies = !bothFamiliesRefused && current.equals(TCP4) && TCP6.equals(remaining.peek());
                    if (bothFamilies) {
                        remaining.poll();
                    }
                    send(current.protocol() != Protocol.RAW); // a raw socket's "port" is its protocol: no bytecode
                }
                receiveChunk();
            }
            action.accept(ready.poll());
            return true;
        }

        private void send(boolean withFilter) {
            int stateMask = InetDiag.stateMask(query.states(), current.protocol());
            int extensions = InetDiag.extensions(query.details(), current.protocol());
            filtered = withFilter && bytecode.isPresent();
            offeredFromCurrent = 0;
            cookies.clear();
            Optional<byte[]> program = filtered ? bytecode : Optional.empty();
            channel.send(bothFamilies ? InetDiag.tcpBothFamiliesRequest(stateMask, extensions, ++sequence, program)
                    : InetDiag.dumpRequest(current.family(), current.protocol(), stateMask, extensions, ++sequence, program));
        }

        private void receiveChunk() {
            int length = channel.receive(buffer);
            int offeredBefore = offeredFromCurrent;
            cookies.nextGeneration();
            if (!interrupted && InetDiag.interrupted(buffer, length)) {
                interrupted = true;
                notes.note("the kernel says its socket tables changed during the dump (NLM_F_DUMP_INTR): a socket may be missing; run again");
            }
            try {
                if (InetDiag.parse(buffer, length, current.protocol(), this::offer) == InetDiag.Chunk.DONE) {
                    if (repeated > 0) {
                        notes.debug("dropped " + repeated + " socket" + (repeated == 1 ? "" : "s") + " the kernel's "
                                + current.protocol().label() + " dump returned twice (sockets moved while it ran)");
                        repeated = 0;
                    }
                    ready.addAll(heldBack);
                    heldBack.clear();
                    current = null;
                }
            } catch (InetDiag.DumpError e) {
                String table = bothFamilies ? "tcp and tcp6" : current.protocol().label(current.family());
                if (offeredBefore > 0) {
                    throw new SourceException("the kernel's dump of " + table + " sockets failed midway: "
                            + NativeException.describe(e.errno) + "; run again", e);
                }
                ready.clear(); // a failed dump's partial answer is no answer
                heldBack.clear();
                if (filtered && e.errno == NativeException.EINVAL) {
                    // an older kernel refusing the filter program: take every socket, filter in Java
                    notes.debug("the kernel refused the filter program; filtering " + current.protocol().label() + " in portscope");
                    send(false);
                    return;
                }
                if (bothFamilies) {
                    // a kernel without the older request type (built without it, or EOPNOTSUPP): one dump per family
                    notes.debug("the kernel refused one TCP dump of both families (" + NativeException.describe(e.errno) + "); asking per family");
                    bothFamilies = false;
                    bothFamiliesRefused = true;
                    remaining.addFirst(TCP6);
                    send(filtered);
                    return;
                }
                throw new TableUnavailableException(new Query.Table(current.protocol(), current.family()),
                        "netlink has no " + table + " sockets (" + NativeException.describe(e.errno) + ")", e);
            }
        }

        private void offer(SocketEntry entry) {
            offeredFromCurrent++;
            if (!cookies.firstTime(entry.extras().cookie().orElse(0))) {
                repeated++; // the dump resumed by bucket position and met this socket again
                return;
            }
            SocketEntry named = interfaces.name(entry); // before the filter: dev = NAME asks the name
            if (query.matches(named)) {
                (bothFamilies && entry.family() == Family.IPV6 ? heldBack : ready).add(named);
            }
        }
    }
}
