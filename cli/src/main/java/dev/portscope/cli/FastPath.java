package dev.portscope.cli;

import java.io.PrintWriter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Runs the socket listing (and {@code who PORT}) without building picocli's command line when
 * every argument is a flag or word this class can apply. Building a picocli {@code CommandLine}
 * costs 80-100 ms here even for a one-option command (measured; BENCHMARKS.md), more than the rest
 * of a quiet {@code -tln}. The flags it knows come from the commands' own {@code @Option}
 * declarations (boolean flags, and for the listing the enum-valued {@code --source}), turned into
 * plain assignments at compile time ({@link Flags}), so there is no second table to keep in step. Anything else (help, subcommands, other options, unknown or
 * malformed flags) returns empty and goes through picocli, which owns every message.
 * {@code FastPathTest} proves both paths set the same options.
 */
final class FastPath {
    /** Words a filter can begin with; anything else first (a subcommand name) goes to picocli. */
    private static final Set<String> FILTER_STARTS = Set.of("state", "exclude", "excl", "(", "!", "not",
            "sport", "dport", "src", "dst", "pid", "user", "comm", "class", "dir", "dev", "netns", "container", "cgroup");

    private FastPath() {
    }

    /** A command that can run without picocli, printing through the writers it is given. */
    interface Direct {
        int run(PrintWriter out, PrintWriter err);

        boolean debug();
    }

    /**
     * Marks a command whose options the fast path sets: {@code FlagTableProcessor} (cli/src/build)
     * writes {@code <Command>Flags} from its {@code @Option} and {@code @Mixin} declarations at compile time.
     */
    @Retention(RetentionPolicy.SOURCE)
    @Target(ElementType.TYPE)
    @interface Flags {
    }

