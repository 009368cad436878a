package dev.portscope.cli;

import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-parsed listing flags mean exactly what picocli makes of them. */
class FastPathTest {
    private final Environment environment = Environment.of(Fixtures.path("mix"), Fixtures.path("etc-services"));

    private static String options(ListCommand c) {
        return List.of(c.select.tcp, c.select.udp, c.raw, c.select.listening, c.select.all, c.names.numeric, c.select.ipv4, c.select.ipv6, c.wide, c.output.json, c.source.debug,
                        c.extended, c.timers, c.memory, c.info, c.processes, c.names.numericHosts, c.names.numericPorts, c.output.jsonl,
                        c.output.csv, c.output.noHeader, c.filterWords, c.netns.named, c.netns.all, c.cgroup, c.counters, c.select.boundInactive)
                + " " + c.source.source + " " + c.query();
    }

    private String viaPicocli(String... args) {
        ListCommand c = new ListCommand(environment);
        new CommandLine(c).setPosixClusteredShortOptionsAllowed(true).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return options(c);
    }

    @Test
    void everyFlagMeansWhatPicocliSays() {
        List<String[]> cases = List.of(new String[] {}, new String[] {"-tuan"}, new String[] {"-t", "-l", "-n"},
                new String[] {"-u6W"}, new String[] {"-4", "--json"}, new String[] {"--tcp", "--udp", "--listening", "--numeric"},
                new String[] {"--all", "--ipv4", "--ipv6", "--wide", "--debug"}, new String[] {"-ta", "--source", "procfs"},
                new String[] {"--source", "netlink", "-l"}, new String[] {"--source", "auto"},
                new String[] {"-tanoemi"}, new String[] {"-wan"}, new String[] {"-tap", "--numeric-hosts"}, new String[] {"--numeric-ports"}, new String[] {"--raw", "-t"}, new String[] {"--extended", "--timers", "--memory", "--info"},
                new String[] {"-tanH", "--jsonl"}, new String[] {"--csv", "--no-header"},
                new String[] {"-tan", "state", "established", "( dport = :ssh or sport = :ssh )"},
                new String[] {"-t", "dport", "=", ":80", "-n"}, new String[] {"src", "127.0.0.1", "-l"},
                new String[] {"-N", "web", "-tln", "-N", "db"}, new String[] {"--net", "web", "--cgroup"}, new String[] {"--all-netns", "-tanB"},
                new String[] {"-s", "--counters"});
        for (String[] args : cases) {
            Optional<ListCommand> fast = FastPath.parse(environment, args);
            assertTrue(fast.isPresent(), String.join(" ", args));
            assertEquals(viaPicocli(args), options(fast.get()), String.join(" ", args));
        }
    }

