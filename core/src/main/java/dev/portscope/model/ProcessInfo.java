package dev.portscope.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A process that holds sockets, as {@code /proc/[pid]} describes it when it is read. Fields are
 * empty when they could not be read (the process ended, or is another user's).
 *
 * @param pid         process id
 * @param command     {@code comm}: the name ss and netstat show, e.g. {@code nginx}; {@code ?} when unreadable
 * @param commandLine arguments joined by spaces; empty for kernel threads or when unreadable
 * @param uid         real user id
 * @param user        the uid's name (/etc/passwd, then NSS); the number when nobody names it
 * @param started     when the process started
 * @param cgroup      the unified-hierarchy cgroup path, e.g. {@code /system.slice/nginx.service}
 */
public record ProcessInfo(int pid, String command, Optional<String> commandLine, Optional<Integer> uid, Optional<String> user,
                          Optional<Instant> started, Optional<String> cgroup) {

    /** The systemd unit the cgroup path names, e.g. {@code nginx.service}, if it names one. */
    public Optional<String> unit() {
        return cgroup.flatMap(path -> {
            String[] parts = path.split("/");
            for (int i = parts.length - 1; i >= 0; i--) {
                if (parts[i].endsWith(".service") || parts[i].endsWith(".scope")) {
                    return Optional.of(parts[i]);
                }
            }
            return Optional.empty();
        });
    }
}
