package dev.portscope.linux.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code /proc/[pid]} says about one process, as the files say it: command name, command
 * line, real uid, start time in clock ticks and cgroup. Each read may find the process gone;
 * fields are then empty.
 *
 * @param pid          process id
 * @param command      {@code comm}: the name ss and netstat show, e.g. {@code nginx}
 * @param commandLine  arguments joined by spaces; empty for kernel threads or when unreadable
 * @param uid          real user id from {@code status}, if readable
 * @param startTicks   start time in clock ticks after boot ({@code stat} field 22)
 * @param cgroup       the unified-hierarchy cgroup path ({@code 0::/system.slice/nginx.service})
 */
public record ProcessFiles(int pid, String command, Optional<String> commandLine, Optional<Integer> uid,
                          Optional<Long> startTicks, Optional<String> cgroup) {

    /** Reads what can be read of process {@code pid}. */
    public static ProcessFiles read(ProcRoot proc, int pid) {
        Path dir = proc.process(pid);
        String command = bytes(proc, dir.resolve("comm")).map(ProcessFiles::command).orElse("?");
        Optional<String> commandLine = bytes(proc, dir.resolve("cmdline")).map(ProcessFiles::commandLine).filter(s -> !s.isEmpty());
        Optional<Integer> uid = lines(proc, dir.resolve("status"), "Uid:").flatMap(ProcessFiles::realUid);
        Optional<Long> start = firstLine(proc, dir.resolve("stat")).flatMap(ProcessFiles::startTicks);
        Optional<String> cgroup = lines(proc, dir.resolve("cgroup"), "0::").map(l -> l.substring(3));
        return new ProcessFiles(pid, command, commandLine, uid, start, cgroup);
    }

    /** Process {@code pid}'s command name ({@code comm}) alone, if it can be read. */
    public static Optional<String> command(ProcRoot proc, int pid) {
        return bytes(proc, proc.process(pid).resolve("comm")).map(ProcessFiles::command);
    }

    /** The boot time in seconds since the epoch ({@code btime} of {@code /proc/stat}), if readable. */
    public static Optional<Long> bootTime(ProcRoot proc) {
        return lines(proc, proc.root().resolve("stat"), "btime ").flatMap(line -> {
            try {
                return Optional.of(Long.parseLong(line.substring(6).strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static String commandLine(byte[] raw) {
        int end = raw.length;
        while (end > 0 && raw[end - 1] == 0) {
            end--;
        }
        return text(raw, end).replace('\0', ' ');
    }

    /** {@code comm}: the name and a newline. */
    static String command(byte[] raw) {
        int end = raw.length;
        if (end > 0 && raw[end - 1] == '\n') {
            end--;
        }
        return text(raw, end);
    }

    /**
     * UTF-8 text, with each byte that is not part of a UTF-8 character written as {@code \xNN}: a
     * process may name itself with any bytes, and a name must stay visible, not turn into U+FFFD.
     */
    static String text(byte[] raw, int length) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw, 0, length);
        CharBuffer out = CharBuffer.allocate(length * 4 + 4);
        while (true) {
            CoderResult result = utf8.decode(in, out, true);
            if (result.isUnderflow()) {
                break;
            }
            for (int i = 0; i < result.length(); i++) { // malformed: spell the bytes out
                out.put(String.format("\\x%02x", in.get() & 0xff));
            }
        }
        utf8.flush(out);
        return out.flip().toString();
    }

    /** Field 22 of {@code stat}; the command in field 2 may hold spaces and parentheses. */
    static Optional<Long> startTicks(String stat) {
        return statField(stat, 22);
    }

    /** The parent's pid (field 4 of {@code stat}), if the process is still there. */
    static Optional<Integer> parentPid(ProcRoot proc, int pid) {
        return firstLine(proc, proc.process(pid).resolve("stat")).flatMap(stat -> statField(stat, 4)).map(Long::intValue);
    }

    /** Field {@code n} (1-based, as proc(5) numbers them) of a {@code stat} line. */
    private static Optional<Long> statField(String stat, int n) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 > stat.length()) {
            return Optional.empty();
        }
        String[] fields = stat.substring(close + 2).split(" ");
        try {
            return fields.length > n - 3 ? Optional.of(Long.parseLong(fields[n - 3])) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code Uid:\treal\teffective...}: the real uid, if it is a number. */
    static Optional<Integer> realUid(String statusLine) {
        try {
            return Optional.of(Integer.parseInt(statusLine.substring(4).strip().split("\\s+")[0]));
        } catch (NumberFormatException e) {
            return Optional.empty(); // a snapshot's garbage: no uid, not a failed run
        }
    }

    private static Optional<String> firstLine(ProcRoot proc, Path file) {
        if (!BoundedFiles.readable(proc, file)) {
            return Optional.empty();
        }
        try (BufferedReader r = BoundedFiles.reader(file, StandardCharsets.UTF_8, BoundedFiles.SMALL)) {
            return Optional.ofNullable(r.readLine());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> lines(ProcRoot proc, Path file, String prefix) {
        if (!BoundedFiles.readable(proc, file)) {
            return Optional.empty();
        }
        try (BufferedReader r = BoundedFiles.reader(file, StandardCharsets.UTF_8, BoundedFiles.SMALL)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(prefix)) {
                    return Optional.of(line);
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** /proc files report size 0, so read with a plain loop rather than readAllBytes. */
    private static Optional<byte[]> bytes(ProcRoot proc, Path file) {
        if (!BoundedFiles.readable(proc, file)) {
            return Optional.empty();
        }
        try (InputStream in = BoundedFiles.stream(file, BoundedFiles.SMALL)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return Optional.of(out.toByteArray());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
