package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sockets bound to an interface (SO_BINDTODEVICE; a link-local IPv6 address's scope) carry it as
 * ss shows it after the local address ({@code 127.0.0.53%lo:53}, {@code [fe80::1]%v0:7777}), named
 * as their namespace names it: in a fresh namespace with a veth pair, against {@code ss -tuanH} there.
 */
@Live
class BoundInterfaceLiveTest {
    private static final String MIX = """
            import socket, sys, time
            v0 = socket.if_nametoindex("v0")
            s = socket.socket(socket.AF_INET6); s.bind(("fe80::1", 47011, 0, v0)); s.listen(5)
            c = socket.socket(socket.AF_INET6); c.connect(("fe80::1", 47011, 0, v0)); a, _ = s.accept()
            r = socket.socket(); r.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"lo"); r.bind(("127.0.0.53", 53)); r.listen(5)
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            u.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"v1"); u.bind(("0.0.0.0", 47012))
            p = socket.socket(); p.bind(("127.0.0.1", 47013)); p.listen(5)   # bound to no interface
            open(sys.argv[1], "w").close()
            time.sleep(600)
            """;

    /** ss's local ends in the namespace, as "protocol address%interface:port". */
    private static TreeSet<String> ssLocals(TestNetns ns, List<String> filter) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "ss", "-tuanH"));
        line.addAll(filter);
        TreeSet<String> ss = new TreeSet<>();
        for (String row : NonRootOwnersTest.run(line).out().strip().split("\n")) {
            String[] f = row.trim().split("\\s+");
            ss.add(f[0] + " " + f[4]);
        }
        return ss;
    }

    /** portscope's, from --json, written as ss writes them. */
    @SuppressWarnings("unchecked")
    private static TreeSet<String> ours(TestNetns ns, List<String> filter) {
        List<String> args = new java.util.ArrayList<>(List.of("-N", ns.name(), "-tuan", "--json"));
        args.addAll(filter);
        Cli cli = Cli.live(args.toArray(String[]::new));
        assertEquals(0, cli.code(), cli.err());
        TreeSet<String> ours = new TreeSet<>();
        for (Object o : (List<Object>) JsonValue.parse(cli.out())) {
            Map<String, Object> m = (Map<String, Object>) o;
            Map<String, Object> local = (Map<String, Object>) m.get("local");
            String address = (String) local.get("address");
            String host = address.contains(":") ? "[" + address + "]" : address;
            Object iface = m.get("interface");
            ours.add(m.get("protocol") + " " + host + (iface == null ? "" : "%" + iface) + ":" + local.get("port"));
        }
        return ours;
    }

    @Test
    void boundInterfacesEqualSs() throws IOException, InterruptedException {
        TestNetns.assumeUsable();
        try (TestNetns ns = TestNetns.create("pstbi")) {
            for (String step : List.of("ip link add v0 type veth peer name v1", "ip link set v0 up", "ip link set v1 up",
                    "ip -6 addr add fe80::1/64 dev v0 nodad")) {
                List<String> line = new java.util.ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
                line.addAll(List.of(step.split(" ")));
                assertEquals(0, NonRootOwnersTest.run(line).code(), step);
            }
            Process mix = ns.startPython(MIX);
            assertTrue(mix.isAlive(), () -> {
                try {
                    return new String(mix.getErrorStream().readAllBytes());
                } catch (IOException e) {
                    return e.toString();
                }
            });
            TreeSet<String> ss = ssLocals(ns, List.of());
            assertEquals(ss, ours(ns, List.of()), "protocol and local address:port, with ss's %interface");
            assertEquals(4, ss.stream().filter(a -> a.contains("%")).count(), ss.toString());
            for (List<String> filter : List.of(List.of("dev", "=", "lo"), List.of("dev", "=", "v0"), List.of("dev", "!=", "v0"))) {
                assertEquals(ssLocals(ns, filter), ours(ns, filter), "ss's filter " + filter);
            }
            Cli text = Cli.live("-N", ns.name(), "-tlnW");
            assertTrue(text.out().contains("127.0.0.53%lo:53 "), text.out());
            Cli who = Cli.live("-N", ns.name(), "who", "47011");
            assertTrue(who.out().contains("LISTEN      tcp [fe80::1]%v0:47011"), who.out());
        }
    }
}
