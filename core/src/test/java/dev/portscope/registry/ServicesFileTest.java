package dev.portscope.registry;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServicesFileTest {
    @Test
    void parsesNamesPortsAliasesAndComments() {
        List<ServiceEntry> e = ServicesFile.parse(List.of(
                "# Network services, Internet style",
                "",
                "http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP",
                "domain 53/udp",
                "broken 99999/tcp",
                "noproto 7",
                "bad x/tcp"), ServiceEntry.Origin.ETC_SERVICES);
        assertEquals(2, e.size());
        assertEquals(new ServiceEntry(80, "tcp", "http", List.of("www"), "WorldWideWeb HTTP", ServiceEntry.Origin.ETC_SERVICES), e.get(0));
        assertEquals(new ServiceEntry(53, "udp", "domain", List.of(), "", ServiceEntry.Origin.ETC_SERVICES), e.get(1));
    }
}
