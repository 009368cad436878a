package dev.portscope.registry;

import dev.portscope.model.Protocol;
import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortRegistryTest {
    private final PortRegistry registry = PortRegistry.load(Fixtures.path("etc-services"), Optional.empty());

    @Test
    void shipsTheFullIanaRegistry() {
        int iana = registry.countsByOrigin().get(ServiceEntry.Origin.IANA);
        assertTrue(iana > 12_000, "IANA entries: " + iana);
        assertEquals("mysql", registry.ianaEntry(3306, "tcp").orElseThrow().name());
        assertEquals("Multicast DNS", registry.ianaEntry(5353, "udp").orElseThrow().description());
    }

    @Test
    void localNamesWinForDisplayOnBothProtocolsOfOneService() {
        assertEquals(Optional.of("http"), registry.displayName(80, Protocol.TCP));
        assertEquals(Optional.of("http"), registry.displayName(80, Protocol.UDP));
        assertEquals("www-http", registry.ianaEntry(80, "udp").orElseThrow().name());
        assertEquals(Optional.of("mdns"), registry.displayName(5353, Protocol.UDP));
        assertEquals(Optional.of("xinuexpansion4"), registry.displayName(2024, Protocol.TCP)); // IANA only
        assertEquals(Optional.empty(), registry.displayName(4, Protocol.TCP));                 // Unassigned
    }

    @Test
    void describesTheServiceItShowsInIanasWords() {
        assertEquals(Optional.of("The Secure Shell (SSH) Protocol"), registry.description(22, Protocol.TCP));
        // shown as /etc/services' "http", registered by IANA as www-http on the same port
        assertEquals(Optional.of("World Wide Web HTTP"), registry.description(80, Protocol.TCP));
        assertEquals(Optional.of("Multicast DNS"), registry.description(5353, Protocol.UDP));
        assertEquals(Optional.of("cmd like exec, but automatic authentication is performed as for login server"),
                registry.description(514, Protocol.TCP));
        assertEquals(Optional.empty(), registry.description(4, Protocol.TCP)); // no name, nothing to describe
    }

    @Test
    void differentServicesPerProtocolStayApart() {
        // 514/tcp is shell, 514/udp syslog: a local name for one must not leak to the other.
        assertEquals(Optional.of("shell"), registry.displayName(514, Protocol.TCP));
        assertEquals(Optional.of("syslog"), registry.displayName(514, Protocol.UDP));
    }

    @Test
    void findsPortsByNameOrAlias() {
        assertTrue(registry.byName("http").stream().allMatch(e -> e.port() == 80));
        assertTrue(registry.byName("HTTPS").stream().anyMatch(e -> e.port() == 443));
        assertTrue(registry.byName("www").stream().anyMatch(e -> e.port() == 80 && e.origin() == ServiceEntry.Origin.ETC_SERVICES));
        assertEquals(List.of(), registry.byName("no-such-service"));
    }

    @Test
    void aUserFileWinsOverEverything(@TempDir Path dir) throws IOException {
        Path user = dir.resolve("services");
        Files.writeString(user, "myapp 8080/tcp app # our app\n");
        PortRegistry r = PortRegistry.load(Fixtures.path("etc-services"), Optional.of(user));
        assertEquals(Optional.of("myapp"), r.displayName(8080, Protocol.TCP));
        assertEquals(ServiceEntry.Origin.USER_FILE, r.lookup(8080, "tcp").getFirst().origin());
        assertEquals(8080, r.byName("app").getFirst().port());
    }

    @Test
    void missingServicesFilesLeaveIana(@TempDir Path dir) {
        PortRegistry r = PortRegistry.load(dir.resolve("none"), Optional.of(dir.resolve("none-either")));
        assertEquals(Optional.of("www-http"), r.displayName(80, Protocol.TCP));
    }
}
