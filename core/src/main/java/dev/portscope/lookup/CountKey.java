package dev.portscope.lookup;

import dev.portscope.model.Netns;
import dev.portscope.model.Owner;
import dev.portscope.model.SocketEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What sockets are counted by ({@code portscope top --by KEY}). */
public enum CountKey {
    REMOTE_HOST("remote-host"), REMOTE_PORT("remote-port"), LOCAL_PORT("local-port"), PROCESS("process"), STATE("state"),
    /** The network namespace: its name, else {@code net:[INODE]}. */
    NETNS("netns"),
    /** The container or unit of the socket's cgroup ({@code docker:0123456789ab}), else its cgroup path, else {@code -}. */
    CONTAINER("container"),
    /** The socket itself: {@code local -> remote} ({@code 127.0.0.1:5000 -> 127.0.0.1:41234}). */
    CONNECTION("connection");

    private final String label;

    CountKey(String label) {
        this.label = label;
    }

    /** The key's name on the command line and in JSON, e.g. {@code remote-host}. */
    public String label() {
        return label;
    }

    /** The key's name as a JSON field: {@code remoteHost}, {@code remotePort}, {@code localPort}, {@code process}, {@code state}. */
    public String jsonName() {
        int dash = label.indexOf('-');
        return dash < 0 ? label : label.substring(0, dash) + Character.toUpperCase(label.charAt(dash + 1)) + label.substring(dash + 2);
    }

    /** Every key's name, in declaration order: what --by takes. */
    public static List<String> labels() {
        return java.util.Arrays.stream(values()).map(CountKey::label).toList();
    }

    /** The key of that name. */
    public static Optional<CountKey> of(String label) {
        for (CountKey k : values()) {
            if (k.label.equals(label)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Whether counting by this key needs the process table. */
    public boolean needsOwners() {
        return this == PROCESS;
    }

    /**
     * The keys a socket counts under: one, except that a socket shared by several processes
     * counts for each ({@code pid/command}; {@code -} when no owner could be seen). A remote host
     * is its IPv4 address when it is IPv4-mapped; ports are decimal; states as netstat writes them.
     */
    public List<String> keysOf(SocketEntry s, Optional<Owners> owners) {
        return keysOf(s, owners, Map.of(), Optional.empty());
    }

    /** The same, with the namespaces' names and the cgroups that {@link #NETNS} and {@link #CONTAINER} read. */
    public List<String> keysOf(SocketEntry s, Optional<Owners> owners, Map<Long, Netns> namespaces, Optional<Cgroups> cgroups) {
        return switch (this) {
            case NETNS -> List.of(Netns.labelOf(s.netns(), namespaces));
            case CONTAINER -> List.of(cgroups.map(c -> c.label(s)).orElse("-"));
            case REMOTE_HOST -> List.of(s.remote().unmapped().hostString()); // ::ffff:10.0.0.1 is the host 10.0.0.1
            case REMOTE_PORT -> List.of(Integer.toString(s.remote().port()));
            case LOCAL_PORT -> List.of(Integer.toString(s.local().port()));
            case STATE -> List.of(s.state().netstatName());
            case CONNECTION -> List.of(s.local() + " -> " + s.remote());
            case PROCESS -> {
                List<String> holders = new ArrayList<>();
                for (Owner o : owners.orElseThrow(() -> new IllegalStateException("counting by process needs the owners")).of(s)) {
                    String key = o.pid() + "/" + o.command();
                    if (!holders.contains(key)) {
                        holders.add(key);
                    }
                }
                yield holders.isEmpty() ? List.of("-") : holders;
            }
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
