package dev.portscope.cli;

import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A listing names ports as netstat and ss do, from the services files only: a server on 8000 is
 * ":8000", not IANA's "irdmi"; IANA explains the port in {@code portscope port}.
 */
class ServiceNamesTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    /** Listeners on 127.0.0.1:8000 (IANA's irdmi) and :22 (ssh in /etc/services), a client of 8000. */
    private static Path snapshot(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("net"));
        Files.writeString(dir.resolve("net/tcp"), HEADER
                + "   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 101 1 0 100 0 0 10 0\n"
                + "   1: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 102 1 0 100 0 0 10 0\n"
                + "   2: 0100007F:1F40 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 103 1 0 20 4 30 10 -1\n"
                + "   3: 0100007F:C350 0100007F:1F40 01 00000000:00000000 00:00000000 00000000     0        0 104 1 0 20 4 30 10 -1\n");
        for (String table : List.of("tcp6", "udp", "udp6")) {
            Files.writeString(dir.resolve("net").resolve(table), HEADER);
        }
        Files.createDirectories(dir.resolve("sys/net/ipv4"));
        Files.writeString(dir.resolve("sys/net/ipv4/ip_local_port_range"), "32768\t60999\n");
        return dir;
    }

    private static Cli run(Path snapshot, String... args) {
        return Cli.run(Environment.of(snapshot, Fixtures.path("etc-services")), args);
    }

    @Test
    void aPortOnlyIanaNamesPrintsAsANumber(@TempDir Path dir) throws IOException {
        Path snapshot = snapshot(dir);
        Cli table = run(snapshot, "-ta");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("127.0.0.1:8000 "), table.out());
        assertTrue(table.out().contains("127.0.0.1:ssh "), "a name /etc/services gives still shows:\n" + table.out());
        assertFalse(table.out().contains("irdmi"), table.out());
        Cli wide = run(snapshot, "-taW");
        assertFalse(wide.out().contains("irdmi") || wide.out().contains("iRDMI"), wide.out());
        assertTrue(wide.out().contains("ssh: "), wide.out());
        Cli json = run(snapshot, "-ta", "--json");
        assertFalse(json.out().contains("irdmi"), json.out());
        assertTrue(json.out().contains("\"service\":{\"port\":22,\"name\":\"ssh\""), json.out());
        Cli filtered = run(snapshot, "-ta", "sport", "=", ":irdmi");
        assertEquals(0, filtered.code(), "a name typed in a filter may still be IANA's: " + filtered.err());
        assertTrue(filtered.out().contains("127.0.0.1:8000 "), filtered.out());
        Cli explained = run(snapshot, "port", "8000");
        assertTrue(explained.out().startsWith("8000/tcp   irdmi"), "port explains with IANA:\n" + explained.out());
    }
}
