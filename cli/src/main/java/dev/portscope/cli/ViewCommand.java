package dev.portscope.cli;

import dev.portscope.Portscope;
import dev.portscope.filter.FilterParser;
import dev.portscope.model.Protocol;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * What every view shares: which sockets ({@link SelectionOptions}: -t -u -l -a -B -4 -6), how
 * names are written ({@link NameOptions}: -n ...), which namespaces ({@link NamespaceOptions}:
 * -N, --all-netns), the machine it reads ({@link SourceOptions}: --proc-root, --source, --debug),
 * and how it runs, through picocli or {@link FastPath}, printing only to the writers it is given.
 * A view is: parse options, ask the facade, render.
 */
abstract class ViewCommand implements Callable<Integer>, FastPath.Direct {
    final Environment environment;

    @Spec
    CommandSpec spec;

    // Declared here, in this order, so every view lists them alike and first in its help.
    @Mixin
    SelectionOptions select = new SelectionOptions();
    @Mixin
    NameOptions names = new NameOptions();
    @Mixin
    NamespaceOptions netns = new NamespaceOptions();
    @Mixin
    SourceOptions source = new SourceOptions();

    ViewCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public final Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Checks what every view checks alike (--dns-timeout), then runs the view. */
    @Override
    public final int run(PrintWriter out, PrintWriter err) {
        names.check(); // whether names are looked up or not (-n, --json, top and port print numbers only)
        return view(out, err);
    }

    /** The view itself: parse what is left, ask the facade, render; printing only to these writers. */
    abstract int view(PrintWriter out, PrintWriter err);

    @Override
    public final boolean debug() {
        return source.debug;
    }

    /**
     * ss's filter from a view's words, names looked up under --dns-timeout; words that cannot
     * start a filter but look like a port or a command get a hint instead of "bad filter".
     */
    FilterParser.Parsed filter(Portscope portscope, List<String> words, Set<Protocol> protocols) {
        Hints.notAFilter(words.getFirst(), String.join(" ", words)).ifPresent(hint -> {
            throw new UsageException(hint);
        });
        return portscope.parseFilter(String.join(" ", words), protocols, names.deadline());
    }
}
