package dev.portscope.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Paths of the fixtures captured on a real machine (see src/test/resources/fixtures/README.md). */
public final class Fixtures {
    private Fixtures() {
    }

    /** A fixture file or directory, by its path below {@code fixtures/}. */
    public static Path path(String name) {
        try {
            return Path.of(Objects.requireNonNull(Fixtures.class.getResource("/fixtures/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String read(String name) throws IOException {
        return Files.readString(path(name));
    }
}
