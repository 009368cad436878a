package dev.portscope.registry;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The indexed table answers a port as a full parse of the shipped table does, for every port. */
class IanaTableTest {

    @Test
    void eachPortsEntriesAreTheFullParsesRowsOfThatPort() {
        IanaTable table = IanaTable.load();
        Map<Integer, List<ServiceEntry>> byPort = table.all().stream().collect(Collectors.groupingBy(ServiceEntry::port));
        assertTrue(byPort.size() > 5000, "ports in the shipped table: " + byPort.size());
        for (int port = 0; port <= 65535; port++) {
            assertEquals(byPort.getOrDefault(port, List.of()), table.entries(port), "port " + port);
        }
        assertEquals("www-http", table.entries(80).stream().filter(e -> e.protocol().equals("tcp")).findFirst().orElseThrow().name());
        assertEquals(List.of(80), table.byName("http").stream().map(ServiceEntry::port).distinct().toList().subList(0, 1));
    }

    @Test
    void aRowOutOfOrderOrWithoutAPortIsRefused() {
        assertThrows(IllegalStateException.class, () -> IanaTable.of("22\ttcp\tssh\tSSH\n21\ttcp\tftp\tFTP\n"));
        assertThrows(IllegalStateException.class, () -> IanaTable.of("x\ttcp\tssh\tSSH\n"));
        assertEquals(2, IanaTable.of("# comment\n22\ttcp,udp\tssh\tSSH\n").entries(22).size());
    }
}
