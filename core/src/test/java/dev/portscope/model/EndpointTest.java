package dev.portscope.model;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointTest {
    private static String text(String address) throws UnknownHostException {
        return Endpoint.of(InetAddress.getByName(address).getAddress(), 1).hostString();
    }

    @Test
    void writesIpv6AsInetNtopDoes() throws UnknownHostException {
        assertEquals("::", text("::"));
        assertEquals("::1", text("::1"));
        assertEquals("2001:db8::1", text("2001:db8:0:0:0:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1")); // a lone zero word stays
        assertEquals("2001::1:0:0:1", text("2001:0:0:0:1:0:0:1"));         // the first of two equal runs
        assertEquals("fe80:0:0:1::1", text("fe80:0:0:1:0:0:0:1"));         // the longer run wins
        assertEquals("1::", text("1:0:0:0:0:0:0:0"));
        assertEquals("0:2:3:4:5:6:7:8", text("0:2:3:4:5:6:7:8")); // one zero word is not compressed
        assertEquals("::1.2.3.4", text("::1.2.3.4"));
    }

    @Test
    void keepsIpv4MappedAddressesAsIpv6() {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        Endpoint e = Endpoint.of(mapped, 80);
        assertTrue(e.isIpv4Mapped());
        assertEquals(Family.IPV6, e.family());
        assertEquals("::ffff:127.0.0.1", e.hostString());
        assertEquals("[::ffff:127.0.0.1]:80", e.toString());
    }

    @Test
    void ipv4() {
        Endpoint e = Endpoint.of(new byte[] {(byte) 192, 0, 2, (byte) 255}, 443);
        assertEquals("192.0.2.255:443", e.toString());
        assertEquals(Family.IPV4, e.family());
        assertFalse(e.isIpv4Mapped());
        assertTrue(Endpoint.of(new byte[4], 0).isWildcard());
    }

    @Test
    void rejectsBadPortsAndLengths() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.of(new byte[4], 65536));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.of(new byte[5], 1));
    }
}
