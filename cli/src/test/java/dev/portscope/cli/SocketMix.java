package dev.portscope.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a known mix of sockets in a fresh network namespace and records what ss, /proc/net and
 * portscope say about them. Run as {@code unshare -n java -cp ... dev.portscope.cli.SocketMix DIR}:
 * it brings lo up, builds the mix, then writes into DIR
 * <ul>
 *   <li>{@code ss.txt}: {@code ss -tuanH},</li>
 *   <li>{@code net/tcp, net/tcp6, net/udp, net/udp6}: verbatim copies of /proc/net (a snapshot),</li>
 *   <li>{@code portscope.txt}: {@code portscope -tuan} (netlink), with its stderr in {@code portscope.err},</li>
 *   <li>{@code portscope-procfs.txt}: {@code portscope -tuan --source procfs},</li>
 *   <li>{@code ss-raw.txt} and {@code portscope-raw.txt}: {@code ss -wanH} and {@code portscope -wan},</li>
 *   <li>{@code ss-owners.txt} and {@code portscope-owners.txt}: {@code ss -tuanpeH} and {@code portscope -tuanpe}.</li>
 * </ul>
 * The same program captured the parser fixtures in portscope-core.
 */
public final class SocketMix implements Closeable {
    private final List<Closeable> open = new ArrayList<>();
    /** Java cannot open RAW sockets; a small python3 helper in the same namespace holds them. */
    private static final String RAW_SOCKETS = String.join("\n",
            "import socket, sys",
            "a = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)",
            "b = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)",
            "c = socket.socket(socket.AF_INET, socket.SOCK_RAW, 253); c.bind(('127.0.0.1', 0)); c.connect(('127.0.0.1', 0))",
            "print('ready', flush=True)",
            "sys.stdin.read()");

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        run("ip", "link", "set", "lo", "up");
        try (SocketMix mix = new SocketMix()) {
            mix.build();
            Files.createDirectories(dir.resolve("net"));
            Files.writeString(dir.resolve("ss.txt"), run("ss", "-tuanH"));
            for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
                copyProcFile(Path.of("/proc/net", table), dir.resolve("net").resolve(table));
            }
            portscope(dir, "portscope", "-tuan", "--debug");
            portscope(dir, "portscope-procfs", "-tuan", "--source", "procfs");
            Files.writeString(dir.resolve("ss-raw.txt"), run("ss", "-wanH"));
            Files.writeString(dir.resolve("ss-owners.txt"), run("ss", "-tuanpeH"));
            portscope(dir, "portscope-owners", "-tuanpe");
            portscope(dir, "portscope-raw", "-wan");
        }
    }

    private static void portscope(Path dir, String name, String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        Files.writeString(dir.resolve(name + ".txt"), out.toString());
        Files.writeString(dir.resolve(name + ".err"), "exit " + code + "\n" + err);
    }

    void build() throws IOException, InterruptedException {
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("::1");

        ServerSocketChannel onLoopback = listen(StandardProtocolFamily.INET, "127.0.0.1", 50);
        ServerSocketChannel onAny = listen(StandardProtocolFamily.INET, "0.0.0.0", 50);
        ServerSocketChannel onV6Loopback = listen(StandardProtocolFamily.INET6, "::1", 50);
        ServerSocketChannel dualStack = listen(StandardProtocolFamily.INET6, "::", 50);

        // Established over IPv4, with 100 unread bytes in the server's receive queue.
        SocketChannel client = connect(StandardProtocolFamily.INET, v4, onLoopback);
        keep(onLoopback.accept());
        client.write(ByteBuffer.wrap(new byte[100]));
        // Established over IPv6, and over IPv4-mapped IPv6 (an IPv4 client reaching the dual-stack listener).
        connect(StandardProtocolFamily.INET6, v6, onV6Loopback);
        keep(onV6Loopback.accept());
        connect(StandardProtocolFamily.INET, v4, dualStack);
        keep(dualStack.accept());
        // FIN-WAIT-2 on the client and CLOSE-WAIT on the server: the client shuts its side only.
        SocketChannel halfClosed = connect(StandardProtocolFamily.INET, v4, onAny);
        keep(onAny.accept());
        halfClosed.shutdownOutput();
        // TIME-WAIT: the client closes first, then the server.
        SocketChannel closing = SocketChannel.open(StandardProtocolFamily.INET);
        closing.connect(new InetSocketAddress(v4, port(onAny)));
        SocketChannel closingPeer = onAny.accept();
        closing.close();
        TimeUnit.MILLISECONDS.sleep(50);
        closingPeer.close();
        // SYN-SENT: a listener whose accept queue is full drops the SYN, so the third client waits.
        ServerSocketChannel full = listen(StandardProtocolFamily.INET, "127.0.0.1", 1);
        connect(StandardProtocolFamily.INET, v4, full);
        connect(StandardProtocolFamily.INET, v4, full);
        SocketChannel waiting = keep(SocketChannel.open(StandardProtocolFamily.INET));
        waiting.configureBlocking(false);
        waiting.connect(new InetSocketAddress(v4, port(full)));

        // UDP: bound over both families, one connected, and an unread datagram in a receive queue.
        DatagramChannel bound = keep(DatagramChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(v4, 0));
        keep(DatagramChannel.open(StandardProtocolFamily.INET6)).bind(new InetSocketAddress(v6, 0));
        DatagramChannel connected = keep(DatagramChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(v4, 0));
        connected.connect(bound.getLocalAddress());
        connected.write(ByteBuffer.wrap("unread".getBytes(StandardCharsets.US_ASCII)));
        TimeUnit.MILLISECONDS.sleep(200); // let FINs and the datagram land

        Process raw = new ProcessBuilder("python3", "-c", RAW_SOCKETS).redirectErrorStream(true).start();
        open.add(() -> {
            raw.getOutputStream().close();
            raw.destroy();
        });
        String ready = new String(raw.getInputStream().readNBytes(6), StandardCharsets.US_ASCII);
        if (!ready.equals("ready\n")) {
            throw new IOException("python3 could not open raw sockets: " + ready + new String(raw.getInputStream().readAllBytes()));
        }
    }

    private ServerSocketChannel listen(StandardProtocolFamily family, String address, int backlog) throws IOException {
        return keep(ServerSocketChannel.open(family)).bind(new InetSocketAddress(InetAddress.getByName(address), 0), backlog);
    }

    private SocketChannel connect(StandardProtocolFamily family, InetAddress to, ServerSocketChannel server) throws IOException {
        SocketChannel c = keep(SocketChannel.open(family));
        c.connect(new InetSocketAddress(to, port(server)));
        return c;
    }

    private static int port(ServerSocketChannel server) throws IOException {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    private <T extends Closeable> T keep(T c) {
        open.add(c);
        return c;
    }

    /** transferTo and readAllBytes trust the size /proc reports (0), so copy with a plain read loop. */
    private static void copyProcFile(Path from, Path to) throws IOException {
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws IOException {
        for (Closeable c : open.reversed()) {
            c.close();
        }
    }
}
