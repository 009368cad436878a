package dev.portscope.cli;

import dev.portscope.lookup.Resolver;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host names in the listing, with fake resolvers: no real DNS in tests. */
class HostNamesCliTest {
    private static final Resolver LOOPBACK_NAMED = a -> a.getHostAddress().equals("127.0.0.1") ? Optional.of("loopback.test") : Optional.empty();

    @Test
    void namesAppearUnlessNumeric() {
        Cli named = Cli.fixture(LOOPBACK_NAMED, "-ta");
        assertEquals(0, named.code(), named.err());
        assertTrue(named.out().contains("loopback.test:"), named.out());
        assertTrue(named.out().contains("0.0.0.0:*"), "wildcards stay numbers: " + named.out());

        Cli numeric = Cli.fixture(LOOPBACK_NAMED, "-tan");
        assertFalse(numeric.out().contains("loopback.test"), numeric.out());
        Cli numericHosts = Cli.fixture(LOOPBACK_NAMED, "-ta", "--numeric-hosts");
        assertFalse(numericHosts.out().contains("loopback.test"), numericHosts.out());
        assertTrue(numericHosts.out().contains("127.0.0.1:"), numericHosts.out());
        Cli numericPorts = Cli.fixture(LOOPBACK_NAMED, "-ta", "--numeric-ports");
        assertTrue(numericPorts.out().contains("loopback.test:"), numericPorts.out());
    }

    @Test
    void aSlowResolverCannotHoldTheListingPastTheDeadline() {
        Resolver slow = a -> {
            Thread.sleep(5_000);
            return Optional.of("late.test");
        };
        long start = System.nanoTime();
        Cli run = Cli.fixture(slow, "-ta", "--dns-timeout", "0.2");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, run.code(), run.err());
        assertTrue(tookMillis < 4_000, "took " + tookMillis + " ms"); // the point: not 5 s per host
        assertFalse(run.out().contains("late.test"), run.out());
        assertTrue(run.out().contains("127.0.0.1:"), run.out());
        assertTrue(run.err().contains("addresses left numeric"), run.err());
    }

    @Test
    void aBadDeadlineIsAUsageError() {
        Cli run = Cli.fixture(LOOPBACK_NAMED, "-ta", "--dns-timeout", "-1");
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertTrue(run.err().contains("--dns-timeout"), run.err());
    }
}
