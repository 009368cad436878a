package dev.portscope;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layers of core, read from its sources: which package refers to which (imports and qualified
 * names alike), that no two packages depend on each other through any path, that only the native
 * package touches java.lang.foreign, and that the module exports the API packages and nothing else.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java"); // surefire runs in the module's directory
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.portscope((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
    static final Set<String> API = Set.of("dev.portscope", "dev.portscope.filter", "dev.portscope.lookup", "dev.portscope.model",
            "dev.portscope.registry", "dev.portscope.source");

    /** Package to the other packages its sources refer to. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : javaFiles()) {
            String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
            Set<String> uses = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
            Matcher m = REFERENCE.matcher(withoutComments(Files.readString(file)));
            while (m.find()) {
                String used = "dev.portscope" + m.group(1);
                if (!used.equals(pkg)) {
                    uses.add(used);
                }
            }
        }
        return graph;
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("module-info.java")).sorted().toList();
        }
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        assertTrue(graph.size() >= 9, graph.keySet().toString());
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            for (String next : graph.get(start)) {
                if (reaches(graph, next, start, new TreeSet<>())) {
                    cycles.add(start + " -> " + next + " -> ... -> " + start);
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles; the graph is " + graph);
    }

    @Test
    void theApiDependsOnNoInternalPackageButThroughTheFacade() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        for (String api : API) {
            if (api.equals("dev.portscope")) {
                continue; // the facade assembles the internals; nothing imports it back
            }
            Set<String> internal = graph.get(api).stream().filter(p -> !API.contains(p)).collect(Collectors.toSet());
            assertEquals(Set.of(), internal, api + " refers to internal packages");
        }
        graph.forEach((pkg, uses) -> assertTrue(!uses.contains("dev.portscope"), pkg + " refers to the facade"));
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        return graph.getOrDefault(from, Set.of()).stream().anyMatch(n -> reaches(graph, n, to, seen));
    }

    @Test
    void onlyTheNativePackageUsesJavaLangForeign() throws IOException {
        Set<String> users = new TreeSet<>();
        for (Path file : javaFiles()) {
            if (withoutComments(Files.readString(file)).contains("java.lang.foreign")) {
                users.add(SOURCES.relativize(file.getParent()).toString().replace('/', '.'));
            }
        }
        assertEquals(Set.of("dev.portscope.linux.ffm"), users);
    }

    @Test
    void theModuleExportsTheApiAndNothingElse() throws IOException {
        ModuleDescriptor module = ModuleDescriptor.read(Files.newInputStream(Path.of("target/classes/module-info.class")));
        assertEquals("dev.portscope.core", module.name());
        assertEquals(API, module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(module.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
        assertEquals(Set.of("java.base"), module.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()),
                "core has no dependencies");
    }
}
