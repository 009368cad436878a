package dev.portscope.model;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelTest {
    @Test
    void portClassesFollowRfc6335() {
        assertEquals(PortClass.SYSTEM, PortClass.of(0));
        assertEquals(PortClass.SYSTEM, PortClass.of(1023));
        assertEquals(PortClass.USER, PortClass.of(1024));
        assertEquals(PortClass.USER, PortClass.of(49151));
        assertEquals(PortClass.DYNAMIC, PortClass.of(49152));
        assertEquals(PortClass.DYNAMIC, PortClass.of(65535));
        assertThrows(IllegalArgumentException.class, () -> PortClass.of(65536));
        assertThrows(IllegalArgumentException.class, () -> PortClass.of(-1));
    }

    @Test
    void tcpStatesUseTheKernelsNumbersAndBothSpellings() {
        assertEquals(Optional.of(TcpState.ESTABLISHED), TcpState.ofCode(1));
        assertEquals(Optional.of(TcpState.LISTEN), TcpState.ofCode(10));
        assertEquals(Optional.of(TcpState.NEW_SYN_RECV), TcpState.ofCode(12));
        assertEquals(Optional.empty(), TcpState.ofCode(0));
        assertEquals(Optional.of(TcpState.BOUND_INACTIVE), TcpState.ofCode(13));
        assertEquals(Optional.empty(), TcpState.ofCode(14));
        assertEquals(Optional.of(TcpState.BOUND_INACTIVE), TcpState.ofCode(7, Protocol.TCP), "a TCP socket in CLOSE is bound, inactive");
        assertEquals(Optional.of(TcpState.CLOSE), TcpState.ofCode(7, Protocol.UDP));
        for (TcpState s : TcpState.values()) {
            assertEquals(Optional.of(s), TcpState.ofCode(s.code()));
        }
        assertEquals("FIN-WAIT-2", TcpState.FIN_WAIT2.ssName());
        assertEquals("FIN_WAIT2", TcpState.FIN_WAIT2.netstatName());
        assertEquals("UNCONN", TcpState.CLOSE.ssName());
        assertTrue(TcpState.CLOSE.isListening(Protocol.UDP));
        assertTrue(TcpState.LISTEN.isListening(Protocol.TCP));
    }

    @Test
    void portRanges() {
        PortRange r = new PortRange(32768, 60999);
        assertTrue(r.contains(32768) && r.contains(60999) && !r.contains(61000));
        assertThrows(IllegalArgumentException.class, () -> new PortRange(2, 1));
    }
}
