package dev.portscope.cli;

import picocli.CommandLine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to say instead of a bare "unknown option" or "bad filter" when the words show what the
 * user meant: a netstat or ss flag portscope does not have (and what to use), the bad letter of a
 * flag cluster, a mistyped view name, a port given where a filter was expected.
 */
final class Hints {
    /** Flags of netstat and ss that portscope lacks, and where to go instead. */
    private static final Map<Character, String> ELSEWHERE = Map.of(
            'r', "netstat's routing table: use 'ip route'",
            'g', "netstat's multicast groups: use 'ip maddr'",
            'K', "ss's -K is a view here: portscope kill FILTER",
            'E', "ss's -E is a view here: portscope watch (opens, state changes and closes)");
    /** Their long names, as netstat and ss spell them. */
    private static final Map<String, Character> LONG_NAMES = Map.of("--route", 'r', "--groups", 'g', "--kill", 'K', "--events", 'E');
    private static final List<String> VIEWS = List.of("port", "who", "pairs", "top", "help");
    private static final List<String> FILTER_WORDS = List.of("state", "exclude", "sport", "dport", "src", "dst", "pid", "user",
            "comm", "class", "dir", "dev");
    private static final Pattern PORT = Pattern.compile(":?\\d{1,5}(/(tcp|udp))?");

    private Hints() {
    }

    /**
     * The line for unknown options, in one wording for short and long ones: a short one named with
     * the cluster that holds it and where to go when it is another tool's flag.
     */
    static Optional<String> unknownOption(CommandLine.UnmatchedArgumentException e, String[] args) {
        List<String> unmatched = e.getUnmatched();
        if (unmatched.isEmpty()) {
            return Optional.empty();
        }
        String see = " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')";
        String bad = unmatched.getFirst();
        Optional<String> listings = listingsOption(e.getCommandLine(), bad);
        if (listings.isPresent()) {
            return listings;
        }
        if (bad.startsWith("--") && bad.length() > 2) {
            List<String> options = unmatched.stream().filter(u -> u.startsWith("-")).map(u -> "'" + u + "'").toList();
            Optional<String> elsewhere = options.size() == 1 ? Optional.ofNullable(LONG_NAMES.get(bad)).map(ELSEWHERE::get) : Optional.empty();
            return Optional.of("unknown option" + (options.size() == 1 ? " " : "s ") + String.join(", ", options)
                    + elsewhere.map(h -> ": " + h).orElse("") + see);
        }
        if (!bad.startsWith("-") || bad.startsWith("--") || bad.length() < 2) {
            return Optional.empty();
        }
        char letter = bad.charAt(1);
        String cluster = bad;
        for (String a : args) {
            if (a.startsWith("-") && !a.startsWith("--") && a.endsWith(bad.substring(1)) && a.length() > bad.length()) {
                cluster = a;
            }
        }
        String where = "unknown option '-" + letter + "'" + (cluster.equals("-" + letter) ? "" : " in " + cluster);
        return Optional.of(where + Optional.ofNullable(ELSEWHERE.get(letter)).map(h -> ": " + h).orElse("") + see);
    }

    /**
     * An option of the listing given to a view that has no such option ({@code who -e}): said as
     * GlobalOptions says it for an option before the view's name.
     */
    private static Optional<String> listingsOption(CommandLine view, String bad) {
        CommandLine root = view.getParent();
        if (root == null || !bad.startsWith("-") || bad.length() < 2) {
            return Optional.empty();
        }
        String name = bad.startsWith("--") ? (bad.contains("=") ? bad.substring(0, bad.indexOf('=')) : bad) : bad.substring(0, 2);
        if (root.getCommandSpec().findOption(name) == null || view.getCommandSpec().findOption(name) != null) {
            return Optional.empty();
        }
        return Optional.of(doesNotApply(name, view.getCommandName()));
    }

    /** The one wording for an option a view does not have, wherever it stands ({@link GlobalOptions} too). */
    static String doesNotApply(String option, String view) {
        return option + " does not apply to 'portscope " + view + "'; see 'portscope " + view + " --help'";
    }

    /** What a listing's first filter word may have meant, when it cannot start a filter. */
    static Optional<String> notAFilter(String first, String all) {
        if (PORT.matcher(first).matches()) {
            String port = first.replaceFirst("^:", "").replaceFirst("/.*", "");
            return Optional.of("'" + all + "' is not a filter; to list a port's sockets: portscope sport = :" + port
                    + " (or dport = :" + port + "), or ask: portscope who " + first.replaceFirst("^:", ""));
        }
        int nearestFilterWord = FILTER_WORDS.stream().mapToInt(w -> distance(first, w)).min().orElseThrow();
        String nearest = VIEWS.stream().min(java.util.Comparator.comparingInt(v -> distance(first, v))).orElseThrow();
        int d = distance(first, nearest);
        if (first.length() > 2 && d > 0 && d <= 2 && d < nearestFilterWord) {
            return Optional.of("no command '" + first + "'; did you mean 'portscope " + nearest + "'? (commands: "
                    + String.join(", ", VIEWS) + ")");
        }
        return Optional.empty();
    }

    /** Edits between two short words: insertions, deletions, substitutions and swaps of neighbours (tpo, top). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
