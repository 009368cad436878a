package dev.portscope.linux.proc;

import dev.portscope.model.CounterGroup;
import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetCountersTest {
    private final ProcRoot fixture = ProcRoot.at(Fixtures.path("counters"));

    private static CounterGroup group(List<CounterGroup> groups, String file, String name) {
        return groups.stream().filter(g -> g.file().equals(file) && g.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(file + " " + name));
    }

    @Test
    void everyValueOfEveryFileIsReadUnderItsName() throws IOException {
        List<CounterGroup> groups = NetCounters.read(fixture);
        // snmp and netstat: each header line names the values of the line after it
        for (String file : List.of("snmp", "netstat")) {
            List<String> lines = Files.readAllLines(fixture.netCounters(file));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                String[] names = lines.get(i).split("\\s+");
                String[] values = lines.get(i + 1).split("\\s+");
                Map<String, Long> counters = group(groups, file, names[0].replace(":", "")).counters();
                assertEquals(names.length - 1, counters.size(), file + " " + names[0]);
                for (int k = 1; k < names.length; k++) {
                    assertEquals(Long.parseLong(values[k]), counters.get(names[k]), file + " " + names[0] + names[k]);
                }
            }
        }
        long snmp6Lines = Files.readAllLines(fixture.netCounters("snmp6")).stream().filter(l -> !l.isBlank()).count();
        assertEquals(snmp6Lines, groups.stream().filter(g -> g.file().equals("snmp6")).mapToLong(g -> g.counters().size()).sum());
        assertTrue(group(groups, "snmp6", "Ip6").counters().containsKey("InReceives"));
        assertTrue(group(groups, "snmp6", "UdpLite6").counters().containsKey("InDatagrams"));
        assertEquals(Map.of("inuse", 1L, "orphan", 0L, "tw", 8L, "alloc", 1L, "mem", 409L), group(groups, "sockstat", "TCP").counters());
        assertEquals(Map.of("used", 8L), group(groups, "sockstat", "sockets").counters());
        assertEquals(Map.of("inuse", 0L, "memory", 0L), group(groups, "sockstat6", "FRAG6").counters());
    }

    @Test
    void missingFilesAreEmptyNotErrors() {
        assertEquals(List.of(), NetCounters.read(ProcRoot.at(Path.of("/nonexistent"))));
    }

    @Test
    void negativeAndHugeValuesSurvive() {
        List<CounterGroup> g = NetCounters.parseHeaderValues("snmp", List.of("Tcp: MaxConn InSegs", "Tcp: -1 18446744073709551615"));
        assertEquals(-1L, g.getFirst().counters().get("MaxConn"));
        assertEquals(-1L, g.getFirst().counters().get("InSegs")); // 2^64-1 as an unsigned long
    }
}
