package dev.portscope.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The man page and the shell completions, written from the views' own picocli declarations (so
 * they cannot drift from {@code --help}): {@code java -cp portscope.jar dev.portscope.cli.Docs man|bash|zsh|fish}.
 * The packaging script runs it; the page's date is SOURCE_DATE_EPOCH's, for reproducible packages.
 */
public final class Docs {
    /** Words completed where a view takes them (keys, sources, tables, families). */
    static final Map<String, List<String>> VALUES = Map.of(
            "--by", dev.portscope.lookup.CountKey.labels(),
            "--source", java.util.Arrays.stream(dev.portscope.Portscope.Source.values())
                    .map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList(),
            "-A", FamilyOptions.QUERIES,
            "-f", FamilyOptions.FAMILIES);
    static final List<String> FILTER_WORDS = List.of("state", "exclude", "sport", "dport", "src", "dst", "pid", "user", "comm", "class",
            "dir", "netns", "container", "cgroup", "and", "or", "not", "established", "listening", "all", "connected");

    private Docs() {
    }

    /** --by's keys, for picocli's completion. */
    static final class ByKeys extends java.util.ArrayList<String> {
        ByKeys() {
            super(VALUES.get("--by"));
        }
    }

    /** The listing's column names (and "help"), for picocli's completion of --columns and --sort. */
    static final class ColumnNames extends java.util.ArrayList<String> {
        ColumnNames() {
            super(dev.portscope.cli.render.SocketColumns.of(java.util.Optional.empty(), java.util.Optional.empty(),
                    java.util.Optional.empty(), true).names());
            add("help");
        }
    }

    /** The words a filter starts with, for picocli's completion of FILTER. */
    static final class FilterWords extends java.util.ArrayList<String> {
        FilterWords() {
            super(FILTER_WORDS);
        }
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        CommandLine cli = Main.commandLine(Environment.live(), false);
        switch (args.length == 1 ? args[0] : "") {
            case "man" -> man(out, cli);
            case "bash" -> out.print(AutoComplete.bash("portscope", cli));
            case "zsh" -> out.print("#compdef portscope\n# zsh runs portscope's bash completion through bashcompinit\n"
                    + "autoload -U +X bashcompinit && bashcompinit\n" + AutoComplete.bash("portscope", cli));
            case "fish" -> fish(out, cli);
            default -> {
                System.err.println("usage: Docs man|bash|zsh|fish");
                System.exit(2);
            }
        }
        out.flush();
    }

    private static String date() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        Instant when = epoch == null ? Instant.now() : Instant.ofEpochSecond(Long.parseLong(epoch.strip()));
        return when.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** troff: backslashes doubled, a leading dot or quote escaped, dashes as \- (so they copy as ASCII). */
    static String roff(String text) {
        String t = text.replace("\\", "\\\\").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }

