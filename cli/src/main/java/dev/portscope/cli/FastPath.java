package dev.portscope.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the socket listing (and {@code who PORT}) without building picocli's command line when
 * every argument is a flag or word this class can apply. Building a picocli {@code CommandLine}
 * costs 80-100 ms here even for a one-option command (measured; BENCHMARKS.md), more than the rest
 * of a quiet {@code -tln}. The flags it knows are read from the commands' own {@code @Option}
 * declarations (boolean flags, and for the listing the enum-valued {@code --source}), so there is
 * no second table to keep in step. Anything else (help, subcommands, other options, unknown or
 * malformed flags) returns empty and goes through picocli, which owns every message.
 * {@code FastPathTest} proves both paths set the same options.
 */
final class FastPath {
    /** Words a filter can begin with; anything else first (a subcommand name) goes to picocli. */
    private static final Set<String> FILTER_STARTS = Set.of("state", "exclude", "excl", "(", "!", "not",
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

    /** {@code who PORT} with any of who's boolean flags ({@code --json}, {@code -H}, {@code --debug} ...); nothing else. */
    static Optional<WhoCommand> parseWho(Environment environment, String... args) {
        WhoCommand c = new WhoCommand(environment);
        Map<String, Target> flags = options(c, false);
        for (String a : Arrays.asList(args).subList(1, args.length)) {
            Target flag = flags.get(a);
            if (flag != null) {
                flag.set(null);
            } else if (a.startsWith("-") || c.port != null) {
                return Optional.empty();
            } else {
                c.port = a;
            }
        }
        return c.port == null ? Optional.empty() : Optional.of(c);
    }

    /** The listing command with these arguments applied, if all of them are flags, {@code --source VALUE} or filter words. */
    static Optional<ListCommand> parse(Environment environment, String... args) {
        ListCommand c = new ListCommand(environment);
        Map<String, Target> options = options(c, true);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                Target option = options.get(a);
                if (option == null || option.takesValue() && (++i >= args.length || !option.accepts(args[i]))) {
                    return Optional.empty();
                }
                option.set(option.takesValue() ? args[i] : null);
            } else if (a.length() > 1 && a.charAt(0) == '-') {
                for (int j = 1; j < a.length(); j++) {
                    Target flag = options.get("-" + a.charAt(j));
                    if (flag == null || flag.takesValue()) {
                        return Optional.empty();
                    }
                    flag.set(null);
                }
            } else if (!c.filterWords.isEmpty() || FILTER_STARTS.contains(a)) {
                c.filterWords.add(a); // ss's filter: every word that is not a flag
            } else {
                return Optional.empty(); // a subcommand, or a filter picocli will report on
            }
        }
        return Optional.of(c);
    }

    /** An option field of a command or of one of its mixins. */
    private record Target(Object holder, Field field) {
        boolean takesValue() {
            return field.getType() != boolean.class;
        }

        /** An enum value as picocli's help lists it, in lower case (anything else goes to picocli). */
        boolean accepts(String value) {
            return Arrays.stream(field.getType().getEnumConstants()).anyMatch(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT).equals(value));
        }

        void set(String value) {
            try {
                if (takesValue()) {
                    for (Object e : field.getType().getEnumConstants()) {
                        if (((Enum<?>) e).name().toLowerCase(Locale.ROOT).equals(value)) {
                            field.set(holder, e);
                        }
                    }
                } else {
                    field.setBoolean(holder, true);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Every boolean {@code @Option} (and enum-valued one, {@code withValues}) of the command and its mixins, by each of its names. */
    private static Map<String, Target> options(Object command, boolean withValues) {
        Map<String, Target> found = new HashMap<>();
        collect(command, withValues, found);
        return found;
    }

    private static void collect(Object holder, boolean withValues, Map<String, Target> found) {
        for (Field f : holder.getClass().getDeclaredFields()) {
            Option option = f.getAnnotation(Option.class);
            if (option != null && (f.getType() == boolean.class || withValues && f.getType().isEnum())) {
                for (String name : option.names()) {
                    found.put(name, new Target(holder, f));
                }
            } else if (f.isAnnotationPresent(Mixin.class)) {
                try {
                    collect(f.get(holder), withValues, found);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
