package dev.portscope;

import dev.portscope.source.Query;
import dev.portscope.testing.Fixtures;
import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** One facade read from 8 threads at once: every read gets the same sockets, lookups and notes as a read alone. */
class ConcurrentReadsTest {
    private static final int THREADS = 8;
    private static final int READS = 40;

    /** What one read says: its sockets with their directions, its notes and its source. */
    private static String read(Portscope portscope, Query query) {
        try (Listing listing = portscope.list(query)) {
            StringBuilder out = new StringBuilder();
            listing.sockets().forEach(s -> out.append(s.protocol()).append(' ').append(s.local()).append(' ').append(s.remote())
                    .append(' ').append(s.state()).append(' ').append(listing.directions().of(s).map(r -> r.direction().label()).orElse("-"))
                    .append('\n'));
            return out + "notes " + listing.notes() + "\ndebug " + listing.debugNotes() + "\nsource " + listing.source()
                    + listing.fallbackReason().map(r -> " (" + r + ")").orElse("");
        }
    }

    /** Runs {@code read} READS times on each of THREADS threads started together; every answer must equal {@code alone}. */
    private static void allEqual(String alone, Callable<String> read) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> threads = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                threads.add(pool.submit(() -> {
                    start.await();
                    List<String> answers = new ArrayList<>();
                    for (int i = 0; i < READS; i++) {
                        answers.add(read.call());
                    }
                    return answers;
                }));
            }
            start.countDown();
            for (Future<List<String>> thread : threads) {
                for (String answer : thread.get()) {
                    assertEquals(alone, answer);
                }
            }
        }
    }

    @Test
    void aSnapshotWithAMalformedLineReadsTheSameOnEveryThread(@TempDir Path dir) throws Exception {
        copy(Fixtures.path("mix"), dir);
        Files.writeString(dir.resolve("net/tcp"), "   99: not a socket row\n", StandardOpenOption.APPEND);
        try (Portscope portscope = Portscope.snapshot(dir)) {
            Query query = Query.all().withFilter(portscope.parseFilter("dir = in or sport = :80 or dport > 30000"));
            String alone = read(portscope, query);
            assertFalse(alone.startsWith("notes"), "the filter keeps some sockets: " + alone);
            assertEquals("notes [skipped 1 malformed line in " + dir.resolve("net/tcp") + "]", alone.lines()
                    .filter(l -> l.startsWith("notes")).findFirst().orElseThrow());
            allEqual(alone, () -> read(portscope, query));
        }
    }

    @Test
    @Live
    void theLiveKernelReadsTheSameOnEveryThread() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 50, loopback);
             Socket a = new Socket(loopback, server.getLocalPort()); Socket a2 = server.accept();
             Socket b = new Socket(loopback, server.getLocalPort()); Socket b2 = server.accept();
             Portscope portscope = Portscope.system()) {
            int port = server.getLocalPort();
            // not TIME-WAIT: an earlier connection of the host may have left one on this port, expiring mid-test
            Query query = Query.all().withFilter(portscope.parseFilter("exclude time-wait ( sport = :" + port + " or dport = :" + port + " )"));
            String alone = read(portscope, query);
            assertEquals(5, alone.lines().filter(l -> l.startsWith("TCP")).count(), alone);
            assertEquals(List.of("notes []", "debug []", "source netlink"), alone.lines().filter(l -> !l.startsWith("TCP")).toList());
            allEqual(alone, () -> read(portscope, query));
            assertFalse(a.isClosed() || a2.isClosed() || b.isClosed() || b2.isClosed());
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
