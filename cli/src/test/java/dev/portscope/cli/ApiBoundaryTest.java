package dev.portscope.cli;

import dev.portscope.Portscope;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI (and the exporter it serves with) asks core only through the packages core's module exports: no reaching into its internals. */
class ApiBoundaryTest {
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.portscope((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    private static Set<String> coreExports() throws IOException, URISyntaxException {
        Path core = Path.of(Portscope.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor module;
        if (Files.isDirectory(core)) {
            try (InputStream in = Files.newInputStream(core.resolve("module-info.class"))) {
                module = ModuleDescriptor.read(in);
            }
        } else {
            try (JarFile jar = new JarFile(core.toFile()); InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
                module = ModuleDescriptor.read(in);
            }
        }
        return module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    @Test
    void theCliUsesOnlyWhatCoreExports() throws IOException, URISyntaxException {
        Set<String> exported = coreExports();
        assertTrue(exported.contains("dev.portscope"), exported.toString());
        Map<String, Set<String>> internal = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String pkg = "dev.portscope" + m.group(1);
                    // the exporter module is the CLI's too: serve is its one view, and asks core only through its exports
                    if (!pkg.startsWith("dev.portscope.cli") && !pkg.equals("dev.portscope.serve") && !exported.contains(pkg)) {
                        internal.computeIfAbsent(file.getFileName().toString(), f -> new TreeSet<>()).add(pkg);
                    }
                }
            }
        }
        assertEquals(Map.of(), internal);
    }
}
