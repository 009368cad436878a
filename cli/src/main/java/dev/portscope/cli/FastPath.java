package dev.portscope.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;

/**
 * Runs the socket listing without building picocli's command line when every argument is a
 * listing flag this class knows. Building a picocli {@code CommandLine} costs 80-100 ms here even
 * for a one-option command (measured; BENCHMARKS.md), more than the rest of a quiet {@code -tln}.
 * Anything else (help, subcommands, unknown or malformed flags) returns empty and goes through
 * picocli, which owns every message. {@code FastPathTest} proves both paths set the same options.
 */
final class FastPath {
    /** Words a filter can begin with; anything else first (a subcommand name) goes to picocli. */
    private static final java.util.Set<String> FILTER_STARTS = java.util.Set.of("state", "exclude", "excl", "(", "!", "not",
            "sport", "dport", "src", "dst", "pid", "user", "comm", "class", "dir");

    private FastPath() {
    }

    /** A command that can run without picocli, printing through the writers it is given. */
    interface Direct {
        int run(PrintWriter out, PrintWriter err);

        boolean debug();
    }

    /** The exit code of the command, or empty when picocli must handle these arguments. */
    static Optional<Integer> run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        Optional<? extends Direct> command = args.length > 0 && args[0].equals("who") ? parseWho(environment, args) : parse(environment, args);
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

    /** {@code who PORT}, optionally with {@code --json}, {@code --jsonl}, {@code --csv}, {@code -H} or {@code --debug}; nothing else. */
    static Optional<WhoCommand> parseWho(Environment environment, String... args) {
        WhoCommand c = new WhoCommand(environment);
        for (String a : Arrays.asList(args).subList(1, args.length)) {
            switch (a) {
                case "--json" -> c.output.json = true;
                case "--jsonl" -> c.output.jsonl = true;
                case "--csv" -> c.output.csv = true;
                case "-H", "--no-header" -> c.output.noHeader = true;
                case "--debug" -> c.source.debug = true;
                default -> {
                    if (a.startsWith("-") || c.port != null) {
                        return Optional.empty();
                    }
                    c.port = a;
                }
            }
        }
        return c.port == null ? Optional.empty() : Optional.of(c);
    }

    /** The listing command with these arguments applied, if all of them are simple listing flags. */
    static Optional<ListCommand> parse(Environment environment, String... args) {
        ListCommand c = new ListCommand(environment);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                switch (a) {
                    case "--tcp" -> c.select.tcp = true;
                    case "--udp" -> c.select.udp = true;
                    case "--raw" -> c.raw = true;
                    case "--listening" -> c.select.listening = true;
                    case "--all" -> c.select.all = true;
                    case "--numeric" -> c.numeric = true;
                    case "--ipv4" -> c.select.ipv4 = true;
                    case "--ipv6" -> c.select.ipv6 = true;
                    case "--wide" -> c.wide = true;
                    case "--json" -> c.output.json = true;
                    case "--jsonl" -> c.output.jsonl = true;
                    case "--csv" -> c.output.csv = true;
                    case "--no-header" -> c.output.noHeader = true;
                    case "--statistics" -> c.statistics = true;
                    case "--extended" -> c.extended = true;
                    case "--timers" -> c.timers = true;
                    case "--memory" -> c.memory = true;
                    case "--info" -> c.info = true;
                    case "--processes" -> c.processes = true;
                    case "--numeric-hosts" -> c.numericHosts = true;
                    case "--numeric-ports" -> c.numericPorts = true;
                    case "--debug" -> c.source.debug = true;
                    case "--source" -> {
                        Optional<SourceOptions.Choice> choice = i + 1 < args.length ? choice(args[++i]) : Optional.empty();
                        if (choice.isEmpty()) {
                            return Optional.empty();
                        }
                        c.source.source = choice.get();
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            } else if (a.length() > 1 && a.charAt(0) == '-') {
                for (int j = 1; j < a.length(); j++) {
                    switch (a.charAt(j)) {
                        case 't' -> c.select.tcp = true;
                        case 'u' -> c.select.udp = true;
                        case 'w' -> c.raw = true;
                        case 'l' -> c.select.listening = true;
                        case 'a' -> c.select.all = true;
                        case 'n' -> c.numeric = true;
                        case '4' -> c.select.ipv4 = true;
                        case '6' -> c.select.ipv6 = true;
                        case 'W' -> c.wide = true;
                        case 'e' -> c.extended = true;
                        case 'o' -> c.timers = true;
                        case 'm' -> c.memory = true;
                        case 'i' -> c.info = true;
                        case 'p' -> c.processes = true;
                        case 'H' -> c.output.noHeader = true;
                        case 's' -> c.statistics = true;
                        default -> {
                            return Optional.empty();
                        }
                    }
                }
            } else if (!c.filterWords.isEmpty() || FILTER_STARTS.contains(a)) {
                c.filterWords.add(a); // ss's filter: every word that is not a flag
            } else {
                return Optional.empty(); // a subcommand, or a filter picocli will report on
            }
        }
        return Optional.of(c);
    }

    private static Optional<SourceOptions.Choice> choice(String value) {
        return switch (value) {
            case "auto" -> Optional.of(SourceOptions.Choice.AUTO);
            case "netlink" -> Optional.of(SourceOptions.Choice.NETLINK);
            case "procfs" -> Optional.of(SourceOptions.Choice.PROCFS);
            default -> Optional.empty();
        };
    }
}
