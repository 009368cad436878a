package dev.portscope;

import dev.portscope.linux.proc.CgroupTree;
import dev.portscope.lookup.Cgroups;
import dev.portscope.source.SourceUnavailableException;
import dev.portscope.linux.proc.NetNamespaces;
import dev.portscope.model.Netns;
import dev.portscope.filter.Filter;
import dev.portscope.filter.FilterParser;
import dev.portscope.linux.netlink.NetlinkSource;
import dev.portscope.linux.netlink.SocketRequests;
import dev.portscope.linux.netlink.NatRules;
import dev.portscope.model.NatRedirect;
import dev.portscope.linux.proc.EphemeralPorts;
import dev.portscope.linux.proc.NetCounters;
import dev.portscope.linux.proc.ProcNetSource;
import dev.portscope.linux.proc.ProcRoot;
import dev.portscope.linux.proc.ProcessOwners;
import dev.portscope.linux.proc.Users;
import dev.portscope.lookup.Directions;
import dev.portscope.lookup.HostNames;
import dev.portscope.lookup.Owners;
import dev.portscope.lookup.PortExplanation;
import dev.portscope.lookup.PortSpec;
import dev.portscope.lookup.Resolver;
import dev.portscope.lookup.ServiceNames;
import dev.portscope.model.CounterGroup;
import dev.portscope.model.Family;
import dev.portscope.model.PortClass;
import dev.portscope.model.PortRange;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.NetlinkSocket;
import dev.portscope.model.PacketSocket;
import dev.portscope.model.TcpState;
import dev.portscope.model.UnixSocket;
import dev.portscope.registry.PortRegistry;
import dev.portscope.source.Query;
import dev.portscope.source.ReadNotes;
import dev.portscope.source.SocketSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * portscope's answers for one machine: the live kernel ({@link #system()}) or a captured
 * {@code /proc} ({@link #snapshot(Path)}). Every read is independent and returns everything about
 * itself, so one instance serves many threads; close it to stop the name lookups it started.
 *
 * <pre>{@code
 * try (Portscope ps = Portscope.system();
 *      Listing sshd = ps.list(Query.all().withFilter(ps.parseFilter("sport = :22 and comm = sshd")))) {
 *     sshd.sockets().forEach(s -> sshd.owners().of(s).forEach(o ->
 *             System.out.println(s.local() + " " + o.command() + " " + o.user().orElse("?"))));
 * }
 * }</pre>
 */
public final class Portscope implements AutoCloseable {
    /** Where sockets come from. */
    public enum Source {
        /** Netlink sock_diag when the kernel and the JVM allow it, else /proc/net (the default). */
        AUTO,
        /** Netlink sock_diag only (as ss), except tables the kernel has no diag module for (as ss). */
        NETLINK,
        /** The /proc/net text tables (as netstat). */
        PROCFS
    }

    private static final Duration NAME_DEADLINE = Duration.ofSeconds(5);

    private final ProcRoot proc;
    private final Optional<SocketSource> netlink;
    private final SocketSource procfs;
    private final boolean fallBackWhole;
    private final Supplier<PortRegistry> registry;
    private final Supplier<Users> users;
    private final Resolver resolver;
    private final List<HostNames> hostNames = new CopyOnWriteArrayList<>();
    private final boolean live;
    private final Source source;
    /** The namespaces each read covers: empty for this process's own only; {@code null} entries never. */
    private final Optional<List<Netns>> namespaces;
    private final boolean allNamespaces;

    private Portscope(Builder b) {
        this.proc = b.procRoot.map(ProcRoot::at).orElse(ProcRoot.system());
        this.live = b.procRoot.isEmpty();
        this.source = b.source;
        this.namespaces = b.namespaces;
        this.allNamespaces = b.allNamespaces;
        if (!live && (b.namespaces.isPresent() || b.allNamespaces)) {
            throw new IllegalStateException("namespaces are the running host's; a proc snapshot holds one");
        }
        if (!live && b.source == Source.NETLINK) {
            throw new IllegalStateException("netlink asks the running kernel and cannot read a proc snapshot");
        }
        this.netlink = live && b.source != Source.PROCFS ? Optional.of(NetlinkSource.kernel()) : Optional.empty();
        this.procfs = new ProcNetSource(proc);
        this.fallBackWhole = b.source == Source.AUTO;
        this.registry = memoize(b.registry);
        this.users = memoize(Users::system);
        this.resolver = b.resolver;
    }

    /** This machine's live sockets, netlink first. */
    public static Portscope system() {
        return builder().build();
    }

    /**
     * A proc root other than the running one: a directory holding {@code net/tcp}, {@code net/udp} ...
     * (and, for owners, {@code [pid]/fd}), such as a snapshot or another proc mount.
     */
    public static Portscope snapshot(Path procRoot) {
        return builder().procRoot(procRoot).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings for a {@link Portscope}. */
    public static final class Builder {
        private Optional<Path> procRoot = Optional.empty();
        private Source source = Source.AUTO;
        private Supplier<PortRegistry> registry = PortRegistry::standard;
        private Resolver resolver = Resolver.system();
        private Optional<List<Netns>> namespaces = Optional.empty();
        private boolean allNamespaces;

        private Builder() {
        }

        /** Read these network namespaces (see {@link Portscope#namespace(String)}), one after another, each socket labelled. */
        public Builder namespaces(List<Netns> namespaces) {
            this.namespaces = Optional.of(List.copyOf(namespaces));
            this.allNamespaces = false;
            return this;
        }

        /** Read every network namespace of the host, found anew at each read ({@link Portscope#namespaces()}). */
        public Builder allNamespaces() {
            this.allNamespaces = true;
            this.namespaces = Optional.empty();
            return this;
        }

        /** Read this proc root instead of the running kernel (/proc tables only). */
        public Builder procRoot(Path root) {
            this.procRoot = Optional.of(root);
            return this;
        }

        /** Where sockets come from (default {@link Source#AUTO}); a snapshot reads /proc tables whatever this says, but not NETLINK. */
        public Builder source(Source source) {
            this.source = Objects.requireNonNull(source);
            return this;
        }

        /** The port registry (default: IANA's, overlaid by /etc/services and the user's services file), loaded on first use. */
        public Builder registry(Supplier<PortRegistry> registry) {
            this.registry = Objects.requireNonNull(registry);
            return this;
        }

        /** Who answers reverse lookups (default: the system resolver). */
        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver);
            return this;
        }

        /**
         * @throws IllegalStateException when netlink is asked for a snapshot
         */
        public Portscope build() {
            return new Portscope(this);
        }
    }

    /**
     * The sockets {@code query} selects. Its filter may use every condition of the filter language:
     * what a source can evaluate goes to it (and through netlink to the kernel), and the rest
     * (pid, comm, dir, class) is applied with the owners or listeners it needs, read first.
     */
    public Listing list(Query query) {
        return new Listing(this, query, Listing.EVERY);
    }

    /**
     * The sockets using these ports now: bound to one, or connected to one ({@link PortSpec#usesPort}),
     * over the spec's protocol (TCP and UDP without one), every state; the kernel filters by port.
     */
    public Listing using(PortSpec spec) {
        return using(spec.kernelFilter(), spec.ports()::contains, spec.protocol());
    }

    /** The sockets using a port of this range now, as {@link #using(PortSpec)}; {@code protocol} as in a {@link PortSpec}. */
    public Listing using(PortRange range, Optional<String> protocol) {
        Filter inRange = Filter.or(between(Filter.End.LOCAL, range), between(Filter.End.REMOTE, range));
        return using(inRange, range::contains, protocol);
    }

    private Listing using(Filter kernelSide, IntPredicate wanted, Optional<String> protocol) {
        Query query = new Query(PortSpec.socketProtocols(protocol), EnumSet.allOf(Family.class), Query.EVERY_STATE).withFilter(kernelSide);
        return new Listing(this, query, s -> PortSpec.usesPort(s, wanted));
    }

    private static Filter between(Filter.End end, PortRange range) {
        return Filter.and(new Filter.PortCompare(end, Filter.Comparison.GE, range.first()),
                new Filter.PortCompare(end, Filter.Comparison.LE, range.last()));
    }

    /** What a port is: registrations, RFC 6335 class, and whether it is ephemeral on this host. */
    public PortExplanation explain(int port) {
        return new PortExplanation(port, PortClass.of(port), ephemeralPorts().map(r -> r.contains(port)), registry().lookup(port));
    }

    /**
     * Parses ss's filter language ({@link FilterParser}), service names for {@code protocols} as
     * getservbyname gives them (local files first), user names from /etc/passwd and NSS, host
     * names through the resolver, waiting for their addresses no longer than {@code nameDeadline}.
     *
     * @throws dev.portscope.filter.FilterSyntaxException for a bad filter, pointing at the token
     */
    public FilterParser.Parsed parseFilter(String expression, Set<Protocol> protocols, Duration nameDeadline) {
        return FilterParser.parse(expression, new FilterLookups(registry, users, protocols, () -> hostNames(nameDeadline), nameDeadline));
    }

    /** {@link #parseFilter(String, Set, Duration)} waiting up to 5 s for a host name. */
    public FilterParser.Parsed parseFilter(String expression, Set<Protocol> protocols) {
        return parseFilter(expression, protocols, NAME_DEADLINE);
    }

    /** {@link #parseFilter(String, Set)} with TCP and UDP service names. */
    public FilterParser.Parsed parseFilter(String expression) {
        return parseFilter(expression, EnumSet.of(Protocol.TCP, Protocol.UDP));
    }

    /**
     * The UNIX domain sockets in these states (TCP's vocabulary: LISTEN, ESTABLISHED for connected,
     * CLOSE for unconnected), ordered by type, then inode, as ss's /proc reading orders them. From
     * unix_diag, or {@code /proc/net/unix} when netlink cannot answer (no peers, queues or uids
     * there: a note says so); {@code pending} adds a listener's connections waiting to be accepted.
     */
    public FamilyListing<UnixSocket> unixSockets(Set<TcpState> states, boolean pending) {
        return unixSockets(states, pending, Set.of());
    }

    /** {@link #unixSockets(Set, boolean)} with these details: {@link Query.Detail#MEMORY} adds each socket's memory (unix_diag only). */
    public FamilyListing<UnixSocket> unixSockets(Set<TcpState> states, boolean pending, Set<Query.Detail> details) {
        return readFamily(new FamilyRead<>("unix", FamilyRead.unix(states, pending, details.contains(Query.Detail.MEMORY)),
                FamilyRead.UNIX_ORDER));
    }

    /** The packet sockets (packet_diag), by namespace, then inode. */
    public FamilyListing<PacketSocket> packetSockets() {
        return readFamily(new FamilyRead<>("packet", FamilyRead.packet(), FamilyRead.PACKET_ORDER));
    }

    /** The netlink sockets (netlink_diag), by namespace, protocol, then port id. */
    public FamilyListing<NetlinkSocket> netlinkSockets() {
        return readFamily(new FamilyRead<>("netlink", FamilyRead.netlinks(), FamilyRead.NETLINK_ORDER));
    }

    private <T extends dev.portscope.model.KernelSocket> FamilyListing<T> readFamily(FamilyRead<T> read) {
        List<Netns> covered = namespaces.isEmpty() && !allNamespaces ? List.of() : plan().namespaces();
        return read.read(covered, netlink.isPresent(), source != Source.NETLINK, proc,
                n -> n.pid().stream().mapToObj(pid -> ProcRoot.at(proc.process(pid))).findFirst());
    }

    /**
     * A meter of the throughput of the TCP connections {@code query} selects: each
     * {@link RateMeter#sample()} reads them and compares with the read before (tcp_info's byte counters).
     */
    public RateMeter rateMeter(Query query) {
        return new RateMeter(this, query);
    }

    /** Whether the kernel has SCTP loaded in this namespace ({@code /proc/net/sctp} exists then). */
    public boolean hasSctp() {
        return java.nio.file.Files.isDirectory(proc.netCounters("sctp"));
    }

    /** A process's command name ({@code /proc/PID/comm}), when it exists and can be read: how ss names a netlink port id. */
    public Optional<String> command(int pid) {
        return dev.portscope.linux.proc.ProcessFiles.command(proc, pid);
    }

    /** The owners of every socket: one scan of every process (as -p). */
    public Owners owners() {
        return ProcessOwners.ofAll(proc.processes(), users);
    }

    /** The owners of just these sockets: the scan stops when each has one (and looks at their relatives for sharers). */
    public Owners owners(Collection<SocketEntry> sockets) {
        return ProcessOwners.ofSockets(proc.processes(), sockets, users);
    }

    /** Inbound or outbound, from the listeners of these protocols read now. */
    public Directions directions(Set<Protocol> protocols) {
        try (Stream<SocketEntry> listeners = plan().sockets(Directions.listeners(protocols), new ReadNotes())) {
            return Directions.of(listeners, ephemeralPorts());
        }
    }

    /**
     * The same for a listing: its listeners read over the namespaces {@code alongside} reads (not
     * found anew), noting what that read had to say in {@code notes}.
     */
    Directions directions(Set<Protocol> protocols, ReadNotes notes, NamespacedRead alongside) {
        try (Stream<SocketEntry> listeners = alongside.again(this::plan).sockets(Directions.listeners(protocols), notes)) {
            return Directions.of(listeners, ephemeralPorts());
        }
    }

    /** This host's ephemeral port range ({@code net.ipv4.ip_local_port_range}), if readable. */
    public Optional<PortRange> ephemeralPorts() {
        return EphemeralPorts.read(proc);
    }

    /** The port registry, loaded on first use (~0.1 s). */
    public PortRegistry registry() {
        return registry.get();
    }

    /** Port names as netstat shows them, for this host's ephemeral range. */
    public ServiceNames serviceNames() {
        return new ServiceNames(registry, ephemeralPorts());
    }

    /**
     * The host's cgroup v2 tree, read now: each socket's cgroup path and the container or unit it
     * names ({@link Cgroups}); empty on a host without cgroup2.
     */
    public Cgroups cgroups() {
        return new Cgroups(live ? CgroupTree.read(ProcRoot.system()) : java.util.Map.of());
    }

    /** The kernel's counters ({@code netstat -s}, {@code ss -s}): sockstat, sockstat6, snmp, netstat, snmp6. */
    public List<CounterGroup> counters() {
        return NetCounters.read(proc);
    }

    /**
     * Reverse names bounded by one deadline from now, 32 lookups at a time; closed with this
     * facade.
     */
    public HostNames hostNames(Duration deadline) {
        HostNames names = new HostNames(resolver, 32, deadline);
        hostNames.removeIf(h -> h.isClosed() && !h.lookupsInFlight()); // a long-lived facade keeps only what may still run
        hostNames.add(names);
        return names;
    }

    /** Whether a name lookup started here is still blocked in the resolver. */
    public boolean lookupsInFlight() {
        for (HostNames names : hostNames) {
            if (names.lookupsInFlight()) {
                return true;
            }
        }
        return false;
    }

    NamespacedRead plan() {
        if (namespaces.isEmpty() && !allNamespaces) {
            return new NamespacedRead(() -> new Plan(netlink, procfs, fallBackWhole));
        }
        if (namespaces.isPresent()) {
            return new NamespacedRead(namespaces.get(), this::plan, 0, true);
        }
        NetNamespaces.Found found = NetNamespaces.discover(ProcRoot.system(), NetNamespaces.BIND_MOUNT_DIRS);
        return new NamespacedRead(found.namespaces(), this::plan, found.hidden(), false);
    }

    /** One namespace's plan: netlink entered through its nsfs file (or our own socket), /proc/PID/net as the fallback. */
    Plan plan(Netns n) {
        if (n.own()) {
            return new Plan(netlink, procfs, fallBackWhole);
        }
        Optional<SocketSource> entered = netlink.isPresent() ? Optional.of(NetlinkSource.in(n.path())) : Optional.empty();
        SocketSource fromProc = n.pid().isPresent() ? new ProcNetSource(ProcRoot.at(proc.process(n.pid().getAsInt())))
                : new SocketSource() {
                    @Override
                    public String name() {
                        return "procfs";
                    }

                    @Override
                    public Stream<SocketEntry> sockets(Query query, ReadNotes notes) {
                        throw new SourceUnavailableException("no process in it to read /proc/PID/net from, and netlink "
                                + (netlink.isPresent() ? "could not enter it" : "is not used") + " (entering needs root)", null);
                    }
                };
        return new Plan(entered, fromProc, source != Source.NETLINK);
    }

    /**
     * Connections over time in this process's network namespace, or the one namespace this facade
     * was built for ({@link Builder#namespaces}): every socket of {@code query}
     * that opens, changes state or closes, from dumps every {@code interval} and the kernel's
     * destroy events ({@link Watch}). Close it when done.
     *
     * @throws SourceUnavailableException when netlink or its destroy events are not available
     * @throws IllegalStateException when {@link #watchUnavailable} says why it cannot
     */
    public Watch watch(Query query, Duration interval) {
        return watch(query, interval, Watch.DEFAULT_RECEIVE_BUFFER);
    }

    /** The same with the kernel asked for a destroy-event queue of {@code receiveBuffer} bytes. */
    public Watch watch(Query query, Duration interval, int receiveBuffer) {
        return new Watch(this, query, Optional.of(interval), receiveBuffer, watchedNamespace());
    }

    /**
     * Closes only: the kernel's destroy events of {@code query}'s sockets, attributed through the
     * listeners, with no dumps of every socket (no opens, no state changes, no owners of
     * connections): what counting closes on a busy host costs least.
     */
    public Watch watchCloses(Query query) {
        return new Watch(this, query, Optional.empty(), Watch.DEFAULT_RECEIVE_BUFFER, watchedNamespace());
    }

    /**
     * Why {@link #watch} and {@link #watchCloses} cannot follow this facade, in words for a user;
     * empty when they can. A watch follows the running kernel's destroy events (netlink) in one
     * network namespace: this process's own, or the one named.
     */
    public Optional<String> watchUnavailable() {
        if (!live) {
            return Optional.of("a watch follows the running kernel, not a proc snapshot");
        }
        if (netlink.isEmpty()) {
            return Optional.of("a watch follows the kernel's destroy events through netlink, and this reads /proc (--source procfs)");
        }
        if (allNamespaces || namespaces.map(List::size).orElse(0) > 1) {
            return Optional.of("a watch follows one network namespace (this process's own, or one named), and this reads several");
        }
        return Optional.empty();
    }

    /** The one namespace named for this facade, if one was; a watch follows one namespace of the live kernel. */
    private Optional<Netns> watchedNamespace() {
        watchUnavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        return namespaces.flatMap(list -> list.stream().findFirst());
    }

    /**
     * The destination NAT rules of this process's network namespace (nftables, iptables-nft):
     * how a port is published with no socket on it (Docker without its proxy, Kubernetes NodePorts).
     * Empty for a snapshot.
     *
     * @throws SourceUnavailableException without CAP_NET_ADMIN, or without nf_tables
     */
    public List<NatRedirect> natRedirects() {
        return netlink.isEmpty() ? List.of() : NatRules.read();
    }

    /**
     * Something that destroys sockets read through this facade, as {@code ss -K}: each in the
     * namespace it was read in. Close it when done.
     */
    public Killer killer() {
        if (netlink.isEmpty()) {
            throw new IllegalStateException("destroying sockets needs the live kernel's netlink, not a snapshot or /proc");
        }
        Map<Long, String> paths = new HashMap<>();
        plan().namespaces().forEach(n -> paths.put(n.inode(), n.path()));
        return new Killer(paths);
    }

    /** Destroys sockets ({@link #killer()}), keeping one netlink socket per namespace. */
    public static final class Killer implements AutoCloseable {
        /** What became of a socket asked to die. */
        public enum Outcome {
            /** The kernel destroyed it: its peer got a reset, its owner an error. */
            KILLED,
            /** It no longer existed (closed meanwhile). */
            GONE
        }

        private final Map<Long, String> paths;
        private final Map<Long, SocketRequests> open = new HashMap<>();

        private Killer(Map<Long, String> paths) {
            this.paths = paths;
        }

        /**
         * Destroys {@code socket}; {@link Outcome#GONE} when it no longer exists.
         *
         * @throws SourceUnavailableException without CAP_NET_ADMIN or kernel support (one line says which)
         */
        public Outcome kill(SocketEntry socket) {
            SocketRequests killer = open.computeIfAbsent(socket.netns(), inode -> inode == 0 || !paths.containsKey(inode)
                    ? SocketRequests.open() : SocketRequests.openIn(paths.get(inode)));
            return killer.kill(socket) ? Outcome.KILLED : Outcome.GONE;
        }

        @Override
        public void close() {
            open.values().forEach(SocketRequests::close);
        }
    }

    /**
     * Every network namespace of the host, each once: this process's own first, then by inode
     * ({@link Netns}). Without root, those of other users' processes cannot be seen.
     */
    public static List<Netns> namespaces() {
        return NetNamespaces.discover(ProcRoot.system(), NetNamespaces.BIND_MOUNT_DIRS).namespaces();
    }

    /**
     * The namespace {@code spec} names, as ss's {@code -N}: a name under /run/netns (or
     * /run/docker/netns), a path to an nsfs file, or a pid.
     *
     * @throws IllegalArgumentException with the reason, when it names none
     */
    public static Netns namespace(String spec) {
        return NetNamespaces.named(spec, ProcRoot.system(), NetNamespaces.BIND_MOUNT_DIRS);
    }

    /** Stops the name lookups' threads. */
    @Override
    public void close() {
        hostNames.forEach(HostNames::close);
        hostNames.clear();
    }

    static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = supplier.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }
}
