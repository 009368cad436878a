package dev.portscope;

import dev.portscope.filter.FactMatch;
import dev.portscope.filter.Facts;
import dev.portscope.filter.Filter;
import dev.portscope.lookup.Count;
import dev.portscope.lookup.CountKey;
import dev.portscope.lookup.Directions;
import dev.portscope.lookup.Owners;
import dev.portscope.lookup.SocketPairs;
import dev.portscope.lookup.StateCount;
import dev.portscope.model.Owner;
import dev.portscope.model.Roles;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One read of sockets and everything about it: the sockets, the lookups that go with them
 * (owners, directions; read when first asked for, once), and what the read has to say (notes,
 * which source answered and why). Consume {@link #sockets()} once; the notes are complete after
 * that. Close it (try-with-resources) to release the kernel sockets or files behind the stream.
 */
public final class Listing implements AutoCloseable {
    /** No condition beyond the query's. */
    static final Predicate<SocketEntry> EVERY = s -> true;

    private final Portscope portscope;
    private final Query query;
    private final NamespacedRead plan;
    private final Predicate<SocketEntry> also;
    private final ReadNotes notes = new ReadNotes();
    private Directions directions;
    private Owners owners;
    private dev.portscope.lookup.Cgroups cgroups;
    private Stream<SocketEntry> stream;

    /** {@code also}: a condition beyond the query's, applied in Java ({@link Portscope#using}). */
    Listing(Portscope portscope, Query query, Predicate<SocketEntry> also) {
        this.portscope = portscope;
        this.query = query;
        this.also = also;
        this.plan = portscope.plan();
    }

    /** What was asked for. */
    public Query query() {
        return query;
    }

    /**
     * The sockets, streamed as the source answers, in the order ss and netstat list them (by
     * protocol, IPv4 first). Owners or listeners a filter needs are read before the first socket.
     *
     * @throws IllegalStateException when called twice
     */
    public Stream<SocketEntry> sockets() {
        if (stream != null) {
            throw new IllegalStateException("a listing's sockets are read once");
        }
        Filter filter = query.filter();
        Set<FactMatch.Need> needs = Filter.needs(filter);
        if (needs.isEmpty()) {
            stream = plan.sockets(query, notes);
        } else {
            Facts facts = facts(needs);
            stream = plan.sockets(query.forSource(), notes).filter(s -> filter.test(s, facts));
        }
        if (also != EVERY) {
            stream = stream.filter(also);
        }
        return stream;
    }

    /** The sockets as a list, read now. */
    public List<SocketEntry> toList() {
        try (Stream<SocketEntry> s = sockets()) {
            return s.toList();
        }
    }

    /** Inbound or outbound, from this host's listeners of the query's protocols (read on first use, once). */
    public synchronized Directions directions() {
        if (directions == null) {
            directions = portscope.directions(query.protocols(), notes, plan);
        }
        return directions;
    }

    /** The sockets' cgroups and containers: the host's cgroup tree, read on first use, once. */
    public synchronized dev.portscope.lookup.Cgroups cgroups() {
        if (cgroups == null) {
            cgroups = portscope.cgroups().withOwnersFallback(this::owners);
        }
        return cgroups;
    }

    /** The owners of every socket: one scan of every process on first use, as -p does. */
    public synchronized Owners owners() {
        if (owners == null) {
            owners = portscope.owners();
        }
        return owners;
    }

    /**
     * The owners of just these sockets: a scan that stops early (see {@link Portscope#owners(Collection)}),
     * or {@link #owners()} when every process was scanned already.
     */
    public synchronized Owners ownersOf(Collection<SocketEntry> sockets) {
        return owners != null ? owners : portscope.owners(sockets);
    }

    /** Connections with both ends on this host, client and server half joined ({@link SocketPairs}); reads the sockets. */
    public List<SocketPairs.SocketPair> pairs() {
        return SocketPairs.join(toList(), directions());
    }

    /** Counts the sockets by {@code key}, most first, then by key (a leading number, a port or pid, by its value). */
    public List<Count> count(CountKey key) {
        Optional<Owners> by = key.needsOwners() ? Optional.of(owners()) : Optional.empty();
        Map<Long, dev.portscope.model.Netns> names = namespacesByInode();
        Optional<dev.portscope.lookup.Cgroups> groups = key == CountKey.CONTAINER ? Optional.of(cgroups()) : Optional.empty();
        Map<String, Long> counts = new HashMap<>();
        try (Stream<SocketEntry> s = sockets()) {
            s.forEach(socket -> key.keysOf(socket, by, names, groups).forEach(k -> counts.merge(k, 1L, Long::sum)));
        }
        return counts.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key, Listing::byLeadingNumber)).toList();
    }

    private static int byLeadingNumber(String a, String b) {
        int da = leadingDigits(a);
        int db = leadingDigits(b);
        if (da > 0 && db > 0 && da != db) {
            return Integer.compare(da, db); // no leading zeros in ports and pids: the longer number is the larger
        }
        return a.compareTo(b);
    }

    private static int leadingDigits(String s) {
        int n = 0;
        while (n < s.length() && Character.isDigit(s.charAt(n))) {
            n++;
        }
        return n;
    }

    /** Counts the sockets by protocol, family and state (ss -s), in that order. */
    public List<StateCount> countByState() {
        Map<String, StateCount> counts = new TreeMap<>();
        try (Stream<SocketEntry> s = sockets()) {
            s.forEach(e -> counts.merge(e.protocol().label() + " " + e.family().label() + " " + e.state().netstatName(),
                    new StateCount(e.protocol(), e.family(), e.state(), 1), StateCount::plus));
        }
        return new ArrayList<>(counts.values());
    }

    /** Notes for the user about this read (malformed lines skipped ...); complete once the sockets are consumed. */
    public List<String> notes() {
        return notes.notes();
    }

    /** Details only --debug shows (tables read from /proc instead, a refused filter program). */
    public List<String> debugNotes() {
        return notes.debugNotes();
    }

    /**
     * The network namespaces this listing reads, in the order their sockets come (each socket's
     * {@link SocketEntry#netns()} is one of their inodes); empty when it reads its own without
     * naming it.
     */
    public List<dev.portscope.model.Netns> namespaces() {
        return plan.namespaces();
    }

    /** {@link #namespaces()} by inode, the key each socket carries ({@link SocketEntry#netns()}). */
    public Map<Long, dev.portscope.model.Netns> namespacesByInode() {
        Map<Long, dev.portscope.model.Netns> byInode = new HashMap<>();
        namespaces().forEach(n -> byInode.put(n.inode(), n));
        return byInode;
    }

    /** The source that answered: {@code netlink} or {@code procfs}. */
    public String source() {
        return plan.answeredBy();
    }

    /** Why netlink was given up for /proc, if it was. */
    public Optional<String> fallbackReason() {
        return plan.fallbackReason();
    }

    private Facts facts(Set<FactMatch.Need> needs) {
        Optional<Directions> d = needs.contains(FactMatch.Need.LISTENERS) ? Optional.of(directions()) : Optional.empty();
        Optional<Owners> o = needs.contains(FactMatch.Need.PROCESSES) ? Optional.of(owners()) : Optional.empty();
        Map<Long, dev.portscope.model.Netns> byInode = namespacesByInode();
        Optional<dev.portscope.lookup.Cgroups> groups = needs.contains(FactMatch.Need.CGROUPS) ? Optional.of(cgroups()) : Optional.empty();
        return new Facts() {
            @Override
            public java.util.Set<String> namespaceNames(SocketEntry s) {
                dev.portscope.model.Netns n = byInode.get(s.netns());
                return n == null ? java.util.Set.of() : java.util.Set.copyOf(n.names());
            }

            @Override
            public Optional<dev.portscope.model.Container> container(SocketEntry s) {
                return groups.orElseThrow().container(s);
            }

            @Override
            public Optional<String> cgroupPath(SocketEntry s) {
                return groups.orElseThrow().path(s);
            }

            @Override
            public Optional<dev.portscope.model.Direction> direction(SocketEntry s) {
                return d.orElseThrow().of(s).map(Roles::direction);
            }

            @Override
            public int servicePort(SocketEntry s) {
                return d.orElseThrow().serviceEnd(s).port();
            }

            @Override
            public List<Holder> holders(SocketEntry s) {
                List<Holder> holders = new ArrayList<>();
                for (Owner owner : o.orElseThrow().of(s)) {
                    holders.add(new Holder(owner.pid(), owner.command()));
                }
                return holders;
            }
        };
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
