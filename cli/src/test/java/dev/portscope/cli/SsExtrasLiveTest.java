package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** -e -o -m -i say what {@code ss -tanoemi} says about the same live loopback sockets. */
@Live
class SsExtrasLiveTest {
    /** Values that move between two reads: compared for presence only. */
    private static final Set<String> MOVING = Set.of("rtt", "lastsnd", "lastrcv", "lastack", "pacing_rate", "delivery_rate",
            "minrtt", "busy", "rcv_rtt", "timer");
    /** What ss prints and portscope leaves out (derived or not decoded yet). */
    private static final Set<String> NOT_SHOWN = Set.of("cgroup", "<->", "-->", "<--", "send", "bbr", "Process", "");

    @Test
    void extrasAgreeWithSs() throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(loopback, 0), 9);
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET)) {
            client.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            client.connect(server.getLocalAddress());
            try (SocketChannel accepted = server.accept()) {
                client.write(ByteBuffer.wrap(new byte[1000]));
                TimeUnit.MILLISECONDS.sleep(50);
                int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
                Map<String, Map<String, String>> ss = bySocketCookie(SocketMix.run("ss", "-tanoemiH",
                        "src 127.0.0.1:" + port + " or dst 127.0.0.1:" + port));
                Cli ours = Cli.live("-tanoemi");
                assertEquals(0, ours.code(), ours.err());
                Map<String, Map<String, String>> mine = bySocketCookie(ours.out());
                assertEquals(3, ss.size(), ss.toString());
                for (Map.Entry<String, Map<String, String>> e : ss.entrySet()) {
                    Map<String, String> theirs = e.getValue();
                    Map<String, String> ourTokens = mine.get(e.getKey());
                    assertTrue(ourTokens != null, "socket sk:" + e.getKey() + " missing from portscope's output:\n" + ours.out());
                    for (Map.Entry<String, String> t : theirs.entrySet()) {
                        String key = t.getKey();
                        if (NOT_SHOWN.contains(key)) {
                            continue;
                        }
                        assertTrue(ourTokens.containsKey(key), key + " missing for sk:" + e.getKey() + ": " + ourTokens);
                        if (!MOVING.contains(key)) {
                            assertEquals(t.getValue(), ourTokens.get(key), key + " of sk:" + e.getKey());
                        }
                    }
                    assertEquals(theirs.get("timer") == null, ourTokens.get("timer") == null);
                    if (theirs.get("timer") != null) {
                        assertEquals(theirs.get("timer").split(",")[0], ourTokens.get("timer").split(",")[0]);
                    }
                }
                assertTrue(ss.values().stream().anyMatch(t -> t.keySet().containsAll(Set.of("skmem", "wscale", "rto", "rtt", "mss",
                        "cwnd", "bytes_sent", "bytes_acked", "ino", "sk", "timer"))), "ss gave too little to compare: " + ss);
            }
        }
    }

    @Test
    void jsonCarriesTheExtras() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(loopback, 0));
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET)) {
            client.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            client.connect(server.getLocalAddress());
            try (SocketChannel accepted = server.accept()) {
                int clientPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
                Cli run = Cli.live("-tanmi", "--json");
                assertEquals(0, run.code(), run.err());
                String object = run.out().lines()
                        .filter(l -> l.contains("\"local\":{\"address\":\"127.0.0.1\",\"port\":" + clientPort + "}")
                                && l.contains("\"state\":\"ESTABLISHED\"")) // not a TIME-WAIT socket of an earlier connection from the same port
                        .findFirst().orElseThrow(() -> new AssertionError("client socket missing:\n" + run.out()));
                assertTrue(Pattern.compile("\"cookie\":[1-9][0-9]*,").matcher(object).find(), "cookie missing from " + object);
                for (String field : List.of("\"timer\":{\"kind\":\"keepalive\"", "\"memory\":{\"rmemAlloc\":",
                        "\"tcpInfo\":{", "\"rttMicros\":", "\"sndCwnd\":", "\"congestion\":\"")) {
                    assertTrue(object.contains(field), field + " missing from " + object);
                }
            }
        }
    }

    private static final Pattern KEY_VALUE = Pattern.compile("([a-z][a-z0-9_]*):(.*)");

    /** Each socket's tokens ({@code key:value}, or a bare word as its own key), keyed by its sk cookie. */
    static Map<String, Map<String, String>> bySocketCookie(String output) {
        List<String> sockets = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("\t") && !sockets.isEmpty()) {
                sockets.set(sockets.size() - 1, sockets.getLast() + " " + line.strip());
            } else {
                sockets.add(line);
            }
        }
        Map<String, Map<String, String>> result = new HashMap<>();
        for (String socket : sockets) {
            Map<String, String> tokens = new HashMap<>();
            String[] words = socket.strip().split("\\s+");
            for (int i = 0; i < words.length; i++) {
                String w = words[i];
                Matcher keyValue = KEY_VALUE.matcher(w);
                if (w.equals("pacing_rate") || w.equals("delivery_rate") || w.equals("send")) {
                    tokens.put(w, i + 1 < words.length ? words[++i] : "");
                } else if (keyValue.matches()) {
                    tokens.put(keyValue.group(1), keyValue.group(2));
                } else if (w.matches("[a-z_]+") && !w.equals("tcp")) {
                    tokens.put(w, "");
                }
            }
            if (tokens.containsKey("sk")) {
                result.put(tokens.get("sk"), tokens);
            }
        }
        return result;
    }
}
