package dev.portscope;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one note for namespaces not read: one per reason, however many namespaces it kept out. */
class NamespacedReadTest {
    @Test
    void oneNamespaceIsNamedAndManyAreCountedWithTheFirstFive() {
        assertEquals("network namespace blue not read: entering needs root", NamespacedRead.unreadNote("entering needs root", List.of("blue")));
        List<String> many = IntStream.rangeClosed(1, 7).mapToObj(i -> "ns" + i).toList();
        assertEquals("7 network namespaces not read: entering needs root (ns1, ns2, ns3, ns4, ns5 and 2 more)",
                NamespacedRead.unreadNote("entering needs root", many));
    }
}
