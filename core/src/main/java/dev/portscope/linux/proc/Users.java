package dev.portscope.linux.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * User names and ids: /etc/passwd first, then {@code getent passwd} (NSS: LDAP, sssd …) for what
 * it does not list, each answer kept. Safe to share between threads.
 */
public final class Users {
    /** getent where Debian and the others put it, not whatever a PATH offers a root shell. */
    private static final String GETENT = Files.isExecutable(Path.of("/usr/bin/getent")) ? "/usr/bin/getent"
            : Files.isExecutable(Path.of("/bin/getent")) ? "/bin/getent" : "getent";
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();

    public Users(Path passwd) {
        try {
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", 4);
                if (f.length >= 3) {
                    try {
                        int uid = Integer.parseInt(f[2]);
                        names.putIfAbsent(uid, f[0]);
                        ids.putIfAbsent(f[0], uid);
                    } catch (NumberFormatException ignored) {
                        // a malformed line names nobody
                    }
                }
            }
        } catch (IOException e) {
            // no passwd file: NSS may still answer
        }
    }

    public static Users system() {
        return new Users(Path.of("/etc/passwd"));
    }

    /**
     * Looks up, in one {@code getent passwd} call, the uids /etc/passwd does not name: a host with
     * hundreds of container uids would otherwise start hundreds of processes, one per uid.
     */
    public void resolve(Collection<Integer> uids) {
        List<String> unknown = uids.stream().distinct().filter(u -> !names.containsKey(u)).map(String::valueOf).toList();
        if (unknown.isEmpty()) {
            return;
        }
        for (String[] entry : getentAll(unknown)) {
            try {
                names.putIfAbsent(Integer.parseInt(entry[2]), entry[0]);
            } catch (NumberFormatException ignored) {
                // NSS answered nonsense for this one: its number will do
            }
        }
        unknown.forEach(u -> names.putIfAbsent(Integer.parseInt(u), u)); // nobody names it: the number
    }

    /** The name of a uid; its number when nobody names it. */
    public String name(int uid) {
        return names.computeIfAbsent(uid, u -> getent(Integer.toString(u)).map(e -> e[0]).orElse(Integer.toString(u)));
    }

    /** The uid of a user name, if the system knows the user. */
    public OptionalInt uid(String name) {
        Integer uid = ids.computeIfAbsent(name, n -> getent(n).map(e -> {
            try {
                return Integer.valueOf(e[2]);
            } catch (NumberFormatException bad) {
                return null;
            }
        }).orElse(null));
        return uid == null ? OptionalInt.empty() : OptionalInt.of(uid);
    }

    /** The passwd entries NSS gives for these names or uids (getent exits 2 when some are unknown, and lists the rest). */
    private static List<String[]> getentAll(List<String> keys) {
        List<String> command = new ArrayList<>(List.of(GETENT, "passwd"));
        command.addAll(keys);
        List<String[]> entries = new ArrayList<>();
        try {
            Process getent = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            getent.waitFor();
            for (String line : out.lines().toList()) {
                String[] f = line.split(":", 4);
                if (f.length >= 3) {
                    entries.add(f);
                }
            }
        } catch (IOException e) {
            // no getent on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return entries;
    }

    /** The passwd entry NSS gives for a name or uid, split at ':'. */
    private static Optional<String[]> getent(String key) {
        try {
            Process getent = new ProcessBuilder(GETENT, "passwd", key).redirectErrorStream(true).start();
            String line = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String[] f = line.split(":", 4);
            if (getent.waitFor() == 0 && f.length >= 3) {
                return Optional.of(f);
            }
        } catch (IOException e) {
            // no getent on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
