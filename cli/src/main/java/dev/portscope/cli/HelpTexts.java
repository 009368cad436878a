package dev.portscope.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every view's --help, rendered by picocli once at build time (exec-maven-plugin runs
 * {@link #main} over the compiled classes) and printed from the jar: building picocli's model
 * costs ~60 ms, more than a whole {@code -tln} (BENCHMARKS.md). Help is 80 columns wide and
 * plain on both paths, so the text is the same either way ({@code HelpTextsTest}).
 */
public final class HelpTexts {
    /** The views with a help text; "portscope" is the listing's. */
    static final List<String> VIEWS = List.of("portscope", "port", "who", "pairs", "top", "watch", "kill", "serve");

    private HelpTexts() {
    }

    /** Writes {@code dev/portscope/cli/help/VIEW.txt} under the class output directory given. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0], "dev", "portscope", "cli", "help");
        Files.createDirectories(dir);
        CommandLine cli = Main.commandLine(Environment.live(), false);
        for (String view : VIEWS) {
            Files.writeString(dir.resolve(view + ".txt"), render(cli, view));
        }
    }

    /** What picocli prints for {@code VIEW --help}. */
    static String render(CommandLine cli, String view) {
        CommandLine command = view.equals("portscope") ? cli : cli.getSubcommands().get(view);
        return command.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** The stored help of a view; empty when the classes were built without it (an IDE build). */
    static Optional<String> stored(String view) {
        try (InputStream in = HelpTexts.class.getResourceAsStream("help/" + view + ".txt")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