    static void man(PrintWriter out, CommandLine cli) {
        CommandSpec main = cli.getCommandSpec();
        out.println(".TH PORTSCOPE 1 \"" + date() + "\" \"" + Version.text() + "\" \"User Commands\"");
        out.println(".SH NAME");
        out.println("portscope \\- a fast, modern netstat for Linux: sockets, their processes, containers and traffic");
        out.println(".SH SYNOPSIS");
        out.println(".B portscope\n[\\fIOPTIONS\\fR] [\\fIFILTER\\fR...]");
        for (String name : cli.getSubcommands().keySet()) {
            if (!name.equals("help")) {
                out.println(".br\n.B portscope " + name + "\n[\\fIOPTIONS\\fR] ...");
            }
        }
        out.println(".SH DESCRIPTION");
        for (String line : main.usageMessage().description()) {
            out.println(roff(line));
            out.println(".PP");
        }
        out.println(".SH OPTIONS");
        options(out, main);
        for (PositionalParamSpec p : main.positionalParameters()) {
            out.println(".SH " + roff(p.paramLabel()));
            for (String line : p.description()) {
                out.println(roff(line));
                out.println(".PP");
            }
        }
        cli.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            out.println(".SH \"portscope " + name + "\"");
            for (String line : sub.getCommandSpec().usageMessage().description()) {
                out.println(roff(line));
                out.println(".PP");
            }
            for (PositionalParamSpec p : sub.getCommandSpec().positionalParameters()) {
                out.println(".TP\n\\fI" + roff(p.paramLabel()) + "\\fR");
                out.println(roff(String.join(" ", p.description())));
            }
            options(out, sub.getCommandSpec());
            sub.getSubcommands().forEach((inner, c) -> {
                out.println(".TP\n\\fBportscope " + name + " " + inner + "\\fR");
                out.println(roff(String.join(" ", c.getCommandSpec().usageMessage().description())));
            });
        });
        out.println(".SH JSON");
        out.println(roff("--json prints one array of objects, --jsonl one object per line; the fields are README.md's \"JSON output\": "
                + "protocol, family, state, local {address, port}, remote, recvQ, sendQ, uid, inode, cookie, v6only, timer, memory, tcpInfo, "
                + "congestion, direction, serviceEnd, clientEphemeral, service {port, name, description}, owners [{pid, fd, command, user, "
                + "uid, commandLine, started, unit, cgroup}], netns {inode, name}, cgroup, container {kind, name, pod}; UNIX sockets: type, "
                + "path, abstract, peerInode, peerPath, uid, pending, peerOwners; packet sockets: ethertype, ethertypeName, allProtocols, "
                + "interface, interfaceIndex, promiscuous; netlink sockets: netlinkProtocol, netlinkProtocolName, portId, groups, peer. "
                + "Numbers are numbers; a field that cannot be known is null. --csv columns are these fields' paths (--columns help)."));
        out.println(".SH EXIT STATUS");
        out.println(".TP\n0\nSuccess (who: something uses the port).\n.TP\n1\nA failure at run time (who: nothing uses the port).");
        out.println(".TP\n2\nBad usage or bad input: an unknown option, a bad filter, port or snapshot.");
        out.println(".SH ENVIRONMENT");
        out.println(".TP\nNO_COLOR\nNo colours.\n.TP\nCOLUMNS\nThe table's width on a terminal.");
        out.println(".SH FILES");
        out.println(".TP\n/etc/services, ~/.config/portscope/services\nPort names, as netstat's.");
        out.println(".SH SEE ALSO");
        out.println("ss(8), netstat(8), lsof(8), ip\\-netns(8)");
    }

    private static void options(PrintWriter out, CommandSpec spec) {
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            String names = String.join(", ", java.util.Arrays.stream(o.names()).map(n -> "\\fB" + roff(n) + "\\fR").toList());
            String label = o.typeInfo().isBoolean() ? "" : " \\fI" + roff(o.paramLabel()) + "\\fR";
            out.println(".TP\n" + names + label);
            out.println(roff(String.join(" ", o.description())));
        }
    }

    static void fish(PrintWriter out, CommandLine cli) {
        List<String> views = cli.getSubcommands().keySet().stream().toList();
        out.println("# fish completion for portscope, written by portscope's Docs from its own options");
        out.println("complete -c portscope -f");
        out.println("complete -c portscope -n __fish_use_subcommand -a '" + String.join(" ", views) + "'");
        out.println("complete -c portscope -a '" + String.join(" ", FILTER_WORDS) + "'");
        fishOptions(out, cli.getCommandSpec(), "__fish_use_subcommand");
        cli.getSubcommands().forEach((name, sub) -> fishOptions(out, sub.getCommandSpec(), "__fish_seen_subcommand_from " + name));
    }

    private static void fishOptions(PrintWriter out, CommandSpec spec, String condition) {
        for (OptionSpec o : spec.options()) {
            StringBuilder line = new StringBuilder("complete -c portscope -n '" + condition + "'");
            for (String n : o.names()) {
                line.append(n.startsWith("--") ? " -l " + n.substring(2) : n.length() == 2 ? " -s " + n.substring(1) : " -o " + n.substring(1));
            }
            if (!o.typeInfo().isBoolean()) {
                line.append(" -r");
                java.util.Arrays.stream(o.names()).map(VALUES::get).filter(java.util.Objects::nonNull).findFirst()
                        .ifPresent(v -> line.append(" -a '").append(String.join(" ", v)).append("'"));
            }
            String description = String.join(" ", o.description());
            int stop = description.indexOf(". ");
            line.append(" -d '").append((stop > 0 ? description.substring(0, stop) : description).replace("'", "\\'")).append("'");
            out.println(line);
        }
    }
}
