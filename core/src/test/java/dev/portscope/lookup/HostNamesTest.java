package dev.portscope.lookup;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostNamesTest {
    private static InetAddress ip(int i) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i});
    }

    @Test
    void anAddressLeftNumericStaysNumericWhenItsNameArrivesLater() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        HostNames names = new HostNames(address -> {
            asked.countDown();
            answer.await();
            return Optional.of("late.example");
        }, 2, Duration.ZERO);
        names.prefetch(List.of(ip(1)));
        asked.await();
        assertEquals(Optional.empty(), names.name(ip(1)), "past the deadline: a number");
        answer.countDown();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (names.lookupsInFlight() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertFalse(names.lookupsInFlight(), "the late lookup has finished");
        assertEquals(Optional.empty(), names.name(ip(1)), "the same address, the same spelling, within one run");
        assertEquals(1, names.leftNumeric());
    }

    @Test
    void theDeadlineHoldsWhateverTheResolverDoes() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        Resolver slow = address -> {
            answer.await(5, TimeUnit.SECONDS); // 5 s each, unless the test is over sooner
            return Optional.of("never.example");
        };
        List<InetAddress> peers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            peers.add(ip(i));
        }
        long start = System.nanoTime();
        HostNames names = new HostNames(slow, 32, Duration.ofMillis(300));
        names.prefetch(peers);
        for (InetAddress p : peers) {
            assertEquals(Optional.empty(), names.name(p));
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 300 + 2_000, "took " + tookMillis + " ms"); // generous bound: the point is "not 1000 x 5 s"
        assertEquals(1000, names.leftNumeric());
        answer.countDown();
    }

    @Test
    void lookupsPastTheDeadlineAreStillInFlightUntilTheyReturn() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        HostNames names = new HostNames(address -> {
            answer.await();
            return Optional.empty();
        }, 2, Duration.ZERO);
        names.prefetch(List.of(ip(1), ip(2), ip(3)));
        assertEquals(Optional.empty(), names.name(ip(1)));
        assertTrue(names.lookupsInFlight(), "blocked lookups must count as in flight (Main exits with _exit then)");
        answer.countDown();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (names.lookupsInFlight() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertFalse(names.lookupsInFlight(), "finished lookups must not count");
    }

    @Test
    void eachAddressIsLookedUpOnceAndFailuresAreNumbers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Resolver fake = address -> {
            calls.incrementAndGet();
            if (address.getAddress()[3] == 2) {
                throw new IllegalStateException("SERVFAIL");
            }
            return address.getAddress()[3] == 1 ? Optional.of("one.example") : Optional.empty();
        };
        HostNames names = new HostNames(fake, 4, Duration.ofSeconds(5));
        for (int round = 0; round < 3; round++) {
            assertEquals(Optional.of("one.example"), names.name(ip(1)));
            assertEquals(Optional.empty(), names.name(ip(2)));
            assertEquals(Optional.empty(), names.name(ip(3)));
        }
        assertEquals(3, calls.get());
        assertEquals(0, names.leftNumeric());
    }

    @Test
    void theSystemResolverReadsTheHostsFileForLoopback() throws Exception {
        Optional<String> name = Resolver.system().reverse(InetAddress.getByName("127.0.0.1"));
        assertEquals(Optional.of("localhost"), name, "expects /etc/hosts to map 127.0.0.1 to localhost, as Debian's does");
    }
}
