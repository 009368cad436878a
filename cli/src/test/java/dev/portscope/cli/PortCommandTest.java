package dev.portscope.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortCommandTest {

    private static List<String> lines(Cli run) {
        assertEquals(0, run.code(), run.err());
        return run.out().lines().map(l -> l.replaceAll("\\s+", " ")).toList();
    }

    @Test
    void port80IsHttpOnTcpAndUdpAndASystemPort() {
        List<String> out = lines(Cli.fixture("port", "80"));
        assertTrue(out.stream().anyMatch(l -> l.startsWith("80/tcp http World Wide Web HTTP")), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.startsWith("80/udp http World Wide Web HTTP")), out.toString());
        assertTrue(out.contains("class: System (0-1023, RFC 6335)"), out.toString());
        assertTrue(out.contains("ephemeral: no (this host hands out 32768-60999 as client ports)"), out.toString());
    }

    @Test
    void port49152IsDynamicAndUnregistered() {
        List<String> out = lines(Cli.fixture("port", "49152"));
        assertTrue(out.contains("49152 not in the IANA registry or /etc/services"), out.toString());
        assertTrue(out.contains("class: Dynamic/Private (49152-65535, RFC 6335)"), out.toString());
        assertTrue(out.contains("ephemeral: yes (this host hands out 32768-60999 as client ports)"), out.toString());
        assertEquals("in use: nothing on this host now", out.getLast());
    }

    @Test
    void whatUsesAPortNowComesFromTheSameSource() {
        List<String> out = lines(Cli.fixture("port", "46211"));
        assertTrue(out.contains("in use: LISTEN tcp 127.0.0.1:46211"), out.toString());
    }

    @Test
    void aRangeListsItsRegisteredPortsAndWhatUsesThem() {
        List<String> out = lines(Cli.fixture("port", "20-23/tcp"));
        assertEquals("20-23/tcp 4 registered, class System (RFC 6335), ephemeral here: no", out.getFirst());
        assertTrue(out.contains("22/tcp ssh The Secure Shell (SSH) Protocol"), out.toString());
        assertTrue(out.stream().noneMatch(l -> l.contains("/udp")), out.toString());
        List<String> busy = lines(Cli.fixture("port", "46000-46999"));
        assertTrue(busy.stream().anyMatch(l -> l.endsWith("LISTEN tcp 127.0.0.1:46211")), busy.toString());
    }

    @Test
    void badRangesAreUsageErrors() {
        for (String bad : List.of("8100-8000", "8000-70000", "8000-", "8000-8100/xyz")) {
            Cli run = Cli.fixture("port", bad);
            assertEquals(2, run.code(), bad + ": " + run.err());
            assertEquals("", run.out(), bad);
            assertEquals(1, run.err().lines().count(), run.err());
        }
    }

    @Test
    void searchFindsNamesAndDescriptions() {
        List<String> out = lines(Cli.fixture("port", "--search", "SECURE SHELL"));
        assertTrue(out.stream().anyMatch(l -> l.startsWith("22/tcp ssh The Secure Shell (SSH) Protocol")), out.toString());
        Cli none = Cli.fixture("port", "--search", "no-such-service-anywhere");
        assertEquals(1, none.code());
        assertEquals("portscope: no registered port matches 'no-such-service-anywhere'\n", none.err());
        assertEquals(2, Cli.fixture("port", "22", "--search", "ssh").code());
        assertEquals(2, Cli.fixture("port").code());
    }

    @Test
    void port5353UdpIsMdnsAndOnlyUdp() {
        List<String> out = lines(Cli.fixture("port", "5353/udp"));
        assertTrue(out.getFirst().startsWith("5353/udp mdns Multicast DNS"), out.toString());
        assertTrue(out.stream().noneMatch(l -> l.startsWith("5353/tcp")), out.toString());
        assertTrue(out.contains("class: User (1024-49151, RFC 6335)"), out.toString());
    }

    @Test
    void namesAndColonFormsFindTheirPorts() {
        assertTrue(lines(Cli.fixture("port", "http")).getFirst().startsWith("80/tcp http"));
        assertTrue(lines(Cli.fixture("port", "https/tcp")).getFirst().startsWith("443/tcp https"));
        assertTrue(lines(Cli.fixture("port", ":22")).getFirst().startsWith("22/tcp ssh"));
    }

    @Test
    void json() {
        Cli run = Cli.fixture("port", "5353/udp", "--json");
        assertEquals(0, run.code());
        assertEquals("[{\"port\":5353,\"class\":\"user\",\"ephemeral\":false,\"services\":["
                + "{\"port\":5353,\"protocol\":\"udp\",\"name\":\"mdns\",\"aliases\":[],\"description\":\"Multicast DNS\",\"origin\":\"etc_services\"},"
                + "{\"port\":5353,\"protocol\":\"udp\",\"name\":\"mdns\",\"aliases\":[],\"description\":\"Multicast DNS\",\"origin\":\"iana\"}],\"inUseCount\":0,\"inUse\":[]}]\n", run.out());
    }
}
