package dev.portscope.cli.render;

/**
 * Text that others choose (process names and command lines, user and unit names, host names from
 * DNS, the arguments of a bad command line), shown with every character that could drive a
 * terminal or reorder a line made visible, as {@code ps} and {@code ls -b} do: C0 controls but tab,
 * DEL and C1 as a backslash, x and two hex digits ({@code ESC} is {@code \x1b}), the Unicode line and
 * paragraph separators and the bidirectional controls as a backslash, u and four hex digits. The
 * same on a terminal and in a pipe; JSON escapes the same set.
 */
public final class Visible {
    private Visible() {
    }

    /** Whether {@code c} must not reach a terminal as it is. */
    public static boolean unsafe(char c) {
        if (c < 0x20) {
            return c != '\t';
        }
        if (c < 0x7f) {
            return false;
        }
        return c <= 0x9f // DEL and C1
                || c == 0x061c || c == 0x200e || c == 0x200f // Arabic letter mark, LRM, RLM
                || c >= 0x2028 && c <= 0x202e // line and paragraph separators, LRE RLE PDF LRO RLO
                || c >= 0x2066 && c <= 0x2069; // LRI RLI FSI PDI
    }

    /** {@code text} with its unsafe characters escaped; the same string when there are none. */
    public static String of(String text) {
        int first = 0;
        while (first < text.length() && !unsafe(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                out.append(c);
            } else if (c <= 0xff) {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }
}
