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

    /**
     * A fixture file or directory, by its path below {@code fixtures/}. Other modules see the
     * fixtures inside core's test jar, which is no directory, so the build names the source
     * directory in the system property {@code portscope.fixtures}.
     */
    public static Path path(String name) {
        String dir = System.getProperty("portscope.fixtures");
        if (dir != null) {
            return Path.of(dir, name);
        }
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
