package dev.portscope.filter;

import dev.portscope.model.TcpState;
import dev.portscope.model.UnixSocket;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ss's unix filter forms: shell patterns over a UNIX socket's own name (src) and its peer's (dst). */
class PathMatchTest {
    private static final UnixSocket SERVER = socket(10, "/run/app/api.sock", 11);
    private static final UnixSocket CLIENT = socket(11, null, 10);
    private static final Map<Long, String> NAMES = Map.of(10L, "/run/app/api.sock");

    private static UnixSocket socket(long inode, String name, long peer) {
        return new UnixSocket(UnixSocket.Type.STREAM, TcpState.ESTABLISHED, Optional.ofNullable(name), inode, peer, 0, 0,
                OptionalInt.empty(), List.of(), Optional.empty(), 0);
    }

    private static boolean passes(String expression, UnixSocket s) {
        Filter f = FilterParser.parse(expression, FilterParserTest.LOOKUPS).filter();
        return PathMatch.test(f, s, inode -> Optional.ofNullable(NAMES.get(inode)));
    }

    @Test
    void srcIsTheSocketsOwnNameAndStarCrossesSlashes() {
        assertTrue(passes("src /run/*", SERVER), "fnmatch without FNM_PATHNAME, as ss");
        assertTrue(passes("src /run/app/api.soc?", SERVER));
        assertTrue(passes("src /run/app/[ab]pi.sock", SERVER));
        assertFalse(passes("src /run/app/[!a]pi.sock", SERVER));
        assertFalse(passes("src /tmp/*", SERVER));
        assertFalse(passes("src /run/*", CLIENT), "an unnamed socket's name is *");
        assertTrue(passes("src unix:/run/app/api.sock", SERVER), "ss's unix: prefix");
    }

    @Test
    void dstIsThePeersName() {
        assertTrue(passes("dst /run/app/*", CLIENT));
        assertFalse(passes("dst /run/app/*", SERVER));
        assertTrue(passes("not dst /run/app/* and src /run/*", SERVER));
    }

    @Test
    void portsAndAddressesNeverMatchAUnixSocketAndPathsNeverAnInternetOne() {
        assertFalse(passes("sport = :22", SERVER));
        assertTrue(passes("src /run/* or sport = :22", SERVER));
        Filter path = FilterParser.parse("src /run/*", FilterParserTest.LOOKUPS).filter();
        assertFalse(path.test(new dev.portscope.model.SocketEntry(dev.portscope.model.Protocol.TCP, dev.portscope.model.Family.IPV4,
                TcpState.LISTEN, dev.portscope.model.Endpoint.of(new byte[4], 22), dev.portscope.model.Endpoint.of(new byte[4], 0),
                0, 0, 0, 1)));
    }

    @Test
    void processConditionsAreNamedAsUnsupported() {
        assertTrue(PathMatch.unsupported(FilterParser.parse("src /run/* and comm = sshd", FilterParserTest.LOOKUPS).filter()).isPresent());
        assertEquals(Optional.empty(), PathMatch.unsupported(FilterParser.parse("src /run/* or dst @x", FilterParserTest.LOOKUPS).filter()));
    }
}
