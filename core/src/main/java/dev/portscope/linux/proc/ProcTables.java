package dev.portscope.linux.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reading a /proc table whole. */
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
}
