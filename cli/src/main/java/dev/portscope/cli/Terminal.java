package dev.portscope.cli;

import dev.portscope.cli.render.Style;
import dev.portscope.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What standard output is: a terminal's width and whether colours may be used there, or nothing
 * (a pipe or a file: netstat's fixed widths, no colours, whatever the environment says).
 */
record Terminal(OptionalInt columns, Style style) {
    static final Terminal NONE = new Terminal(OptionalInt.empty(), Style.PLAIN);

    /**
     * Looks at file descriptor 1. COLUMNS, when set to a number, wins over the terminal's own width
     * (as for ls); colours unless NO_COLOR is set to anything non-empty (no-color.org) or TERM is dumb.
     */
    static Terminal ofStandardOutput(Map<String, String> environment) {
        if (!isTerminal(Path.of("/proc/self/fd/1"))) {
            return NONE; // decided without a native call: piped runs never pay for the ioctl handle
        }
        OptionalInt columns = number(environment.get("COLUMNS"));
        if (columns.isEmpty()) {
            columns = Platform.terminalColumns(1);
        }
        String noColor = environment.getOrDefault("NO_COLOR", "");
        boolean colours = noColor.isEmpty() && !"dumb".equals(environment.get("TERM"));
        return new Terminal(columns, colours ? Style.ANSI : Style.PLAIN);
    }

    /** Whether the link names a terminal device: a pseudo-terminal, a virtual console or a serial line. */
    static boolean isTerminal(Path fdLink) {
        try {
            String target = Files.readSymbolicLink(fdLink).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static OptionalInt number(String text) {
        if (text == null || text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        int n = Integer.parseInt(text);
        return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
    }
}
