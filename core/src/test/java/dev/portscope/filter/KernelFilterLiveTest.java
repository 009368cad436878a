package dev.portscope.filter;

import dev.portscope.testing.Live;
import dev.portscope.filter.Filter.Comparison;
import dev.portscope.filter.Filter.End;
import dev.portscope.filter.Filter.PortCompare;
import dev.portscope.linux.proc.ProcRoot;
import dev.portscope.model.SocketEntry;
import dev.portscope.source.Query;
import dev.portscope.source.SocketSource;
import dev.portscope.linux.netlink.NetlinkSource;
import dev.portscope.linux.proc.ProcNetSource;
import dev.portscope.source.ReadNotes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The kernel-side filter against the Java one, on this machine's live sockets: for each filter,
 * the netlink dump with bytecode must hold exactly the sockets a bytecode-free /proc read keeps
 * after {@link Filter#test}. Loopback sockets opened here make sure each filter has matches.
 */
@Live
class KernelFilterLiveTest {

    /** The sockets of the query that this test opened: others may come and go between two reads. */
    private static Set<String> keys(SocketSource source, Query query, Set<Integer> ours) {
        try (Stream<SocketEntry> s = source.sockets(query, new ReadNotes())) {
            return s.filter(e -> ours.contains(e.local().port())).map(e -> e.protocol() + " " + e.local() + " " + e.remote() + " " + e.inode()).collect(Collectors.toSet());
        }
    }

    @Test
    void netlinkWithBytecodeKeepsWhatJavaKeeps() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<Socket> open = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, loopback)) {
            int port = server.getLocalPort();
            for (int i = 0; i < 3; i++) {
                open.add(new Socket(loopback, port));
                open.add(server.accept());
            }
            int client = open.getFirst().getLocalPort();
            Set<Integer> ours = open.stream().map(Socket::getLocalPort).collect(Collectors.toSet());
            ours.add(port);
            List<Filter> filters = List.of(
                    Filter.usesPort(port),
                    new PortCompare(End.LOCAL, Comparison.EQ, port),
                    new PortCompare(End.REMOTE, Comparison.EQ, port),
                    new Filter.Not(new PortCompare(End.LOCAL, Comparison.EQ, port)),
                    Filter.and(new PortCompare(End.LOCAL, Comparison.GE, Math.min(port, client)),
                            new PortCompare(End.LOCAL, Comparison.LE, Math.max(port, client))),
                    Filter.or(new PortCompare(End.REMOTE, Comparison.GT, 1023), new PortCompare(End.LOCAL, Comparison.LT, 1024)),
                    new PortCompare(End.REMOTE, Comparison.NE, 0));
            for (Filter filter : filters) {
                Query query = Query.all().withFilter(filter);
                Set<String> kernel = keys(NetlinkSource.kernel(), query, ours);
                Set<String> java = keys(new ProcNetSource(ProcRoot.system()), query, ours);
                assertFalse(java.isEmpty(), filter::toString);
                assertEquals(java, kernel, filter::toString);
            }
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
