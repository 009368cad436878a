package dev.portscope.cli;

import dev.portscope.cli.render.OutputFailedException;
import dev.portscope.cli.render.UnknownColumnException;
import dev.portscope.cli.render.Visible;
import dev.portscope.filter.FilterSyntaxException;
import dev.portscope.source.SnapshotFormatException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The one place that turns failures into exit codes and one-line messages: 2 for bad usage (flags,
 * arguments, snapshot files), 1 for failures at run time. A stack trace only with {@code --debug}.
 */
final class Failures implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    static final int OK = 0;
    static final int RUNTIME = 1;
    static final int USAGE = 2;

    private final boolean debug;

    Failures(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        String line = e instanceof CommandLine.UnmatchedArgumentException unmatched ? Hints.unknownOption(unmatched, args).orElse(null) : null;
        err.println("portscope: " + Visible.of(line != null ? line // the message may echo an argument: anyone's text
                : e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')"));
        trace(err, e);
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        cmd.getOut().flush();
        return report(e, cmd.getErr());
    }

    /** Writes the one line for a failure of a running command and returns its exit code. */
    int report(Exception e, PrintWriter err) {
        if (e instanceof OutputFailedException output) {
            return output(output, err);
        }
        if (e instanceof FilterSyntaxException bad) {
            err.println("portscope: bad filter: " + Visible.of(bad.getMessage()));
            bad.pointer().lines().forEach(line -> err.println("  " + Visible.of(line)));
            return USAGE;
        }
        boolean usage = e instanceof UsageException || e instanceof SnapshotFormatException || e instanceof UnknownColumnException
                || e instanceof CommandLine.ParameterException;
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        err.println("portscope: " + Visible.of(message) + (usage || debug ? "" : " (run again with --debug for details)"));
        trace(err, e);
        return usage ? USAGE : RUNTIME;
    }

    /** A reader that went away ends the output quietly; any other failed write is a failure of the run. */
    static int output(OutputFailedException e, PrintWriter err) {
        if (e.readerGone()) {
            return OK;
        }
        err.println("portscope: cannot write output: " + e.getMessage());
        err.flush();
        return RUNTIME;
    }

    private void trace(PrintWriter err, Exception e) {
        if (debug) {
            e.printStackTrace(err);
        }
    }
}
