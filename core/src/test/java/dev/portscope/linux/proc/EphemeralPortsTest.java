package dev.portscope.linux.proc;

import dev.portscope.testing.Live;
import dev.portscope.model.PortRange;
import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EphemeralPortsTest {
    @Test
    void parsesTheKernelsFormat() {
        assertEquals(Optional.of(new PortRange(32768, 60999)), EphemeralPorts.parse("32768\t60999\n"));
        assertEquals(Optional.empty(), EphemeralPorts.parse("32768"));
        assertEquals(Optional.empty(), EphemeralPorts.parse("9 1"));
        assertEquals(Optional.empty(), EphemeralPorts.parse("a b"));
    }

    @Test
    void readsFromAProcRoot() {
        assertEquals(Optional.of(new PortRange(32768, 60999)), EphemeralPorts.read(ProcRoot.at(Fixtures.path("mix"))));
        assertEquals(Optional.empty(), EphemeralPorts.read(ProcRoot.at(Path.of("/nonexistent"))));
    }

    @Test
    @Live
    void readsTheLiveFile() {
        // /proc/sys reports size 0; this guards the read against trusting it.
        assertEquals(true, EphemeralPorts.read(ProcRoot.system()).isPresent());
    }
}
