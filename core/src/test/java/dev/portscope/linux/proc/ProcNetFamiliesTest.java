package dev.portscope.linux.proc;

import dev.portscope.model.NetlinkSocket;
import dev.portscope.model.PacketSocket;
import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code /proc/net/packet} and {@code /proc/net/netlink} captured verbatim in a namespace (lo,
 * interface 1, up; python holding three packet sockets and three netlink ones) beside
 * {@code ss -0anH} and {@code ss -A netlink -anH} at the same moment ({@code *-proc.ss}).
 */
class ProcNetFamiliesTest {

    @Test
    void packetSocketsAreWhatSsListed() throws IOException {
        ParsedTable<PacketSocket> parsed = ProcNetPacket.parse(Files.readAllLines(Fixtures.path("diag/packet.proc")));
        assertEquals(0, parsed.malformed());
        Set<String> ours = new TreeSet<>();
        for (PacketSocket s : parsed.sockets()) {
            String protocol = s.protocol() == PacketSocket.ALL_PROTOCOLS ? "*" : "[" + s.protocol() + "]";
            ours.add(String.join(" ", s.netid(), "0", protocol + ":" + (s.interfaceIndex() == 1 ? "lo" : "*")));
            assertEquals(java.util.Optional.empty(), s.promiscuous(), "the table does not say");
        }
        Set<String> ss = new TreeSet<>();
        for (String line : Files.readAllLines(Fixtures.path("diag/packet-proc.ss"))) {
            String[] f = line.trim().split("\\s+");
            ss.add(String.join(" ", f[0], f[2], f[4]));
        }
        assertEquals(ss, ours);
    }

    /** ss's own sock_diag socket (4:PID, its queue full of its dump) and the kernel's end it talks to are ss's doing: left out. */
    @Test
    void netlinkSocketsAreWhatSsListed() throws IOException {
        ParsedTable<NetlinkSocket> parsed = ProcNetNetlink.parse(Files.readAllLines(Fixtures.path("diag/netlink.proc")));
        assertEquals(0, parsed.malformed());
        Set<String> ours = new TreeSet<>();
        for (NetlinkSocket s : parsed.sockets()) {
            if (s.protocol() != 4) {
                ours.add(String.join(" ", Long.toString(s.recvQ()), Long.toString(s.sendQ()), s.protocol() + ":" + s.portId()));
            }
        }
        Set<String> ss = new TreeSet<>();
        for (String line : Files.readAllLines(Fixtures.path("diag/netlink-proc.ss"))) {
            String[] f = line.trim().split("\\s+");
            if (!f[3].startsWith("4:")) {
                ss.add(String.join(" ", f[1], f[2], f[3]));
            }
        }
        assertEquals(ss, ours);
        NetlinkSocket route = parsed.sockets().stream().filter(s -> s.protocol() == 0 && s.portId() != 0).findFirst().orElseThrow();
        assertEquals(0b101, route.groups(), "python bound it to RTMGRP_LINK and RTMGRP_IPV4_IFADDR");
        assertEquals(1, parsed.sockets().stream().filter(s -> s.protocol() == 4 && s.portId() != 0).count(), "python's sock_diag socket");
    }

    @Test
    void badLinesAreCountedNotFatal() {
        ParsedTable<PacketSocket> packet = ProcNetPacket.parse(List.of("sk RefCnt Type Proto Iface R Rmem User Inode", "garbage",
                "0000000000000000 3 2 0800 0 1 0 4294967294 77"));
        assertEquals(1, packet.malformed());
        assertEquals(-2, packet.sockets().getFirst().uid(), "a uid the kernel prints unsigned");
        ParsedTable<NetlinkSocket> netlink = ProcNetNetlink.parse(List.of("sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode",
                "0000000000000000 0 4294967291 00000000 0 0 0 2 0 5", "0000000000000000 zz"));
        assertEquals(1, netlink.malformed());
        assertEquals(-5, netlink.sockets().getFirst().portId(), "a port id the kernel picked: negative, as ss prints it");
    }
}
