package dev.portscope.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The IANA registry table shipped as a resource ({@code iana-ports.tsv}, written by
 * {@code tools/port-registry/convert.py}, sorted by port): {@code port TAB protocols TAB name TAB
 * description}. Kept as its bytes with an index of line starts and ports: a port's entries are a
 * binary search away, and the ~7,000 rows become objects only when a name or a search needs them
 * all. Parsing every row cost ~40 ms of a 0.13 s listing that names its ports (BENCHMARKS.md).
 */
final class IanaTable {
    static final String RESOURCE = "iana-ports.tsv";

    private final byte[] data;
    private final int[] starts;
    private final int[] ports;
    private List<ServiceEntry> all;
    private Map<String, List<ServiceEntry>> byName;

    private IanaTable(byte[] data) {
        this.data = data;
        int lines = 0;
        for (byte b : data) {
            lines += b == '\n' ? 1 : 0;
        }
        int[] s = new int[lines + 1];
        int[] p = new int[lines + 1];
        int n = 0;
        for (int at = 0; at < data.length; ) {
            int end = lineEnd(at);
            if (end > at && data[at] != '#') {
                int port = 0;
                int i = at;
                while (i < end && data[i] >= '0' && data[i] <= '9') {
                    port = port * 10 + data[i++] - '0';
                }
                if (i == at || i == end || data[i] != '\t' || n > 0 && port < p[n - 1]) {
                    throw new IllegalStateException("malformed or unsorted registry row: " + text(at, end));
                }
                s[n] = at;
                p[n++] = port;
            }
            at = end + 1;
        }
        this.starts = Arrays.copyOf(s, n);
        this.ports = Arrays.copyOf(p, n);
    }

    static IanaTable load() {
        try (InputStream in = IanaTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("portscope-core is missing its resource " + RESOURCE);
            }
            return new IanaTable(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table of these rows (tests). */
    static IanaTable of(String rows) {
        return new IanaTable(rows.getBytes(StandardCharsets.UTF_8));
    }

    /** The entries of one port, on every protocol its rows name, in the file's order. */
    List<ServiceEntry> entries(int port) {
        int i = Arrays.binarySearch(ports, port);
        if (i < 0) {
            return List.of();
        }
        while (i > 0 && ports[i - 1] == port) {
            i--;
        }
        List<ServiceEntry> found = new ArrayList<>(4);
        for (; i < ports.length && ports[i] == port; i++) {
            parse(i, found);
        }
        return found;
    }

    /** Every entry, parsed once on first use. */
    synchronized List<ServiceEntry> all() {
        if (all == null) {
            List<ServiceEntry> entries = new ArrayList<>(ports.length * 2);
            for (int i = 0; i < ports.length; i++) {
                parse(i, entries);
            }
            all = List.copyOf(entries);
        }
        return all;
    }

    /** Entries named (or aliased) {@code lowerCaseName}, indexed on first use. */
    synchronized List<ServiceEntry> byName(String lowerCaseName) {
        if (byName == null) {
            byName = new HashMap<>();
            for (ServiceEntry e : all()) {
                if (!e.name().isEmpty()) {
                    byName.computeIfAbsent(e.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>(2)).add(e);
                }
            }
        }
        return byName.getOrDefault(lowerCaseName, List.of());
    }

    private void parse(int row, List<ServiceEntry> into) {
        int at = starts[row];
        String[] f = text(at, lineEnd(at)).split("\t", 4);
        if (f.length != 4) {
            throw new IllegalStateException("malformed registry row: " + String.join("\t", f));
        }
        for (String protocol : f[1].split(",")) {
            into.add(new ServiceEntry(ports[row], protocol, f[2], List.of(), f[3], ServiceEntry.Origin.IANA));
        }
    }

    private int lineEnd(int from) {
        int end = from;
        while (end < data.length && data[end] != '\n') {
            end++;
        }
        return end;
    }

    private String text(int from, int to) {
        return new String(data, from, to - from, StandardCharsets.UTF_8);
    }
}
