package dev.portscope.linux.proc;

import dev.portscope.model.UnixSocket;
import dev.portscope.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code /proc/net/unix} captured verbatim in the namespace of {@code fixtures/diag/unix.ss} (ss
 * -xaH at the same moment): the same sockets, without peers and queues (the table has neither);
 * its four inode-0 lines (connections not yet accepted) are left out, as unix_diag leaves them out.
 */
class ProcNetUnixTest {

    @Test
    void theSameSocketsSsListed() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.path("diag/unix.proc"));
        ParsedTable<UnixSocket> parsed = ProcNetUnix.parse(lines);
        assertEquals(0, parsed.malformed());
        assertEquals(4, lines.stream().skip(1).filter(l -> l.trim().split("\\s+")[6].equals("0")).count());
        Set<String> ours = new TreeSet<>();
        for (UnixSocket s : parsed.sockets()) {
            ours.add(String.join(" ", s.netid(), s.state().ssName(), s.name().orElse("*"), Long.toString(s.inode())));
        }
        Set<String> ss = new TreeSet<>();
        for (String line : Files.readAllLines(Fixtures.path("diag/unix.ss"))) {
            String[] f = line.trim().split("\\s+");
            ss.add(String.join(" ", f[0], f[1], f[4], f[5]));
        }
        assertEquals(ss, ours);
    }

    @Test
    void aBadLineIsCountedNotFatal() {
        ParsedTable<UnixSocket> parsed = ProcNetUnix.parse(List.of("Num       RefCount Protocol Flags    Type St Inode Path",
                "garbage", "0000000000000000: 00000002 00000000 00010000 0001 01 4242 /run/x.sock",
                "0000000000000000: 00000002 00000000 00000000 0002 01 4243 @name with space"));
        assertEquals(1, parsed.malformed());
        assertEquals(List.of("/run/x.sock", "@name with space"), parsed.sockets().stream().map(s -> s.name().orElseThrow()).toList());
        assertEquals(UnixSocket.Type.DGRAM, parsed.sockets().get(1).type());
    }
}
