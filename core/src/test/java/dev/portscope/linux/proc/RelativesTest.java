package dev.portscope.linux.proc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RelativesTest {

    /** A proc root holding only {@code [pid]/stat} files: pid 1 init, 100 a master with workers 101 and 102, 200 unrelated. */
    private static ProcRoot tree(Path dir) throws IOException {
        int[][] parentOf = {{1, 0}, {100, 1}, {101, 100}, {102, 100}, {200, 1}, {201, 200}};
        for (int[] p : parentOf) {
            Path d = Files.createDirectories(dir.resolve(Integer.toString(p[0])));
            Files.writeString(d.resolve("stat"), p[0] + " (a b) S " + p[1] + " 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 99\n");
        }
        return ProcRoot.at(dir);
    }

    private static final List<Integer> ALL = List.of(1, 100, 101, 102, 200, 201);

    @Test
    void aWorkersParentAndThatParentsChildren(@TempDir Path dir) throws IOException {
        Relatives relatives = new Relatives(tree(dir), ALL);
        assertEquals(Set.of(100), relatives.parentsOf(Set.of(101)));
        assertEquals(List.of(101, 102), relatives.childrenOf(100));
    }

    @Test
    void initsChildrenAreEveryService(@TempDir Path dir) throws IOException {
        Relatives relatives = new Relatives(tree(dir), ALL);
        assertEquals(List.of(100, 200), relatives.childrenOf(1));
        assertEquals(Set.of(1), relatives.parentsOf(Set.of(100)));
    }

    @Test
    void aVanishedProcessIsNobodysRelative(@TempDir Path dir) throws IOException {
        Relatives relatives = new Relatives(tree(dir), List.of(300, 200));
        assertEquals(List.of(), relatives.childrenOf(300));
        assertEquals(Set.of(), relatives.parentsOf(Set.of(300)));
    }
}