    /** The exit code of the command, or empty when picocli must handle these arguments. */
    static Optional<Integer> run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        if (args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"))) {
            out.println(Version.text()); // what picocli's --version prints, without building picocli's model
            return Optional.of(Failures.OK);
        }
        Optional<String> help = helpAskedFor(args).flatMap(HelpTexts::stored);
        if (help.isPresent()) {
            out.print(help.get());
            return Optional.of(Failures.OK);
        }
        String view = args.length > 0 ? args[0] : "";
        Optional<? extends Direct> command = switch (view) {
            case "who" -> parseWho(environment, args);
            case "port" -> parsePort(environment, args);
            case "pairs" -> parsePairs(environment, args);
            case "top" -> parseTop(environment, args);
            default -> parse(environment, args);
        };
        if (command.isEmpty()) {
            return Optional.empty();
        }
        Failures failures = new Failures(command.get().debug());
        try {
            return Optional.of(command.get().run(out, err));
        } catch (RuntimeException e) {
            out.flush();
            return Optional.of(failures.report(e, err));
        }
    }

    /** The view whose help {@code --help}, {@code -h}, {@code VIEW --help} or {@code help [VIEW]} asks for. */
    private static Optional<String> helpAskedFor(String... args) {
        boolean flag = args.length > 0 && (args[args.length - 1].equals("--help") || args[args.length - 1].equals("-h"));
        if (args.length == 1 && flag || args.length == 1 && args[0].equals("help")) {
            return Optional.of("portscope");
        }
        if (args.length == 2 && flag && HelpTexts.VIEWS.contains(args[0]) || args.length == 2 && args[0].equals("help")) {
            String view = flag ? args[0] : args[1];
            return HelpTexts.VIEWS.contains(view) && !view.equals("portscope") ? Optional.of(view) : Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code who PORT} (one) with any of who's boolean flags ({@code --json}, {@code -H}, {@code --debug} ...); nothing else. */
    static Optional<WhoCommand> parseWho(Environment environment, String... args) {
        WhoCommand c = new WhoCommand(environment);
        Optional<String> port = oneOperand(args, a -> WhoCommandFlags.flag(c, a)); // several ports: picocli, whose errors users know
        port.ifPresent(c.ports::add);
        return port.map(p -> c);
    }

    /** {@code port PORT} with any of port's boolean flags ({@code -p}, {@code --json} ...); nothing else. */
    static Optional<PortCommand> parsePort(Environment environment, String... args) {
        PortCommand c = new PortCommand(environment);
        Optional<String> port = oneOperand(args, a -> PortCommandFlags.flag(c, a));
        port.ifPresent(p -> c.port = p);
        return port.map(p -> c);
    }

    /** {@code pairs} with its boolean flags, {@code --source VALUE} and filter words. */
    static Optional<PairsCommand> parsePairs(Environment environment, String... args) {
        PairsCommand c = new PairsCommand(environment);
        boolean applied = optionsAndFilter(args, 1, PairsCommandFlags::takesValue, (name, value) -> PairsCommandFlags.value(c, name, value),
                name -> PairsCommandFlags.flag(c, name), c.filterWords);
        return applied ? Optional.of(c) : Optional.empty();
    }

    /** {@code top} with its boolean flags, {@code --source VALUE} and filter words; {@code --by} and {@code --limit} go to picocli. */
    static Optional<TopCommand> parseTop(Environment environment, String... args) {
        TopCommand c = new TopCommand(environment);
        boolean applied = optionsAndFilter(args, 1, TopCommandFlags::takesValue, (name, value) -> TopCommandFlags.value(c, name, value),
                name -> TopCommandFlags.flag(c, name), c.filterWords);
        return applied ? Optional.of(c) : Optional.empty();
    }

    /** The listing command with these arguments applied, if all of them are flags, {@code --source VALUE} or filter words. */
    static Optional<ListCommand> parse(Environment environment, String... args) {
        ListCommand c = new ListCommand(environment);
        boolean applied = optionsAndFilter(args, 0, ListCommandFlags::takesValue, (name, value) -> ListCommandFlags.value(c, name, value),
                name -> ListCommandFlags.flag(c, name), c.filterWords);
        return applied ? Optional.of(c) : Optional.empty();
    }

    /**
     * Applies {@code args} from {@code from} on: boolean flags and clusters of them, enum-valued
     * and repeatable options with their value ({@code --source procfs}, {@code -N NAME}), and ss's filter words (every word from the first that can start a
     * filter); false at the first argument that is none of these (a subcommand, an option picocli
     * must parse, a filter picocli will report on).
     */
    private static boolean optionsAndFilter(String[] args, int from, Predicate<String> takesValue, BiPredicate<String, String> value,
                                            Predicate<String> flag, List<String> filterWords) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if ((a.startsWith("--") || a.length() == 2) && a.startsWith("-") && takesValue.test(a)) { // --source procfs, -N NAME
                if (++i >= args.length || !value.test(a, args[i])) {
                    return false;
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                if (!flags(a, takesValue, flag)) {
                    return false;
                }
            } else if (!filterWords.isEmpty() || FILTER_STARTS.contains(a)) {
                filterWords.add(a); // ss's filter: every word that is not a flag
            } else {
                return false;
            }
        }
        return true;
    }

    /** The one operand after a view's name when every other argument is a flag {@code flag} applies; empty otherwise. */
    private static Optional<String> oneOperand(String[] args, Predicate<String> flag) {
        String operand = null;
        for (String a : Arrays.asList(args).subList(1, args.length)) {
            if (flag.test(a)) {
                continue;
            }
            if (a.startsWith("-") || operand != null) {
                return Optional.empty();
            }
            operand = a;
        }
        return Optional.ofNullable(operand);
    }

    /** Applies a {@code --long} flag or a {@code -abc} cluster of boolean flags; false when any is not one. */
    private static boolean flags(String a, Predicate<String> takesValue, Predicate<String> flag) {
        if (a.startsWith("--")) {
            return !takesValue.test(a) && flag.test(a);
        }
        if (a.length() < 2 || a.charAt(0) != '-') {
            return false;
        }
        for (int j = 1; j < a.length(); j++) {
            String one = "-" + a.charAt(j);
            if (takesValue.test(one) || !flag.test(one)) {
                return false;
            }
        }
        return true;
    }
}
