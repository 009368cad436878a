package dev.portscope.filter;

import dev.portscope.model.Endpoint;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The parser never ends in anything but a result or a clean {@link FilterSyntaxException} whose
 * caret lies inside (or just after) the expression; every result compiles to a program the
 * kernel's audit accepts and evaluates without error. Random token soups and mutated valid
 * filters (seeded, so a failure reproduces), plus a regression corpus.
 */
class FilterFuzzTest {
    private static final String[] VOCABULARY = {"state", "exclude", "established", "time-wait", "bucket", "all", "sport", "dport",
            "src", "dst", "=", "==", "!=", "<", ">", "<=", ">=", "eq", "ne", "lt", "gt", "le", "ge", "and", "or", "not", "&", "|", "&&",
            "||", "!", "(", ")", ":22", ":ssh", "80", ":*", "*", "127.0.0.1", "10/8", "[::1]", "[::1]:443", "::1", "10.0.0.0/33",
            "[", "]", ":", "/", "pid", "user", "comm", "class", "dir", "in", "out", "system", "dynamic", "root", "1", "-1", "x",
            "65536", "[fe80::]/10:22", "1.2.3", "0/0", "()", "(sport", ":22)"};
    private static final SocketEntry SOCKET = new SocketEntry(Protocol.TCP, Family.IPV6, TcpState.ESTABLISHED,
            Endpoint.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1}, 22),
            Endpoint.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 40000), 0, 0, 0, 1);

    @Test
    void randomTokenSoups() {
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder expression = new StringBuilder();
            int words = random.nextInt(12);
            for (int w = 0; w < words; w++) {
                expression.append(w == 0 ? "" : random.nextInt(8) == 0 ? "" : " ").append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
            }
            check(expression.toString());
        }
    }

    @Test
    void mutatedValidFilters() {
        Random random = new Random(7);
        String[] seeds = {"state established ( dport = :ssh or sport = :ssh )", "dst 193.233.7/24 and not sport < :1024",
                "src [2001:db8::]/32:443 or dst 127.0.0.1:80", "pid = 1 or comm = sshd and dir = in", "exclude time-wait class = system"};
        String alphabet = "()!=<>:[]/*. 0123456789abcdefxyz";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            for (int edits = 1 + random.nextInt(3); edits > 0 && !s.isEmpty(); edits--) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            check(s.toString());
        }
    }

    @Test
    void regressionCorpus() throws IOException {
        try (InputStream in = FilterFuzzTest.class.getResourceAsStream("/filter-corpus/inputs.txt")) {
            assertNotNull(in, "filter-corpus/inputs.txt");
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            lines.stream().filter(l -> !l.startsWith("#")).forEach(FilterFuzzTest::check);
        }
    }

    private static void check(String expression) {
        try {
            FilterParser.Parsed parsed = FilterParser.parse(expression, FilterParserTest.LOOKUPS);
            Optional<byte[]> code = KernelBytecode.compile(parsed.filter());
            code.ifPresent(c -> {
                assertTrue(KernelInterpreter.audit(c), () -> "kernel would refuse the program of: " + expression);
                KernelInterpreter.run(c, SOCKET);
            });
            Filter.within(parsed.filter(), f -> !(f instanceof FactMatch)).test(SOCKET);
        } catch (FilterSyntaxException e) {
            assertTrue(e.start() >= 0 && e.start() <= expression.length(), () -> "caret outside " + expression + ": " + e.start());
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank() && !e.getMessage().contains("\n"), expression);
        } catch (RuntimeException e) {
            fail("'" + expression + "' ended in " + e, e);
        }
    }
}
