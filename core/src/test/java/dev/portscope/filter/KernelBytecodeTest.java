package dev.portscope.filter;

import dev.portscope.filter.Filter.Comparison;
import dev.portscope.filter.Filter.End;
import dev.portscope.filter.Filter.PortCompare;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelBytecodeTest {
    private static final int[] PORTS = {0, 1, 21, 22, 80, 443, 1023, 1024, 8080, 49151, 49152, 65534, 65535};

    private static SocketEntry socket(int sport, int dport) {
        return new SocketEntry(Protocol.TCP, Family.IPV4, TcpState.ESTABLISHED,
                Endpoint.of(new byte[] {127, 0, 0, 1}, sport), Endpoint.of(new byte[] {127, 0, 0, 1}, dport), 0, 0, 0, 1);
    }

    @Test
    void whoFilterMatchesEitherEnd() {
        byte[] code = KernelBytecode.compile(Filter.usesPort(8080)).orElseThrow();
        assertTrue(KernelInterpreter.audit(code));
        assertTrue(KernelInterpreter.run(code, 8080, 1));
        assertTrue(KernelInterpreter.run(code, 1, 8080));
        assertFalse(KernelInterpreter.run(code, 8081, 1));
    }

    @Test
    void noFilterSendsNoProgram() {
        assertEquals(Optional.empty(), KernelBytecode.compile(Filter.always()));
    }

    @Test
    void aFilterNothingPassesRejectsEverything() {
        byte[] code = KernelBytecode.compile(new PortCompare(End.LOCAL, Comparison.GT, 65535)).orElseThrow();
        assertTrue(KernelInterpreter.audit(code));
        for (int port : PORTS) {
            assertFalse(KernelInterpreter.run(code, port, port));
        }
    }

    /** Random expressions: the kernel accepts every program, and passes exactly what Filter.test passes. */
    @Test
    void randomFiltersAgreeWithTheJavaEvaluation() {
        Random random = new Random(6);
        for (int n = 0; n < 3000; n++) {
            Filter filter = randomFilter(random, 1 + random.nextInt(5));
            Optional<byte[]> code = KernelBytecode.compile(filter);
            code.ifPresent(c -> assertTrue(KernelInterpreter.audit(c), () -> "kernel would refuse " + filter));
            for (int s : PORTS) {
                for (int d : PORTS) {
                    boolean expected = filter.test(socket(s, d));
                    boolean kernel = code.map(c -> KernelInterpreter.run(c, s, d)).orElse(true);
                    assertEquals(expected, kernel, filter + " on " + s + " -> " + d);
                }
            }
        }
    }

    @Test
    void longProgramsStillAudit() {
        Filter filter = Filter.always();
        for (int i = 0; i < 200; i++) {
            filter = Filter.or(filter == Filter.always() ? new PortCompare(End.REMOTE, Comparison.EQ, i) : filter,
                    Filter.and(new PortCompare(End.LOCAL, Comparison.GE, i), new PortCompare(End.LOCAL, Comparison.LE, i + 2)));
        }
        byte[] code = KernelBytecode.compile(filter).orElseThrow();
        assertTrue(code.length > 1024);
        assertTrue(KernelInterpreter.audit(code));
        assertTrue(KernelInterpreter.run(code, 150, 9));
        assertFalse(KernelInterpreter.run(code, 5000, 9999));
    }

    private static final String[] ADDRESSES = {"127.0.0.1", "10.1.2.3", "10.1.200.3", "::1", "2001:db8::7", "::ffff:10.1.2.3", "::"};
    private static final String[] PREFIXES = {"*", "10/8", "10.1.2.3", "10.1.2.0/24", "0.0.0.0/0", "[::1]", "[2001:db8::]/32",
            "[::ffff:10.1.2.3]", "[::]/0", "127.0.0.1:22", ":80", "[::1]:443"};

    /** Sockets over both families, IPv4-mapped ones included, with the ports above. */
    private static java.util.List<SocketEntry> mixedSockets(Random r) throws Exception {
        java.util.List<SocketEntry> sockets = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String local = ADDRESSES[r.nextInt(ADDRESSES.length)];
            boolean v6 = local.contains(":");
            String[] sameFamily = java.util.Arrays.stream(ADDRESSES).filter(a -> a.contains(":") == v6).toArray(String[]::new);
            String remote = sameFamily[r.nextInt(sameFamily.length)];
            sockets.add(new SocketEntry(Protocol.TCP, v6 ? Family.IPV6 : Family.IPV4, TcpState.ESTABLISHED,
                    endpoint(local, PORTS[r.nextInt(PORTS.length)]), endpoint(remote, PORTS[r.nextInt(PORTS.length)]), 0, 0, r.nextInt(3), 1));
        }
        return sockets;
    }

    private static Endpoint endpoint(String address, int port) throws Exception {
        byte[] b = java.net.InetAddress.getByName(address).getAddress();
        if (address.contains(":") && b.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(b, 0, mapped, 12, 4);
            b = mapped;
        }
        return Endpoint.of(b, port);
    }

    /**
     * Random expressions over ports, address prefixes and conditions the kernel cannot see (uid,
     * direction): every program audits, and the kernel passes exactly what Filter.test passes
     * when it can see every condition, a superset otherwise.
     */
    @Test
    void hostConditionsAndHiddenOnesKeepTheKernelHonest() throws Exception {
        Random random = new Random(11);
        java.util.List<SocketEntry> sockets = mixedSockets(random);
        Facts facts = new Facts() {
            @Override
            public Optional<dev.portscope.model.Direction> direction(SocketEntry s) {
                return Optional.of(s.local().port() < s.remote().port() ? dev.portscope.model.Direction.IN : dev.portscope.model.Direction.OUT);
            }

            @Override
            public int servicePort(SocketEntry s) {
                return Math.min(s.local().port(), s.remote().port());
            }

            @Override
            public java.util.List<Holder> holders(SocketEntry s) {
                return java.util.List.of();
            }
        };
        for (int n = 0; n < 2000; n++) {
            Filter filter = randomMixedFilter(random, 1 + random.nextInt(4));
            boolean kernelSeesAll = !containsHidden(filter);
            Optional<byte[]> code = KernelBytecode.compile(filter);
            code.ifPresent(c -> assertTrue(KernelInterpreter.audit(c), () -> "kernel would refuse " + filter));
            for (SocketEntry s : sockets) {
                boolean expected = filter.test(s, facts);
                boolean kernel = code.map(c -> KernelInterpreter.run(c, s)).orElse(true);
                if (kernelSeesAll) {
                    assertEquals(expected, kernel, filter + " on " + s);
                } else if (expected) {
                    assertTrue(kernel, "the kernel lost a match of " + filter + " on " + s);
                }
            }
        }
    }

    private static boolean containsHidden(Filter f) {
        return switch (f) {
            case UserMatch u -> true;
            case FactMatch m -> true;
            case Filter.And(Filter l, Filter r) -> containsHidden(l) || containsHidden(r);
            case Filter.Or(Filter l, Filter r) -> containsHidden(l) || containsHidden(r);
            case Filter.Not(Filter inner) -> containsHidden(inner);
            default -> false;
        };
    }

    private static Filter randomMixedFilter(Random r, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return switch (r.nextInt(5)) {
                case 0, 1 -> FilterParser.parse((r.nextBoolean() ? "src " : "dst ") + PREFIXES[r.nextInt(PREFIXES.length)],
                        FilterParserTest.LOOKUPS).filter();
                case 2 -> new UserMatch(r.nextInt(3));
                case 3 -> new FactMatch.Way(r.nextBoolean() ? dev.portscope.model.Direction.IN : dev.portscope.model.Direction.OUT);
                default -> new PortCompare(r.nextBoolean() ? End.LOCAL : End.REMOTE,
                        Comparison.values()[r.nextInt(Comparison.values().length)], PORTS[r.nextInt(PORTS.length)]);
            };
        }
        return switch (r.nextInt(3)) {
            case 0 -> Filter.and(randomMixedFilter(r, depth - 1), randomMixedFilter(r, depth - 1));
            case 1 -> Filter.or(randomMixedFilter(r, depth - 1), randomMixedFilter(r, depth - 1));
            default -> new Filter.Not(randomMixedFilter(r, depth - 1));
        };
    }

    private static Filter randomFilter(Random r, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return new PortCompare(r.nextBoolean() ? End.LOCAL : End.REMOTE,
                    Comparison.values()[r.nextInt(Comparison.values().length)], PORTS[r.nextInt(PORTS.length)]);
        }
        return switch (r.nextInt(3)) {
            case 0 -> Filter.and(randomFilter(r, depth - 1), randomFilter(r, depth - 1));
            case 1 -> Filter.or(randomFilter(r, depth - 1), randomFilter(r, depth - 1));
            default -> new Filter.Not(randomFilter(r, depth - 1));
        };
    }
}
