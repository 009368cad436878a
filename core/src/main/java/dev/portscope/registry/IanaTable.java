package dev.portscope.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the IANA registry table shipped as a resource ({@code iana-ports.tsv}, written by
 * {@code tools/port-registry/convert.py}): {@code port TAB protocols TAB name TAB description}.
 */
final class IanaTable {
    static final String RESOURCE = "iana-ports.tsv";

    private IanaTable() {
    }

    static List<ServiceEntry> load() {
        try (InputStream in = IanaTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("portscope-core is missing its resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ServiceEntry> parse(List<String> lines) {
        List<ServiceEntry> entries = new ArrayList<>(lines.size() * 2);
        for (String line : lines) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            String[] f = line.split("\t", 4);
            if (f.length != 4) {
                throw new IllegalStateException("malformed registry row: " + line);
            }
            int port = Integer.parseInt(f[0]);
            for (String protocol : f[1].split(",")) {
                entries.add(new ServiceEntry(port, protocol, f[2], List.of(), f[3], ServiceEntry.Origin.IANA));
            }
        }
        return entries;
    }
}
