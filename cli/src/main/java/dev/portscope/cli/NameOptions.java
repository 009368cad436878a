package dev.portscope.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * How a view writes hosts and ports, in netstat's flags: -n, --numeric-hosts, --numeric-ports,
 * and how long name lookups (reverse for hosts shown, forward for names in filters) may take.
 * Every view takes them; a view that prints only numbers (top, port) accepts them as no-ops.
 */
final class NameOptions {
    @Option(names = {"-n", "--numeric"}, description = "Numbers for hosts and ports: no name lookups at all.")
    boolean numeric;
    @Option(names = "--numeric-hosts", description = "Numbers for hosts, names for ports.")
    boolean numericHosts;
    @Option(names = "--numeric-ports", description = "Numbers for ports, names for hosts.")
    boolean numericPorts;
    @Option(names = "--dns-timeout", paramLabel = "SECONDS", description = "Longest the whole run waits for host names "
            + "(default 1.5); what is not resolved by then prints as a number.")
    double dnsTimeout = 1.5;

    /** Refuses a deadline that is no number of seconds, whether names are looked up or not. */
    void check() {
        if (!(dnsTimeout >= 0) || dnsTimeout > 3600) {
            throw new UsageException("--dns-timeout " + dnsTimeout + ": give seconds from 0 to 3600, e.g. --dns-timeout 0.5");
        }
    }

    boolean portsAsNumbers() {
        return numeric || numericPorts;
    }

    boolean hostsAsNames() {
        return !numeric && !numericHosts;
    }

    Duration deadline() {
        return Duration.ofMillis(Math.round(dnsTimeout * 1000));
    }
}
