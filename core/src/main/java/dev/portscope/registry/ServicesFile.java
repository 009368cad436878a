package dev.portscope.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the {@code services(5)} format of {@code /etc/services}:
 * {@code name port/protocol [aliases...] [# comment]}. A trailing comment becomes the description.
 */
public final class ServicesFile {
    private ServicesFile() {
    }

    /** The whitespace-separated words of a line (no regex: a listing's start-up reads this file). */
    static String[] words(String line) {
        List<String> words = new ArrayList<>(4);
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(line.substring(start, i));
            }
        }
        return words.toArray(String[]::new);
    }

    /** The entries of a services file; lines that are not entries are skipped. */
    public static List<ServiceEntry> parse(List<String> lines, ServiceEntry.Origin origin) {
        List<ServiceEntry> entries = new ArrayList<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String body = hash >= 0 ? line.substring(0, hash) : line;
            String comment = hash >= 0 ? line.substring(hash + 1).strip() : "";
            String[] fields = words(body);
            if (fields.length < 2) {
                continue;
            }
            int slash = fields[1].indexOf('/');
            if (slash <= 0) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(fields[1].substring(0, slash));
            } catch (NumberFormatException e) {
                continue;
            }
            if (port < 0 || port > 65535) {
                continue;
            }
            String protocol = fields[1].substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
            List<String> aliases = Arrays.asList(fields).subList(2, fields.length);
            entries.add(new ServiceEntry(port, protocol, fields[0], aliases, comment, origin));
        }
        return entries;
    }
}
