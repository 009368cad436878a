package dev.portscope.linux.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reading a /proc table of one socket a line (unix, packet, netlink) whole. */
final class ProcTables {
    private ProcTables() {
    }

    /** The table's lines; empty when the file is not there (a kernel without the family, a snapshot without it). */
    static Optional<List<String>> lines(Path table) {
        try {
            return Optional.of(Files.readAllLines(table, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line but the header (it starts with {@code header}), each by {@code line}; a line it cannot read is counted. */
    static <T> ParsedTable<T> parse(List<String> lines, String header, Function<String, Optional<T>> line) {
        List<T> sockets = new ArrayList<>(lines.size());
        int malformed = 0;
        for (String text : lines) {
            if (text.startsWith(header)) {
                continue;
            }
            Optional<T> s = line.apply(text);
            if (s.isPresent()) {
                sockets.add(s.get());
            } else if (!text.isBlank()) {
                malformed++;
            }
        }
        return new ParsedTable<>(sockets, malformed);
    }
}
