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
