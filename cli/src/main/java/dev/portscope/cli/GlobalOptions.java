package dev.portscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Options before a view's name mean what they mean after it: {@code portscope --json who 80} is
 * {@code portscope who 80 --json}. picocli would give them to the listing, which does not run, and
 * the view would silently go without them. An option the view does not have is refused (exit 2).
 */
final class GlobalOptions {
    private GlobalOptions() {
    }

    /**
     * The arguments with the options that stand before a subcommand's name moved after it; as they
     * are when no subcommand follows leading options (or help is asked for).
     *
     * @throws UsageException when a leading option does not apply to that subcommand
     */
    static String[] moveAfterSubcommand(CommandLine cli, String[] args) {
        CommandSpec listing = cli.getCommandSpec();
        List<String> leading = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            CommandLine sub = cli.getSubcommands().get(a);
            if (sub != null) {
                if (leading.isEmpty()) {
                    return args;
                }
                check(sub.getCommandSpec(), leading, a);
                List<String> moved = new ArrayList<>(List.of(a));
                moved.addAll(leading);
                moved.addAll(Arrays.asList(args).subList(i + 1, args.length));
                return moved.toArray(String[]::new);
            }
            if (!a.startsWith("-") || a.equals("-") || a.equals("--")) {
                return args; // a filter word or an operand: no subcommand follows options here
            }
            List<OptionSpec> options = options(listing, a);
            if (options.isEmpty() || options.stream().anyMatch(o -> o.usageHelp() || o.versionHelp())) {
                return args; // picocli reports the unknown option, or shows the help asked for
            }
            leading.add(a);
            OptionSpec last = options.getLast();
            if (takesSeparateValue(last, a) && i + 1 < args.length) {
                leading.add(args[++i]);
            }
        }
        return args;
    }

    /** Each leading option must exist in the subcommand too. */
    private static void check(CommandSpec sub, List<String> leading, String name) {
        for (int i = 0; i < leading.size(); i++) {
            String a = leading.get(i);
            List<OptionSpec> mine = options(sub, a);
            if (mine.isEmpty()) {
                String bad = unknownIn(sub, a).orElse(a);
                throw new UsageException(Hints.doesNotApply(bad, name));
            }
            if (takesSeparateValue(mine.getLast(), a)) {
                i++; // its value
            }
        }
    }

    /** The options an argument names: one for {@code --long[=v]} or {@code -x}, one per letter of a cluster. */
    private static List<OptionSpec> options(CommandSpec spec, String arg) {
        if (arg.startsWith("--")) {
            int eq = arg.indexOf('=');
            OptionSpec o = spec.findOption(eq < 0 ? arg : arg.substring(0, eq));
            return o == null ? List.of() : List.of(o);
        }
        List<OptionSpec> found = new ArrayList<>();
        for (int j = 1; j < arg.length(); j++) {
            OptionSpec o = spec.findOption("-" + arg.charAt(j));
            if (o == null) {
                return List.of();
            }
            found.add(o);
            if (o.arity().max() > 0) {
                break; // the rest of the cluster is its value
            }
        }
        return found;
    }

    /** The first option letter or name of {@code arg} that {@code spec} lacks. */
    private static Optional<String> unknownIn(CommandSpec spec, String arg) {
        if (arg.startsWith("--")) {
            return Optional.of(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
        }
        for (int j = 1; j < arg.length(); j++) {
            if (spec.findOption("-" + arg.charAt(j)) == null) {
                return Optional.of("-" + arg.charAt(j));
            }
        }
        return Optional.empty();
    }

    /** Whether the option's value is the next argument (not after '=' nor the rest of a cluster). */
    private static boolean takesSeparateValue(OptionSpec option, String arg) {
        if (option.arity().max() == 0) {
            return false;
        }
        if (arg.startsWith("--")) {
            return !arg.contains("=");
        }
        return arg.charAt(arg.length() - 1) == option.shortestName().charAt(1) && arg.indexOf(option.shortestName().charAt(1)) == arg.length() - 1;
    }
}
