package dev.portscope.cli;

import dev.portscope.Portscope;
import dev.portscope.lookup.Resolver;
import dev.portscope.registry.PortRegistry;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What the commands read from the machine, in one place so tests can point it elsewhere: the
 * proc root (empty: the running kernel), the port registry (loaded on first use: -n never pays
 * for it), the reverse resolver and the terminal, if any. It remembers the facades the commands
 * opened, so that {@link Main} can tell whether name lookups are still blocked at the end.
 */
record Environment(Optional<Path> procRoot, Supplier<PortRegistry> registry, Resolver resolver, Terminal terminal,
                   List<Portscope> opened) {

    /** The running machine; output goes to a writer, not a terminal (see {@link #withTerminal}). */
    static Environment live() {
        return new Environment(Optional.empty(), memoize(PortRegistry::standard), Resolver.system(), Terminal.NONE,
                new CopyOnWriteArrayList<>());
    }

    /** A snapshot: sockets come from {@code procRoot}'s files only, never from the running kernel; no host has a name. */
    static Environment of(Path procRoot, Path etcServices) {
        return new Environment(Optional.of(procRoot), memoize(() -> PortRegistry.load(etcServices, Optional.empty())),
                address -> Optional.empty(), Terminal.NONE, new CopyOnWriteArrayList<>());
    }

    Environment withResolver(Resolver other) {
        return new Environment(procRoot, registry, other, terminal, opened);
    }

    Environment withRegistry(Supplier<PortRegistry> other) {
        return new Environment(procRoot, memoize(other), resolver, terminal, opened);
    }

    /** The same, printing to this terminal (or to none). */
    Environment withTerminal(Terminal other) {
        return new Environment(procRoot, registry, resolver, other, opened);
    }

    /** Opens the facade with these settings; {@code otherRoot} and {@code source} are the command's options. */
    Portscope open(Optional<Path> otherRoot, Portscope.Source source) {
        return open(otherRoot, source, b -> b);
    }

    /** The same, with a view's own settings ({@code more}: its namespaces). */
    Portscope open(Optional<Path> otherRoot, Portscope.Source source, java.util.function.UnaryOperator<Portscope.Builder> more) {
        Portscope.Builder builder = Portscope.builder().source(source).registry(registry).resolver(resolver);
        otherRoot.or(this::procRoot).ifPresent(builder::procRoot);
        builder = more.apply(builder);
        Portscope portscope = builder.build();
        opened.add(portscope);
        return portscope;
    }

    /** Whether a facade opened here still has name lookups blocked in the resolver. */
    boolean lookupsInFlight() {
        for (Portscope portscope : opened) { // a loop, not a stream: no lambda to spin at the very end of a run
            if (portscope.lookupsInFlight()) {
                return true;
            }
        }
        return false;
    }

    static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
