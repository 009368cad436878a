package dev.portscope.cli;

import dev.portscope.linux.ProcRoot;
import dev.portscope.registry.PortRegistry;
import dev.portscope.resolve.Resolver;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the commands read from the machine, in one place so tests can point it elsewhere: the
 * default proc root, whether the running kernel may be asked over netlink, the port registry
 * (loaded on first use: -n never pays for it), the reverse resolver and the terminal, if any.
 */
record Environment(ProcRoot proc, boolean liveKernel, Supplier<PortRegistry> registry, Resolver resolver, Terminal terminal) {

    /** The running machine; output goes to a writer, not a terminal (see {@link #withTerminal}). */
    static Environment live() {
        return new Environment(ProcRoot.system(), true, memoize(PortRegistry::standard), Resolver.system(), Terminal.NONE);
    }

    /** A snapshot: sockets come from {@code proc}'s files only, never from the running kernel; no host has a name. */
    static Environment of(ProcRoot proc, Path etcServices) {
        return new Environment(proc, false, memoize(() -> PortRegistry.load(etcServices, Optional.empty())), address -> Optional.empty(),
                Terminal.NONE);
    }

    Environment withResolver(Resolver other) {
        return new Environment(proc, liveKernel, registry, other, terminal);
    }

    /** The same, printing to this terminal (or to none). */
    Environment withTerminal(Terminal other) {
        return new Environment(proc, liveKernel, registry, resolver, other);
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
