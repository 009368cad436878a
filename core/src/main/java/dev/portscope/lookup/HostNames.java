package dev.portscope.lookup;

import java.net.InetAddress;
import java.time.Duration;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reverse names for one listing that can never hang it: each distinct address is looked up once,
 * at most {@code parallelism} at a time, and the whole run shares one deadline. A name not known
 * by then is not waited for; the address prints as a number and is counted. Close it to stop
 * its threads (a lookup blocked in the resolver ends when the resolver gives up).
 */
public final class HostNames implements AutoCloseable {
    private final AtomicInteger inFlight = new AtomicInteger();

    private final Resolver resolver;
    private final ExecutorService pool;
    private final long deadlineNanos;
    private final Map<InetAddress, CompletableFuture<Optional<String>>> lookups = new ConcurrentHashMap<>();
    private final Map<InetAddress, Boolean> leftNumeric = new ConcurrentHashMap<>();

    /**
     * @param resolver    who answers (the system resolver, or a fake in tests)
     * @param parallelism lookups in flight at once
     * @param deadline    time from now after which no lookup is waited for
     */
    public HostNames(Resolver resolver, int parallelism, Duration deadline) {
        this.resolver = resolver;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "portscope-dns-" + n.incrementAndGet());
            t.setDaemon(true); // an unanswered lookup must not keep the JVM alive
            return t;
        };
        this.pool = Executors.newFixedThreadPool(parallelism, daemons);
        this.deadlineNanos = System.nanoTime() + deadline.toNanos();
    }

    /** Starts the lookups of these addresses, so they run together rather than one by one. */
    public void prefetch(Collection<InetAddress> addresses) {
        addresses.forEach(this::lookup);
    }

    /**
     * The name of {@code address} if it is known before the deadline; empty otherwise. An address
     * has one spelling per run: once it went unnamed, a lookup finishing later does not name it.
     */
    public Optional<String> name(InetAddress address) {
        if (leftNumeric.containsKey(address)) {
            return Optional.empty(); // once printed as a number, a number for the rest of the run
        }
        CompletableFuture<Optional<String>> lookup = lookup(address);
        long wait = deadlineNanos - System.nanoTime();
        try {
            return wait > 0 ? lookup.get(wait, TimeUnit.NANOSECONDS) : lookup.getNow(null) == null ? timedOut(address) : lookup.getNow(null);
        } catch (TimeoutException e) {
            return timedOut(address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return timedOut(address);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * Every address of a host name (forward lookup, getaddrinfo: /etc/hosts, DNS ...), waited for
     * no longer than the deadline; IPv4 first, then IPv6, each once.
     *
     * @throws UnknownHostException when the name has no address
     * @throws TimeoutException     when no answer came before the deadline
     */
    public List<InetAddress> addresses(String name) throws UnknownHostException, TimeoutException {
        CompletableFuture<InetAddress[]> lookup = submit(() -> resolver.addresses(name));
        try {
            InetAddress[] all = lookup.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return Arrays.stream(all).sorted(Comparator.comparing(a -> a.getAddress().length)).distinct().toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedExecutionException) {
                throw new TimeoutException("closed");
            }
            throw e.getCause() instanceof UnknownHostException u ? u : new UnknownHostException(name + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
    }

    /** How many distinct addresses were asked for and not resolved before the deadline. */
    public int leftNumeric() {
        return leftNumeric.size();
    }

    /**
     * Whether a lookup is still running (past its deadline, necessarily, once the listing is
     * printed): the process then has threads blocked in the resolver.
     */
    public boolean lookupsInFlight() {
        return inFlight.get() > 0;
    }

    /** Stops taking lookups and interrupts the threads (a thread inside getnameinfo stays until it returns). */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return pool.isShutdown();
    }

    private Optional<String> timedOut(InetAddress address) {
        leftNumeric.put(address, Boolean.TRUE);
        return Optional.empty();
    }

    private CompletableFuture<Optional<String>> lookup(InetAddress address) {
        if (pool.isShutdown()) {
            return lookups.getOrDefault(address, CompletableFuture.completedFuture(Optional.empty()));
        }
        return lookups.computeIfAbsent(address, this::start);
    }

    private CompletableFuture<Optional<String>> start(InetAddress address) {
        // a failed lookup, or one refused because the pool closed meanwhile, is a number, not an error
        return submit(() -> resolver.reverse(address)).exceptionally(e -> Optional.empty());
    }

    /**
     * Runs one lookup on the pool, in flight from the moment it is queued: a queued lookup may start
     * blocking any moment, the JVM's exit included. A closed pool fails it with RejectedExecutionException.
     */
    private <T> CompletableFuture<T> submit(java.util.concurrent.Callable<T> lookup) {
        inFlight.incrementAndGet();
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return lookup.call();
                } catch (Exception e) {
                    throw new CompletionException(e);
                } finally {
                    inFlight.decrementAndGet();
                }
            }, pool);
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            return CompletableFuture.failedFuture(e);
        }
    }
}
