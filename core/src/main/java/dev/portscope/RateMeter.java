package dev.portscope;

import dev.portscope.lookup.Owners;
import dev.portscope.lookup.Rates;
import dev.portscope.model.Owner;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketRate;
import dev.portscope.source.Query;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Throughput of the TCP connections a query selects, from the kernel's per-socket byte counters
 * read again at each {@link #sample()} ({@link Rates}): no packet capture, no root. Each sample
 * is one read (with tcp_info) compared with the one before; the meter keeps only that read.
 * UDP and RAW sockets have no byte counters in the kernel and are not measured.
 */
public final class RateMeter {
    private final Portscope portscope;
    private final Query query;
    private List<SocketEntry> last;
    private Map<Long, List<Owner>> ownersByInode = new HashMap<>();
    private int unreadable;
    private long lastNanos;

    RateMeter(Portscope portscope, Query query) {
        this.portscope = portscope;
        Set<Protocol> tcp = EnumSet.of(Protocol.TCP);
        tcp.retainAll(query.protocols());
        this.query = query.withProtocols(tcp.isEmpty() ? EnumSet.of(Protocol.TCP) : tcp)
                .withDetails(EnumSet.of(Query.Detail.TCP_INFO));
    }

    /** One interval: the sockets read now, their rates since the previous sample, and where they were read. */
    public record Sample(List<SocketRate> rates, Duration elapsed, List<String> notes, Map<Long, dev.portscope.model.Netns> namespaces) {
    }

    /**
     * Reads the sockets and returns what each moved since the previous sample; the first sample
     * has nothing to compare with and reports every socket's totals over {@link Duration#ZERO}.
     *
     * @throws dev.portscope.source.SourceUnavailableException when the sockets came from /proc (no tcp_info there)
     */
    public Sample sample() {
        try (Listing listing = portscope.list(query)) {
            List<SocketEntry> now = listing.toList();
            long nanos = System.nanoTime();
            Duration elapsed = last == null ? Duration.ZERO : Duration.ofNanos(nanos - lastNanos);
            List<SocketRate> rates = Rates.between(last == null ? List.of() : last, now, elapsed);
            last = now;
            lastNanos = nanos;
            if (!now.isEmpty() && !listing.source().contains("netlink")) { // /proc has no byte counters: no rates, not zero rates
                throw new dev.portscope.source.SourceUnavailableException("rates need the kernel's tcp_info, which netlink gives and "
                        + "/proc does not; these sockets came from " + listing.source()
                        + listing.fallbackReason().map(r -> " (" + r + ")").orElse(""), null);
            }
            return new Sample(rates, elapsed, listing.notes(), listing.namespacesByInode());
        }
    }

    /**
     * The owners of the sockets of a sample. A socket's owners are looked up once, when a sample
     * first has it, and kept while it lives: a connection rarely changes hands, and scanning every
     * process each interval for 100k sockets took a core (BENCHMARKS.md).
     */
    public Owners owners(Sample sample) {
        List<SocketEntry> sockets = sample.rates().stream().map(SocketRate::socket).toList();
        List<SocketEntry> fresh = sockets.stream().filter(s -> s.inode() != 0 && !ownersByInode.containsKey(s.inode())).toList();
        Owners found = fresh.isEmpty() ? null : portscope.owners(fresh);
        Map<Long, List<Owner>> next = new HashMap<>(sockets.size() * 2);
        for (SocketEntry s : sockets) {
            if (s.inode() != 0) {
                List<Owner> known = ownersByInode.get(s.inode());
                next.put(s.inode(), known != null ? known : found.of(s));
            }
        }
        ownersByInode = next;
        if (found != null) {
            unreadable = found.unreadable();
        }
        int hidden = unreadable;
        Map<Long, List<Owner>> table = next;
        return new Owners() {
            @Override
            public List<Owner> of(dev.portscope.model.KernelSocket socket) {
                return table.getOrDefault(socket.inode(), List.of());
            }

            @Override
            public int unreadable() {
                return hidden;
            }
        };
    }

    /** The query the meter reads (TCP, with tcp_info). */
    public Query query() {
        return query;
    }
}
