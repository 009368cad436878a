package dev.portscope.filter;

import dev.portscope.filter.Filter.Comparison;
import dev.portscope.filter.Filter.End;
import dev.portscope.filter.Filter.PortCompare;
import dev.portscope.model.Endpoint;
import dev.portscope.model.Family;
import dev.portscope.model.Protocol;
import dev.portscope.model.SocketEntry;
import dev.portscope.model.TcpState;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterParserTest {
    /** Services and users of a made-up host: no machine lookups in these tests. */
    static final FilterParser.Lookups LOOKUPS = new FilterParser.Lookups() {
        private final Map<String, Integer> services = Map.of("ssh", 22, "http", 80, "https", 443, "domain", 53);

        @Override
        public OptionalInt port(String service) {
            if (service.equals("twofold")) {
                throw new IllegalArgumentException("'twofold' is 1001/tcp but 1002/udp: give the number");
            }
            Integer p = services.get(service);
            return p == null ? OptionalInt.empty() : OptionalInt.of(p);
        }

        @Override
        public OptionalInt uid(String user) {
            return user.equals("root") ? OptionalInt.of(0) : user.equals("www-data") ? OptionalInt.of(33) : OptionalInt.empty();
        }

        @Override
        public List<InetAddress> addresses(String host) {
            try {
                return switch (host) {
                    case "twohosts" -> List.of(InetAddress.getByName("10.1.1.1"), InetAddress.getByName("2001:db8::7"));
                    case "example.com" -> throw new IllegalArgumentException("'example.com' is a name, and this filter does not look names up");
                    default -> throw new IllegalArgumentException("no address for '" + host + "'");
                };
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
    };

    private static FilterParser.Parsed parse(String expression) {
        return FilterParser.parse(expression, LOOKUPS);
    }

    private static SocketEntry tcp(String local, int sport, String remote, int dport) throws Exception {
        return new SocketEntry(Protocol.TCP, local.contains(":") ? Family.IPV6 : Family.IPV4, TcpState.ESTABLISHED,
                Endpoint.of(bytes(local), sport), Endpoint.of(bytes(remote), dport), 0, 0, 33, 1);
    }

    /** The address's bytes; an IPv4-mapped one keeps its 16 (InetAddress would hand back 4). */
    private static byte[] bytes(String address) throws Exception {
        byte[] b = InetAddress.getByName(address).getAddress();
        return b.length == 4 && address.contains(":") ? HostSpec.mapped(b) : b;
    }

    @Test
    void theManPageExample() {
        FilterParser.Parsed p = parse("state established '( dport = :ssh or sport = :ssh )'".replace("'", ""));
        assertEquals(Optional.of(Set.of(TcpState.ESTABLISHED)), p.states());
        assertEquals(Filter.or(new PortCompare(End.REMOTE, Comparison.EQ, 22), new PortCompare(End.LOCAL, Comparison.EQ, 22)), p.filter());
    }

    @Test
    void andOrAndJuxtapositionGroupLeftToRightAsInSs() {
        PortCompare a = new PortCompare(End.LOCAL, Comparison.EQ, 1);
        PortCompare b = new PortCompare(End.LOCAL, Comparison.EQ, 2);
        PortCompare c = new PortCompare(End.REMOTE, Comparison.EQ, 3);
        assertEquals(Filter.and(Filter.or(a, b), c), parse("sport = :1 or sport = :2 and dport = :3").filter());
        assertEquals(Filter.and(Filter.or(a, b), c), parse("sport :1 | sport eq 2 dport == :3").filter());
        assertEquals(Filter.or(a, Filter.and(b, c)), parse("sport = :1 or (sport = :2 && dport = :3)").filter());
        assertEquals(Filter.and(new Filter.Not(a), b), parse("not sport = :1 sport = :2").filter());
        assertEquals(Filter.and(new Filter.Not(a), b), parse("!(sport = :1) sport = :2").filter());
    }

    @Test
    void everyComparisonInSymbolsAndWords() {
        String[][] ops = {{"=", "==", "eq"}, {"!=", "ne", "neq"}, {"<", "lt"}, {">", "gt"}, {"<=", "le", "leq"}, {">=", "ge", "geq"}};
        Comparison[] meaning = {Comparison.EQ, Comparison.NE, Comparison.LT, Comparison.GT, Comparison.LE, Comparison.GE};
        for (int i = 0; i < ops.length; i++) {
            for (String op : ops[i]) {
                assertEquals(new PortCompare(End.REMOTE, meaning[i], 1024), parse("dport " + op + " :1024").filter(), op);
            }
        }
    }

    @Test
    void statesAndExcludesCombineAsInSs() {
        assertEquals(Optional.of(EnumSet.of(TcpState.TIME_WAIT, TcpState.SYN_RECV, TcpState.NEW_SYN_RECV)), parse("state bucket").states());
        Set<TcpState> connectedButTimeWait = parse("state connected exclude time-wait").states().orElseThrow();
        assertFalse(connectedButTimeWait.contains(TcpState.TIME_WAIT));
        assertFalse(connectedButTimeWait.contains(TcpState.LISTEN));
        assertTrue(connectedButTimeWait.contains(TcpState.ESTABLISHED));
        Set<TcpState> allButListen = parse("exclude listening").states().orElseThrow();
        assertEquals(EnumSet.complementOf(EnumSet.of(TcpState.LISTEN)), allButListen);
        assertEquals(Optional.of(EnumSet.of(TcpState.FIN_WAIT1, TcpState.ESTABLISHED)), parse("state FIN-WAIT-1 state established").states());
    }

    @Test
    void hostConditionsMatchLikeTheKernel() throws Exception {
        Filter net = parse("dst 193.233.7/24").filter();
        assertTrue(net.test(tcp("10.0.0.1", 5000, "193.233.7.99", 80)));
        assertFalse(net.test(tcp("10.0.0.1", 5000, "193.233.8.99", 80)));
        assertTrue(net.test(tcp("::ffff:10.0.0.1", 5000, "::ffff:193.233.7.1", 80)), "IPv4 prefixes match IPv4-mapped peers");
        Filter v6 = parse("src [::1]:22").filter();
        assertTrue(v6.test(tcp("::1", 22, "::1", 40000)));
        assertFalse(v6.test(tcp("::1", 23, "::1", 40000)));
        assertFalse(v6.test(tcp("127.0.0.1", 22, "127.0.0.1", 40000)));
        assertTrue(parse("dst :https").filter().test(tcp("10.0.0.1", 5000, "10.9.9.9", 443)));
        assertTrue(parse("src *").filter().test(tcp("::1", 1, "::1", 2)));
        assertTrue(parse("src 2001:db8::/32").filter().test(tcp("2001:db8::5", 1, "::1", 2)));
        assertTrue(parse("src ::1").filter().test(tcp("::1", 1, "::1", 2)), "no address and port to split: all address");
        assertTrue(parse("src fe80::1").filter().test(tcp("fe80::1", 1, "::1", 2)));
        assertTrue(parse("src ::ffff:10.0.0.1").filter().test(tcp("::ffff:10.0.0.1", 1, "::1", 2)), "a dotted tail is no port");
        Filter ssSplit = parse("dst ::1:22").filter(); // ss: the last colon starts the port
        assertTrue(ssSplit.test(tcp("::1", 40000, "::1", 22)));
        assertFalse(ssSplit.test(tcp("::1", 40000, "::1:22", 9)), "not the address ::1:22");
        assertTrue(parse("src :::443").filter().test(tcp("::", 443, "::", 0)));
        assertFalse(parse("src :::443").filter().test(tcp("::1", 443, "::", 0)));
        assertTrue(parse("src ::1/128:8080").filter().test(tcp("::1", 8080, "::1", 1)));
        assertTrue(parse("src 2001:db8::1:ssh").filter().test(tcp("2001:db8::1", 22, "::1", 1)));
        assertTrue(parse("src ::ffff:10.0.0.1:80").filter().test(tcp("::ffff:10.0.0.1", 80, "::1", 2)));
        Filter named = parse("dst twohosts:443").filter(); // every address of the name
        assertTrue(named.test(tcp("10.0.0.1", 5000, "10.1.1.1", 443)));
        assertTrue(named.test(tcp("::1", 5000, "2001:db8::7", 443)));
        assertTrue(named.test(tcp("::ffff:10.0.0.1", 5000, "::ffff:10.1.1.1", 443)), "IPv4 addresses match mapped peers");
        assertFalse(named.test(tcp("10.0.0.1", 5000, "10.1.1.1", 80)));
        assertTrue(parse("src [2001:db8::]/32:7").filter().test(tcp("2001:db8::5", 7, "::1", 2)));
        assertTrue(parse("dst != 10.0.0.0/8").filter().test(tcp("10.0.0.1", 5000, "11.0.0.1", 80)));
    }

    @Test
    void portscopesOwnConditions() throws Exception {
        assertEquals(new UserMatch(33), parse("user = www-data").filter());
        assertEquals(new UserMatch(0), parse("user 0").filter());
        assertEquals(new Filter.Not(new FactMatch.Pid(812)), parse("pid != 812").filter());
        assertEquals(new FactMatch.Command("nginx"), parse("comm = nginx").filter());
        assertEquals(new FactMatch.ServiceClass(dev.portscope.model.PortClass.SYSTEM), parse("class = system").filter());
        assertEquals(new FactMatch.Way(dev.portscope.model.Direction.IN), parse("dir = in").filter());
        assertEquals(Set.of(FactMatch.Need.PROCESSES, FactMatch.Need.LISTENERS), Filter.needs(parse("pid = 1 or dir = out").filter()));
        assertTrue(parse("user = www-data").filter().test(tcp("10.0.0.1", 1, "10.0.0.2", 2)));
        assertEquals(new FactMatch.Namespace("web"), parse("netns = web").filter());
        assertEquals(new Filter.Not(new FactMatch.ContainerIs("docker:0123456789ab")), parse("container != docker:0123456789ab").filter());
        assertEquals(new FactMatch.CgroupPath("/system.slice/nginx.service"), parse("cgroup /system.slice/nginx.service").filter(), "ss's form");
        assertEquals(Set.of(FactMatch.Need.NAMESPACES, FactMatch.Need.CGROUPS), Filter.needs(parse("netns = 4026532177 or container = ab").filter()));
        assertTrue(new FactMatch.Namespace("7").test(tcp("10.0.0.1", 1, "10.0.0.2", 2).inNamespace(7), Facts.NONE), "an inode needs no names");
        assertEquals(new DeviceMatch("lo"), parse("dev = lo").filter());
        assertEquals(new Filter.Not(new DeviceMatch("eth0")), parse("dev != eth0").filter());
        assertEquals(Set.of(), Filter.needs(parse("dev = lo").filter()), "the socket carries its interface: no facts");
        assertTrue(DeviceMatch.in(parse("sport = :53 and not dev = lo").filter()));
        assertFalse(parse("dev = lo").filter().test(tcp("10.0.0.1", 1, "10.0.0.2", 2)), "bound to no interface");
    }

    @Test
    void everyStateWordPortscopePrintsIsReadBack() {
        for (TcpState state : TcpState.values()) {
            Set<TcpState> named = parse("state " + state.netstatName()).states().orElseThrow();
            assertTrue(named.contains(state), state.netstatName() + " -> " + named);
        }
        assertEquals(Optional.of(Set.of(TcpState.BOUND_INACTIVE)), parse("state bound-inactive").states());
        assertFalse(parse("state connected").states().orElseThrow().contains(TcpState.BOUND_INACTIVE));
        assertTrue(parse("state all").states().orElseThrow().contains(TcpState.BOUND_INACTIVE));
        assertEquals(Optional.of(Set.of(TcpState.ESTABLISHED)), parse("state ESTAB").states(), "ss's word");
    }

    @Test
    void anEmptyFilterPassesEverything() {
        assertEquals(new FilterParser.Parsed(Optional.empty(), Filter.always()), parse("  "));
    }

    @Test
    void errorsPointAtTheBadToken() {
        assertPoints("dport = :htp", 8, "no service named 'htp'");
        assertPoints("sport = :70000", 8, "port 70000 is not in 0-65535");
        assertPoints("( sport = :22", 0, "never closed");
        assertPoints("sport = :22 )", 12, "')' without a '('");
        assertPoints("dport >", 7, "expected a port");
        assertPoints("dst 300.1.1.1", 4, "not an address");
        assertPoints("dst example.com", 4, "does not look names up");
        assertPoints("dst nowhere.test", 4, "no address for 'nowhere.test'");
        assertPoints("dst twohosts/8", 4, "a prefix length needs an address");
        assertPoints("state bound_inactivee", 6, "no state named");
        assertPoints("src 10.0.0.0/33", 4, "prefix length '33'");
        assertPoints("bogus = 1", 0, "expected a condition");
        assertPoints("state nonsense", 6, "no state named 'nonsense'");
        assertPoints("sport = :22 state listening", 12, "must come before the expression");
        assertPoints("or sport = :1", 0, "expected a condition before 'or'");
        assertPoints("dport = :twofold", 8, "give the number");
        assertPoints("user = nobody-here", 7, "no user named");
        assertPoints("class = huge", 8, "class is system");
        assertPoints("dir > in", 4, "takes = or != only");
        assertPoints("fwmark = 0x1", 0, "does not filter on 'fwmark'");
        assertPoints("dev >= 2", 4, "takes = or != only");
        assertPoints("src [::1", 4, "'[' without ']'");
    }

    private static void assertPoints(String expression, int column, String reason) {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> parse(expression), expression);
        assertTrue(e.getMessage().contains(reason), expression + ": " + e.getMessage());
        assertEquals(column, e.start(), expression + ": " + e.getMessage() + "\n" + e.pointer());
        assertEquals(expression, e.pointer().lines().findFirst().orElseThrow());
    }
}
