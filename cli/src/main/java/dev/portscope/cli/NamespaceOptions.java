package dev.portscope.cli;

import dev.portscope.Portscope;
import dev.portscope.model.Netns;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Which network namespaces a view reads: -N (as ss, repeatable) or --all-netns; neither means portscope's own. */
final class NamespaceOptions {
    @Option(names = {"-N", "--net"}, paramLabel = "NETNS", description = "Read this network namespace: a name under /run/netns "
            + "or /run/docker/netns, an nsfs path, or a pid; repeatable, as ss -N. Entering one needs root; "
            + "without, a process's /proc/PID/net is read.")
    List<String> named = new ArrayList<>();
    @Option(names = "--all-netns", description = "Read every network namespace of the host (each once; those of "
            + "processes, /run/netns and /run/docker/netns); rows say which.")
    boolean all;

    /**
     * A filter on {@code netns}, {@code container} or {@code cgroup} looks beyond this namespace:
     * without -N, it reads every namespace ({@code portscope -tln container = 0123abcd} finds the
     * container wherever it lives).
     */
    void impliedBy(List<String> filterWords) {
        List<String> words = List.of(String.join(" ", filterWords).replace("(", " ").replace(")", " ").split("\\s+"));
        if (named.isEmpty() && words.stream().anyMatch(w -> w.equals("netns") || w.equals("container") || w.equals("cgroup"))) {
            all = true;
        }
    }

    /** Whether any namespace was asked for: rows then carry theirs. */
    boolean any() {
        return all || !named.isEmpty();
    }

    /** The builder reading the namespaces asked for; a name that names none is a usage error. */
    Portscope.Builder apply(Portscope.Builder builder) {
        if (all && !named.isEmpty()) {
            throw new UsageException("give -N NETNS or --all-netns, not both");
        }
        if (all) {
            return builder.allNamespaces();
        }
        if (named.isEmpty()) {
            return builder;
        }
        List<Netns> chosen = new ArrayList<>();
        for (String spec : named) {
            try {
                Netns n = Portscope.namespace(spec);
                if (chosen.stream().noneMatch(c -> c.inode() == n.inode())) {
                    chosen.add(n);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("-N " + spec + ": " + e.getMessage());
            }
        }
        return builder.namespaces(chosen);
    }
}
