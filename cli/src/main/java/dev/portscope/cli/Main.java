package dev.portscope.cli;

import dev.portscope.cli.render.OutputFailedException;
import dev.portscope.cli.render.Utf8Writer;
import dev.portscope.Platform;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Entry point of the {@code portscope} command. */
public final class Main {
    private Main() {
    }

    /** What the launcher runs once per build to train the JVM's AOT cache: the common paths. */
    private static final List<List<String>> TRAINING = List.of(
            List.of("-tuanp"), List.of("-tlnp", "--json"), List.of("who", "22"), List.of("port", "http"), List.of("port", "80"),
            List.of("pairs", "-p"), List.of("top"), List.of("-s"), List.of("--help"),
            List.of("top", "--by", "state", "-a"), // --by goes through picocli, which --help no longer builds
            List.of("--all-netns", "-tuan"), // setns and the per-namespace read: 100 ms cold for 50 namespaces untrained
            List.of("-xap"), List.of("-xa", "--json"), List.of("-a", "--netlink", "-0")); // unix_diag and friends

    public static void main(String[] args) {
        if (Boolean.getBoolean("portscope.aot.training")) {
            PrintWriter discard = new PrintWriter(Writer.nullWriter());
            TRAINING.forEach(a -> run(discard, discard, a.toArray(String[]::new)));
            System.exit(0);
        }
        PrintWriter out = new PrintWriter(new Utf8Writer(new FileOutputStream(FileDescriptor.out), 1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Environment environment = Environment.live().withTerminal(Terminal.ofStandardOutput(System.getenv()));
        int code = run(environment, out, err, args);
        try {
            out.flush();
        } catch (OutputFailedException e) {
            code = code != Failures.OK ? code : Failures.output(e, err);
        }
        err.flush();
        if (environment.lookupsInFlight()) {
            Platform.exitNow(code); // the JVM's own exit would wait 300 ms for the blocked lookups
        }
        System.exit(code);
    }

    /** Runs portscope with these writers and returns its exit code; what tests call. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(Environment.live(), out, err, args);
    }

    static int run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        try {
            return runChecked(environment, out, err, args);
        } catch (OutputFailedException e) { // help, or the last flush: outside any command's own handling
            return Failures.output(e, err);
        } catch (OutOfMemoryError | StackOverflowError e) { // a hostile snapshot's giant line, say: one line, not a trace
            err.println("portscope: " + (e instanceof OutOfMemoryError ? "out of memory" : "stack overflow")
                    + " (is the input what the kernel writes?); run again with --debug for details");
            if (Arrays.asList(args).contains("--debug")) {
                e.printStackTrace(err);
            }
            err.flush();
            return Failures.RUNTIME;
        }
    }

    private static int runChecked(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        Optional<Integer> fast = FastPath.run(environment, out, err, args);
        if (fast.isPresent()) {
            out.flush();
            err.flush();
            return fast.get();
        }
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cli = commandLine(environment, debug);
        cli.setOut(out);
        cli.setErr(err);
        String[] reordered;
        try {
            reordered = GlobalOptions.moveAfterSubcommand(cli, args);
        } catch (UsageException e) {
            int code = new Failures(debug).report(e, err);
            err.flush();
            return code;
        }
        if (reordered != args) {
            Optional<Integer> moved = FastPath.run(environment, out, err, reordered); // who 80 --json needs no picocli
            if (moved.isPresent()) {
                out.flush();
                err.flush();
                return moved.get();
            }
        }
        int code = cli.execute(reordered);
        out.flush();
        err.flush();
        return code;
    }

    private static final List<String> MOST_USED = List.of("-t", "-u", "-l", "-a", "-n", "-p", "-x", "-w", "-4", "-6", "-e", "-s",
            "--json", "-N", "--all-netns");

    /** Options of {@link #MOST_USED} by its order, before every other (which keep their order: the sort is stable). */
    private static int mostUsedFirst(CommandLine.Model.OptionSpec a, CommandLine.Model.OptionSpec b) {
        return Integer.compare(rank(a), rank(b));
    }

    /** A layout that shows each option's and parameter's description up to its first '(', ';' or '. '. */
    private static CommandLine.Help.Layout brief(CommandLine.Help help) {
        CommandLine.Help.IOptionRenderer options = help.createDefaultOptionRenderer();
        CommandLine.Help.IParameterRenderer parameters = help.createDefaultParameterRenderer();
        return new CommandLine.Help.Layout(help.colorScheme(), help.createDefaultLayout().textTable(),
                (o, labels, scheme) -> options.render(o.usageHelp() || o.versionHelp() ? o // their names are resolved at rendering
                        : o.toBuilder().description(firstClause(o.description())).build(), labels, scheme),
                (p, labels, scheme) -> parameters.render(p.toBuilder().description(p.description()[0]
                        + " Every word: man portscope.").build(), labels, scheme));
    }

    /** The views, one line each: name and the first clause of what it does. */
    private static String commandList(CommandLine.Help help) {
        StringBuilder out = new StringBuilder();
        help.subcommands().forEach((name, sub) -> {
            CommandLine.Model.UsageMessageSpec usage = sub.commandSpec().usageMessage();
            String what = usage.header().length > 0 ? usage.header()[0] : firstClause(usage.description());
            int colon = what.indexOf(": ");
            String line = String.format("  %-6s %s", name, colon > 0 ? what.substring(0, colon) + "." : what);
            while (line.length() > 80) { // wrapped under the text, at a space
                int cut = line.lastIndexOf(' ', 80);
                out.append(line, 0, cut).append(System.lineSeparator());
                line = " ".repeat(9) + line.substring(cut + 1);
            }
            out.append(line).append(System.lineSeparator());
        });
        return out.toString();
    }

    static String firstClause(String[] description) {
        String text = String.join(" ", description);
        int end = text.length();
        for (String stop : List.of(" (", "; ", ". ", ", e.g.")) {
            int at = text.indexOf(stop);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        String clause = text.substring(0, end);
        return clause.endsWith(".") ? clause : clause + ".";
    }

    private static int rank(CommandLine.Model.OptionSpec o) {
        int i = MOST_USED.indexOf(o.shortestName());
        return i < 0 ? MOST_USED.size() : i;
    }

    static CommandLine commandLine(Environment environment, boolean debug) {
        CommandLine cli = new CommandLine(new ListCommand(environment));
        cli.addSubcommand(new CommandLine(new PortCommand(environment)));
        cli.addSubcommand(new CommandLine(new WhoCommand(environment)));
        cli.addSubcommand(new CommandLine(new PairsCommand(environment)));
        cli.addSubcommand(new CommandLine(new TopCommand(environment)));
        cli.addSubcommand(new CommandLine(new WatchCommand(environment)));
        cli.addSubcommand(new CommandLine(new KillCommand(environment)));
        cli.addSubcommand(new CommandLine(new ServeCommand(environment)));
        cli.addSubcommand(new CommandLine(new FleetCommand()));
        cli.addSubcommand(new CommandLine(new CommandLine.HelpCommand())); // portscope help [COMMAND]
        Failures failures = new Failures(debug);
        cli.setParameterExceptionHandler(failures);
        cli.setExecutionExceptionHandler(failures);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF)); // help as HelpTexts stores it
        // the listing's help fits a terminal: the options people type most first (-t -u -l -a -n -p ...), each in a few
        // words; man portscope has every word of them
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> help.optionList(brief(help), Main::mostUsedFirst, help.parameterLabelRenderer()));
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
                help -> help.parameterList(help.commandSpec().positionalParameters(), brief(help), help.parameterLabelRenderer()));
        cli.setPosixClusteredShortOptionsAllowed(true);
        cli.setAllowOptionsAsOptionParameters(true); // --sort -recvq: a descending column, not the -r flag
        cli.setAllowSubcommandsAsOptionParameters(true); // --columns help: the list of columns, not the help command
        cli.setOverwrittenOptionsAllowed(true); // -tan -n: a repeated flag is fine, as with ss and netstat; the last value wins
        cli.setExecutionStrategy(parsed -> { // help that cannot be written: one line, not picocli's stack trace
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (OutputFailedException e) {
                return Failures.output(e, parsed.commandSpec().commandLine().getErr());
            }
        });
        return cli;
    }
}
