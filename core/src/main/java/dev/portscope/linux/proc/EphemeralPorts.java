package dev.portscope.linux.proc;

import dev.portscope.model.PortRange;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

/** Reads this host's ephemeral port range from {@code net.ipv4.ip_local_port_range}. */
public final class EphemeralPorts {
    private EphemeralPorts() {
    }

    /** The range as the file states it, or empty when it cannot be read or makes no sense. */
    public static Optional<PortRange> read(ProcRoot proc) {
        // Files.readString trusts the size /proc/sys reports and returned "3" here: read line-wise instead.
        if (!BoundedFiles.readable(proc, proc.ephemeralPortRange())) {
            return Optional.empty();
        }
        try (BufferedReader reader = BoundedFiles.reader(proc.ephemeralPortRange(), StandardCharsets.ISO_8859_1, BoundedFiles.SMALL)) {
            String line = reader.readLine();
            return line == null ? Optional.empty() : parse(line);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses the file's text: two numbers separated by white space, e.g. {@code "32768\t60999\n"}. */
    public static Optional<PortRange> parse(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PortRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
