package dev.portscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A python script from the test resources running in a fresh namespace ({@link TestNetns}), given
 * a temporary directory (open to every user: a child may drop to nobody) where it writes
 * {@code ready} once its sockets are in place. Closing it ends the script and removes both.
 */
final class NamespaceMix implements AutoCloseable {
    final TestNetns ns;
    final Path dir;

    private NamespaceMix(TestNetns ns, Path dir) {
        this.ns = ns;
        this.dir = dir;
    }

    /** Starts the script, or skips the test where it cannot run: not root (ip netns), no /usr/bin/python3. */
    static NamespaceMix start(String prefix, String resource) throws IOException, InterruptedException {
        TestNetns.assumeUsable();
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path script = dir.resolve(Path.of(resource).getFileName().toString());
        try (var in = NamespaceMix.class.getResourceAsStream(resource)) {
            Files.copy(in, script);
        }
        NamespaceMix mix = new NamespaceMix(TestNetns.create(prefix), dir);
        mix.ns.start("/usr/bin/python3", script.toString(), dir.toString());
        for (int i = 0; i < 1000 && !Files.exists(dir.resolve("ready")); i++) {
            Thread.sleep(10);
        }
        if (!Files.exists(dir.resolve("ready"))) {
            mix.close();
            assertTrue(false, resource + " did not get ready");
        }
        return mix;
    }

    String name() {
        return ns.name();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ns.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
