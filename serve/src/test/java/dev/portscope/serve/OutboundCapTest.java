package dev.portscope.serve;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cap on remote ports: the busiest keep their series, the rest add up under "other". */
class OutboundCapTest {
    @Test
    void theBusiestPortsStayAndTheRestAreOther() {
        Map<List<String>, Long> byPort = new TreeMap<>((a, b) -> String.join(",", a).compareTo(String.join(",", b)));
        byPort.put(List.of("tcp", "443", "ESTABLISHED", ""), 50L);
        byPort.put(List.of("tcp", "80", "ESTABLISHED", ""), 5L);
        byPort.put(List.of("tcp", "80", "TIME_WAIT", ""), 20L);
        byPort.put(List.of("tcp", "5432", "ESTABLISHED", ""), 3L);
        byPort.put(List.of("tcp", "6379", "ESTABLISHED", ""), 2L);
        Map<List<String>, Long> capped = SocketMetrics.capped(byPort, 2);
        assertEquals(Map.of(List.of("tcp", "443", "ESTABLISHED", ""), 50L, List.of("tcp", "80", "ESTABLISHED", ""), 5L,
                List.of("tcp", "80", "TIME_WAIT", ""), 20L, List.of("tcp", "other", "ESTABLISHED", ""), 5L), Map.copyOf(capped));
    }
}
