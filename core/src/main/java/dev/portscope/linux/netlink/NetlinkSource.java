package dev.portscope.linux.netlink;

import dev.portscope.linux.ProcNetSource;
import dev.portscope.linux.ProcRoot;
import dev.portscope.filter.KernelBytecode;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.SocketSource;
import dev.portscope.source.SourceException;
import dev.portscope.source.SourceUnavailableException;

import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Asks the kernel over {@code NETLINK_SOCK_DIAG}, as ss does: one {@code SOCK_DIAG_BY_FAMILY} dump
 * per protocol and family, restricted to the query's states in the kernel. When the kernel has no
 * diag support for one protocol (its module is not loaded, as raw_diag often is not), that table
 * is read from /proc instead, as ss does; {@link #debugNotes()} says so.
 */
public final class NetlinkSource implements SocketSource {
    private final ProcRoot procForFallback;
    private final List<String> debugNotes = new CopyOnWriteArrayList<>();

    public NetlinkSource(ProcRoot procForFallback) {
        this.procForFallback = procForFallback;
    }

    @Override
    public String name() {
        return "netlink";
    }

    @Override
    public List<String> notes() {
        return List.of(); // a table read from /proc instead is routine: only --debug tells (debugNotes)
    }

    @Override
    public List<String> debugNotes() {
        return List.copyOf(debugNotes);
    }

    @Override
    public Stream<SocketEntry> sockets(Query query) {
        debugNotes.clear();
        NetlinkSocket socket;
        try {
            socket = new NetlinkSocket(InetDiag.NETLINK_SOCK_DIAG);
        } catch (NativeException | LinkageError | IllegalCallerException | UnsupportedOperationException e) {
            throw new SourceUnavailableException("netlink sock_diag is not available: " + e.getMessage(), e);
        }
        List<Query.Table> dumps = query.tables();
        Dumps all = new Dumps(socket, dumps, query);
        return StreamSupport.stream(all, false).onClose(socket::close);
    }

    /** Walks the dumps one after another, one received chunk at a time. */
    private final class Dumps extends Spliterators.AbstractSpliterator<SocketEntry> {
        private final NetlinkSocket socket;
        private final ArrayDeque<Query.Table> remaining;
        private final Query query;
        private final Optional<byte[]> bytecode;
        private boolean filtered;
        private final byte[] buffer = new byte[NetlinkSocket.RECEIVE_BUFFER];
        private final ArrayDeque<SocketEntry> ready = new ArrayDeque<>();
        private Query.Table current;
        private int sequence;

        Dumps(NetlinkSocket socket, List<Query.Table> dumps, Query query) {
            super(Long.MAX_VALUE, Spliterator.NONNULL | Spliterator.IMMUTABLE);
            this.socket = socket;
            this.remaining = new ArrayDeque<>(dumps);
            this.query = query;
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
            socket.send(InetDiag.dumpRequest(current.family(), current.protocol(), stateMask, extensions, ++sequence,
                    filtered ? bytecode : Optional.empty()));
        }

        private void receiveChunk() {
            int length;
            try {
                length = socket.receive(buffer);
            } catch (NativeException e) {
                throw new SourceException("reading the kernel's socket dump failed: " + e.getMessage()
                        + (e.errno() == NativeException.ENOBUFS ? "; run again" : ""), e);
            }
            try {
                if (InetDiag.parse(buffer, length, current.protocol(), this::offer) == InetDiag.Chunk.DONE) {
                    current = null;
                }
            } catch (InetDiag.DumpError e) {
                if (filtered && e.errno == NativeException.EINVAL) {
                    // an older kernel refusing the filter program: take every socket, filter in Java
                    debugNotes.add("the kernel refused the filter program; filtering " + current.protocol().label() + " in portscope");
                    send(false);
                    return;
                }
                fallBackToProc(e);
                current = null;
            }
        }

        private void offer(SocketEntry entry) {
            if (query.matches(entry)) {
                ready.add(entry);
            }
        }

        private void fallBackToProc(InetDiag.DumpError e) {
            String table = current.protocol().label() + (current.family() == Family.IPV6 ? "6" : "");
            debugNotes.add("netlink has no " + table + " sockets (" + NativeException.describe(e.errno) + "); read /proc/net/" + table);
            Query one = query.withProtocols(EnumSet.of(current.protocol())).withFamilies(EnumSet.of(current.family()));
            ProcNetSource proc = new ProcNetSource(procForFallback);
            try (Stream<SocketEntry> s = proc.sockets(one)) {
                s.forEach(ready::add);
            }
        }
    }
}
