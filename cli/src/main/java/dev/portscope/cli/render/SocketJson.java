package dev.portscope.cli.render;

import dev.portscope.model.Direction;
import dev.portscope.model.Endpoint;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.SocketExtras;
import dev.portscope.lookup.Directions;

import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;

/**
 * Sockets as JSON. Field names are part of portscope's interface (README.md, "JSON output") and
 * change only with notice: protocol, family, state, local {address, port}, remote {address, port},
 * recvQ, sendQ, uid, inode; from netlink also cookie, v6only, timer, memory (-m), tcpInfo and
 * congestion (-i); for connected sockets direction, serviceEnd, clientEphemeral; with -p owners.
 */
public final class SocketJson {
    // Names escaped once: a 100k-socket listing writes each 100k times.
    private static final Json.Key PROTOCOL = Json.Key.of("protocol");
    private static final Json.Key FAMILY = Json.Key.of("family");
    private static final Json.Key STATE = Json.Key.of("state");
    private static final Json.Key LOCAL = Json.Key.of("local");
    private static final Json.Key REMOTE = Json.Key.of("remote");
    private static final Json.Key RECV_Q = Json.Key.of("recvQ");
    private static final Json.Key SEND_Q = Json.Key.of("sendQ");
    private static final Json.Key UID = Json.Key.of("uid");
    private static final Json.Key INODE = Json.Key.of("inode");
    private static final Json.Key ADDRESS = Json.Key.of("address");
    private static final Json.Key PORT = Json.Key.of("port");
    private static final Json.Key COOKIE = Json.Key.of("cookie");
    private static final Json.Key V6ONLY = Json.Key.of("v6only");
    private static final Json.Key DIRECTION = Json.Key.of("direction");
    private static final Json.Key SERVICE_END = Json.Key.of("serviceEnd");
    private static final Json.Key CLIENT_EPHEMERAL = Json.Key.of("clientEphemeral");

    private SocketJson() {
    }

    /** Fields a lookup adds to a socket's object: its owners (-p), its direction. */
    public interface Fields {
        void write(Json json, SocketEntry socket);
    }

    /** One array, one object per line, written as the sockets arrive, each with the lookups' fields. */
    public static void writeArray(PrintWriter out, Iterator<SocketEntry> sockets, List<? extends Fields> lookups) {
        Json.writeArray(out, sockets, (json, s) -> write(json, s, lookups));
    }

    /** One object per line (JSON lines), each written as its socket arrives; nothing for no sockets. */
    public static void writeLines(PrintWriter out, Iterator<SocketEntry> sockets, List<? extends Fields> lookups) {
        Json.writeLines(out, sockets, (json, s) -> write(json, s, lookups));
    }

    /** One socket as one JSON object. */
    public static void write(Json json, SocketEntry s, List<? extends Fields> lookups) {
        write(json, s, (j, socket) -> { }, lookups);
    }

    /** One socket as one JSON object, {@code leading}'s fields first (an event's time and kind). */
    public static void write(Json json, SocketEntry s, Fields leading, List<? extends Fields> lookups) {
        json.beginObject();
        leading.write(json, s);
        json.name(PROTOCOL).value(s.protocol().label())
                .name(FAMILY).value(s.family().label())
                .name(STATE).value(s.state().netstatName());
        endpoint(json.name(LOCAL), s.local());
        endpoint(json.name(REMOTE), s.remote());
        json.name(RECV_Q).value(s.recvQ())
                .name(SEND_Q).value(s.sendQ())
                .name(UID).value(s.uid())
                .name(INODE).value(s.inode());
        extras(json, s.extras());
        for (Fields lookup : lookups) {
            lookup.write(json, s);
        }
        json.endObject();
    }

