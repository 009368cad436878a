package dev.portscope.cli;

import dev.portscope.model.TcpState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one schema (README.md, "One schema"): in every view a CSV column is a JSON field path and
 * holds what JSON holds there, row for row (a list's values joined by commas); every column of
 * {@code --columns help} that is no text column is such a path; JSON documents have one shape
 * whatever the input (an array for every row view, {@code port} included); states are spelled
 * one way everywhere; numbers are JSON numbers.
 */
class SchemaTest {
    private static final int PORT = 46211;

    /** Views over the captured mix, each with --json and --csv --columns ALL (every data column it has). */
    private static final List<List<String>> VIEWS = List.of(
            List.of("-tuan"), List.of("-tuanp"), List.of("who", Integer.toString(PORT)), List.of("pairs", "-p"),
            List.of("top", "-a"), List.of("top", "-a", "--by", "remote-port"), List.of("top", "-a", "--by", "process"),
            List.of("top", "-a", "--by", "state"), List.of("top", "-a", "--by", "local-port"),
            List.of("-xa"), List.of("-xap"), List.of("who", "/tmp/um/srv.sock"));

    /** The mix, or for UNIX views the /proc/net/unix captured beside fixtures/diag/unix.ss. */
    private static Cli fixture(List<String> args) {
        boolean unix = args.getFirst().startsWith("-x") || args.size() > 1 && args.get(1).startsWith("/");
        return unix ? Cli.run(Environment.of(dev.portscope.testing.Fixtures.path("unix-mix"),
                dev.portscope.testing.Fixtures.path("etc-services")), args.toArray(String[]::new)) : Cli.fixture(args.toArray(String[]::new));
    }

    @Test
    void everyCsvColumnIsTheJsonFieldOfThatPath() {
        for (List<String> view : VIEWS) {
            List<String> paths = dataColumns(view);
            assertFalse(paths.isEmpty(), view.toString());
            List<Object> objects = array(fixture(List.of(with(view, "--json"))));
            List<List<String>> csv = csv(fixture(List.of(with(view, "--csv", "--columns", String.join(",", paths)))).out());
            assertEquals(paths, csv.getFirst(), view + ": the CSV header is the paths asked for");
            assertEquals(objects.size(), csv.size() - 1, view + ": one CSV row per JSON object");
            assertFalse(objects.isEmpty(), view + " should have rows in the mix");
            for (int row = 0; row < objects.size(); row++) {
                for (int c = 0; c < paths.size(); c++) {
                    String json = text(at(objects.get(row), paths.get(c).split("\\.")));
                    assertEquals(json, csv.get(row + 1).get(c), view + " row " + row + " column " + paths.get(c));
                }
            }
        }
    }

    @Test
    void theDefaultCsvColumnsAreJsonPathsToo() {
        for (List<String> view : VIEWS) {
            List<String> header = csv(fixture(List.of(with(view, "--csv"))).out()).getFirst();
            assertTrue(dataColumns(view).containsAll(header), view + ": " + header);
        }
    }

    @Test
    void everyRowViewIsAnArrayWhateverItsInput() {
        for (String[] args : List.of(new String[] {"port", "5353/udp"}, new String[] {"port", "http"}, new String[] {"port", "5350-5360"},
                new String[] {"port", "--search", "mdns"}, new String[] {"who", "46211"}, new String[] {"top"}, new String[] {"pairs"})) {
            Object json = JsonValue.parse(Cli.fixture(with(List.of(args), "--json")).out());
            assertInstanceOf(List.class, json, String.join(" ", args));
        }
        Object single = array(Cli.fixture("port", "5353/udp", "--json")).getFirst();
        Object range = array(Cli.fixture("port", "5350-5360", "--json")).getFirst();
        assertInstanceOf(Boolean.class, ((Map<?, ?>) single).get("ephemeral"), "a port's ephemeral is a boolean");
        assertInstanceOf(Boolean.class, ((Map<?, ?>) range).get("ephemeral"), "and so is a range's");
        assertInstanceOf(Long.class, ((Map<?, ?>) range).get("ephemeralPorts"));
    }

    @Test
    void numbersAreNumbersAndProcessesAreObjects() {
        Map<?, ?> port = (Map<?, ?>) array(Cli.fixture("top", "-a", "--by", "local-port", "--json")).getFirst();
        assertInstanceOf(Long.class, port.get("localPort"));
        for (Object o : array(Cli.fixture("top", "-a", "--by", "process", "--json"))) {
            Object process = ((Map<?, ?>) o).get("process");
            assertTrue(process == null || process instanceof Map<?, ?> m && m.get("pid") instanceof Long && m.get("command") instanceof String,
                    String.valueOf(o));
        }
        Map<?, ?> socket = (Map<?, ?>) array(Cli.fixture("-tan", "--json")).getFirst();
        for (String field : List.of("recvQ", "sendQ", "uid", "inode")) {
            assertInstanceOf(Long.class, socket.get(field), field);
        }
    }

    @Test
    void oneSpellingOfEachStateInEveryView() {
        Set<String> words = Arrays.stream(TcpState.values()).map(TcpState::netstatName).collect(Collectors.toSet());
        List<String> seen = new ArrayList<>();
        array(Cli.fixture("-tuan", "--json")).forEach(o -> seen.add((String) ((Map<?, ?>) o).get("state")));
        csv(Cli.fixture("-tuan", "--csv", "--columns", "state").out()).stream().skip(1).forEach(r -> seen.add(r.getFirst()));
        array(Cli.fixture("top", "-a", "--by", "state", "--json")).forEach(o -> seen.add((String) ((Map<?, ?>) o).get("state")));
        array(Cli.fixture("pairs", "--json")).forEach(o -> seen.add((String) ((Map<?, ?>) ((Map<?, ?>) o).get("client")).get("state")));
        Cli.fixture("who", Integer.toString(PORT)).out().lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.split("\\s+")[0]).filter(w -> w.matches("[A-Z_0-9]+")).forEach(seen::add);
        assertTrue(seen.size() > 20, seen.toString());
        assertTrue(words.containsAll(seen), "states outside the one vocabulary: " + seen.stream().filter(s -> !words.contains(s)).toList());
        assertTrue(seen.contains("CLOSE_WAIT") && !seen.contains("CLOSE-WAIT") && !seen.contains("ESTAB"), seen.toString());
    }

    /** The view's data columns: --columns help's names, but the text ones. */
    private static List<String> dataColumns(List<String> view) {
        return fixture(List.of(with(view, "--columns", "help"))).out().lines()
                .filter(l -> l.startsWith("  ") && !l.startsWith("  also:") && !l.contains("(text)"))
                .map(l -> l.strip().split("\\s+")[0]).toList();
    }

    private static Object at(Object node, String[] path) {
        Object here = node;
        for (int i = 0; i < path.length; i++) {
            if (here instanceof List<?> list) { // a list's field: every element's, joined
                String[] rest = Arrays.copyOfRange(path, i, path.length);
                return list.stream().map(e -> text(at(e, rest))).collect(Collectors.joining(","));
            }
            here = here == null ? null : ((Map<?, ?>) here).get(path[i]);
        }
        return here;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(Cli run) {
        assertEquals(0, run.code(), run.err());
        return (List<Object>) JsonValue.parse(run.out());
    }

    /** RFC 4180 rows. */
    private static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return rows;
    }

    private static String[] with(List<String> args, String... more) {
        return Stream.concat(args.stream(), Stream.of(more)).toArray(String[]::new);
    }
}