    @Test
    void anythingElseGoesToPicocli() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"-V"}, new String[] {"port", "80"},
                new String[] {"-tq"}, new String[] {"--source"}, new String[] {"--source", "NETLINK"}, new String[] {"--proc-root", "/x"},
                new String[] {"-"}, new String[] {"extra"})) {
            assertTrue(FastPath.parse(environment, args).isEmpty(), String.join(" ", args));
        }
    }

    @Test
    void whoWithAPortAndPlainFlagsMeansWhatPicocliSays() {
        for (String[] args : List.of(new String[] {"who", "8080"}, new String[] {"who", ":443", "--json"},
                new String[] {"who", "--debug", "5353/udp"}, new String[] {"who", "-H", "22", "--csv"}, new String[] {"who", "--jsonl", "22"})) {
            WhoCommand fast = FastPath.parseWho(environment, args).orElseThrow();
            WhoCommand slow = new WhoCommand(environment);
            new CommandLine(slow).parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
            assertEquals(describe(slow), describe(fast));
        }
        for (String[] args : List.of(new String[] {"who"}, new String[] {"who", "--help"}, new String[] {"who", "80", "81"},
                new String[] {"who", "80", "--columns", "pid"},
                new String[] {"who", "80", "--source", "procfs"}, new String[] {"who", "-5"})) {
            assertTrue(FastPath.parseWho(environment, args).isEmpty(), String.join(" ", args));
        }
    }

    @Test
    void portWithAPortAndPlainFlagsMeansWhatPicocliSays() {
        for (String[] args : List.of(new String[] {"port", "80"}, new String[] {"port", "5353/udp", "--json"},
                new String[] {"port", "-p", "https"}, new String[] {"port", "8000-8100", "--csv", "-H"}, new String[] {"port", "22", "--debug", "--jsonl"})) {
            PortCommand fast = FastPath.parsePort(environment, args).orElseThrow();
            PortCommand slow = new PortCommand(environment);
            new CommandLine(slow).parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
            assertEquals(describe(slow), describe(fast), String.join(" ", args));
        }
        for (String[] args : List.of(new String[] {"port"}, new String[] {"port", "--search", "sql"}, new String[] {"port", "80", "81"},
                new String[] {"port", "80", "--columns", "port"}, new String[] {"port", "--help"})) {
            assertTrue(FastPath.parsePort(environment, args).isEmpty(), String.join(" ", args));
        }
    }

    @Test
    void pairsAndTopWithPlainFlagsMeanWhatPicocliSays() {
        for (String[] args : List.of(new String[] {"pairs"}, new String[] {"pairs", "-tpn"}, new String[] {"pairs", "-u", "--json", "-H"},
                new String[] {"pairs", "--processes", "--csv", "--debug"}, new String[] {"pairs", "-p", "dport", "=", ":5432"})) {
            PairsCommand fast = FastPath.parsePairs(environment, args).orElseThrow();
            PairsCommand slow = new PairsCommand(environment);
            new CommandLine(slow).setPosixClusteredShortOptionsAllowed(true).parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
            assertEquals(List.of(slow.select.tcp, slow.select.udp, slow.names.numeric, slow.processes, slow.output.json, slow.output.csv,
                    slow.output.noHeader, slow.source.debug, slow.filterWords), List.of(fast.select.tcp, fast.select.udp, fast.names.numeric,
                    fast.processes, fast.output.json, fast.output.csv, fast.output.noHeader, fast.source.debug, fast.filterWords), String.join(" ", args));
        }
        for (String[] args : List.of(new String[] {"top"}, new String[] {"top", "-ta", "--json"}, new String[] {"top", "-u6", "--csv", "-H"},
                new String[] {"top", "--source", "procfs", "-l"}, new String[] {"top", "-t", "state", "established", "dport", "=", ":443"}, new String[] {"top", "-pnw"})) {
            TopCommand fast = FastPath.parseTop(environment, args).orElseThrow();
            TopCommand slow = new TopCommand(environment);
            new CommandLine(slow).setPosixClusteredShortOptionsAllowed(true).setCaseInsensitiveEnumValuesAllowed(true)
                    .parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
            assertEquals(List.of(slow.select.tcp, slow.select.udp, slow.select.listening, slow.select.all, slow.select.ipv4, slow.select.ipv6,
                    slow.output.json, slow.output.csv, slow.output.noHeader, slow.source.source, String.valueOf(slow.by), slow.limit, slow.filterWords, slow.processes, slow.raw, slow.names.numeric),
                    List.of(fast.select.tcp, fast.select.udp, fast.select.listening, fast.select.all, fast.select.ipv4, fast.select.ipv6,
                            fast.output.json, fast.output.csv, fast.output.noHeader, fast.source.source, String.valueOf(fast.by), fast.limit, fast.filterWords, fast.processes, fast.raw, fast.names.numeric),
                    String.join(" ", args));
        }
        for (String[] args : List.of(new String[] {"top", "--by", "state"}, new String[] {"top", "--limit", "3"}, new String[] {"top", "-x"},
                new String[] {"pairs", "--columns", "proto"}, new String[] {"pairs", "extra"}, new String[] {"top", "--help"})) {
            Optional<?> fast = args[0].equals("top") ? FastPath.parseTop(environment, args) : FastPath.parsePairs(environment, args);
            assertTrue(fast.isEmpty(), String.join(" ", args));
        }
    }

    @Test
    void versionNeedsNoPicocliAndSaysWhatPicocliSays() {
        java.io.StringWriter fast = new java.io.StringWriter();
        assertEquals(Optional.of(0), FastPath.run(environment, new java.io.PrintWriter(fast, true), new java.io.PrintWriter(java.io.Writer.nullWriter()), "--version"));
        java.io.StringWriter slow = new java.io.StringWriter();
        CommandLine cli = Main.commandLine(environment, false);
        cli.setOut(new java.io.PrintWriter(slow, true));
        assertEquals(0, cli.execute("--version"));
        assertEquals(slow.toString(), fast.toString());
    }

    private static String describe(PortCommand c) {
        OutputOptions o = c.output;
        return c.port + " p=" + c.processes + " json=" + o.json + " jsonl=" + o.jsonl + " csv=" + o.csv + " noHeader=" + o.noHeader
                + " debug=" + c.source.debug;
    }

    private static String describe(WhoCommand c) {
        OutputOptions o = c.output;
        return c.ports + " json=" + o.json + " jsonl=" + o.jsonl + " csv=" + o.csv + " noHeader=" + o.noHeader + " debug=" + c.source.debug;
    }
}