    /** Netlink's extras, each only when the source gave it. */
    private static void extras(Json json, SocketExtras x) {
        x.cookie().ifPresent(c -> json.name(COOKIE).valueUnsigned(c));
        x.v6only().ifPresent(v -> json.name(V6ONLY).value(v));
        x.timer().ifPresent(t -> json.name("timer").beginObject().name("kind").value(t.kind().ssName())
                .name("expiresMs").value(t.expiresMillis()).name("retransmits").value(t.retransmits()).endObject());
        x.memory().ifPresent(m -> fields(json.name("memory"), m));
        x.tcpInfo().ifPresent(t -> fields(json.name("tcpInfo"), t));
        x.congestion().ifPresent(c -> json.name("congestion").value(c));
        x.boundInterface().ifPresent(i -> json.name("interface").value(i.label()).name("interfaceIndex").value(i.index()));
    }

    /** A record of numbers and booleans as an object named after its components (longs hold the kernel's unsigned values). */
    static void fields(Json json, Record r) {
        json.beginObject();
        for (Component c : COMPONENTS.get(r.getClass())) {
            try {
                Object v = c.accessor().invoke(r);
                json.name(c.name());
                if (v instanceof Boolean b) {
                    json.value(b);
                } else if (v instanceof Long l) {
                    json.valueUnsigned(l); // the kernel's u64s: ~0 (max_pacing_rate unlimited) is 18446744073709551615, not -1
                } else {
                    json.value(((Number) v).longValue());
                }
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
        json.endObject();
    }

    /** A record component's JSON name and its accessor as {@code (Object) -> Object}. */
    private record Component(Json.Key name, java.lang.invoke.MethodHandle accessor) {
    }

    // Method.invoke per component per socket interned a MethodType each time: the most of watch's
    // CPU at 28,000 closes/s (JFR). Each record class's accessors are looked up once.
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            java.util.List<Component> list = new java.util.ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                try {
                    list.add(new Component(Json.Key.of(c.getName()), java.lang.invoke.MethodHandles.publicLookup().unreflect(c.getAccessor())
                            .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class))));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            return List.copyOf(list);
        }
    };

    /** direction ("in", "out"), serviceEnd ("local", "remote"), clientEphemeral: for connected sockets. */
    public static Fields roles(Directions directions) {
        return (json, s) -> directions.of(s).ifPresent(r -> json.name(DIRECTION).value(r.direction().label())
                .name(SERVICE_END).value(r.direction() == Direction.IN ? "local" : "remote")
                .name(CLIENT_EPHEMERAL).value(r.clientEphemeral()));
    }

    /** {@code "netns": {"inode", "name"}} (name null when it has none): where the socket lives, for reads of chosen namespaces. */
    public static Fields netns(java.util.Map<Long, dev.portscope.model.Netns> namespaces) {
        return (json, s) -> netns(json, s.netns(), namespaces);
    }

    /** {@code "netns": {"inode", "name"}} of a socket of any family. */
    public static void netns(Json json, long inode, java.util.Map<Long, dev.portscope.model.Netns> namespaces) {
        json.name("netns").beginObject().name("inode").value(inode).name("name");
        dev.portscope.model.Netns.nameOf(inode, namespaces).ifPresentOrElse(json::value, json::nullValue);
        json.endObject();
    }

    /**
     * {@code "cgroup": PATH} and {@code "container": {"kind", "name", "pod"}} (pod null outside
     * Kubernetes); null each when the kernel gave no cgroup id or the path names no container.
     */
    public static Fields cgroup(dev.portscope.lookup.Cgroups cgroups) {
        return (json, s) -> {
            json.name("cgroup");
            cgroups.path(s).ifPresentOrElse(json::value, json::nullValue);
            json.name("container");
            cgroups.container(s).ifPresentOrElse(c -> {
                json.beginObject().name("kind").value(c.kind()).name("name").value(c.name()).name("pod");
                c.pod().ifPresentOrElse(json::value, json::nullValue);
                json.endObject();
            }, json::nullValue);
        };
    }

    private static void endpoint(Json json, Endpoint e) {
        json.beginObject().name(ADDRESS).value(e.hostString()).name(PORT).value(e.port()).endObject();
    }
}
