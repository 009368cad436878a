package dev.portscope.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Services on well-known ports in a fresh network namespace, for filter tests: ssh on
 * 127.0.0.1:22, http on 0.0.0.0:80, https on [::]:443 (dual stack), 8080 on [::1], mdns on udp
 * 5353; clients from 127.0.0.1, 127.0.1.5 and ::1, one connection half closed (FIN-WAIT-2 and
 * CLOSE-WAIT), one in TIME-WAIT, plus {@link SocketMix}. Run as
 * {@code unshare -n java -cp ... dev.portscope.cli.FilterMix DIR FILTERS-FILE}: for each line
 * {@code N<TAB>PROTO-FLAGS<TAB>EXPRESSION<TAB>SS-EXPRESSION} of the file it writes {@code N.ss}
 * ({@code ss -HnaPROTO SS-EXPRESSION}) and {@code N.portscope} ({@code portscope -naPROTO
 * EXPRESSION}, stderr after a line {@code --stderr--}).
 */
public final class FilterMix implements Closeable {
    private final List<Closeable> open = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        SocketMix.run("ip", "link", "set", "lo", "up");
        try (SocketMix mix = new SocketMix(); FilterMix services = new FilterMix()) {
            mix.build();
            services.build();
            for (String line : Files.readAllLines(Path.of(args[1]))) {
                String[] f = line.split("\t", 4);
                List<String> ss = new ArrayList<>(List.of("ss", "-Hna" + f[1]));
                List<String> portscope = new ArrayList<>(List.of("-na" + f[1]));
                ss.addAll(List.of(f[3].split(" "))); // one word per argument, as a shell passes them
                portscope.addAll(List.of(f[2].split(" ")));
                Files.writeString(dir.resolve(f[0] + ".ss"), SocketMix.run(ss.toArray(String[]::new)));
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = Main.run(new PrintWriter(out), new PrintWriter(err), portscope.toArray(String[]::new));
                Files.writeString(dir.resolve(f[0] + ".portscope"), out + "--stderr--\nexit " + code + "\n" + err);
            }
        }
    }

    void build() throws IOException, InterruptedException {
        ServerSocketChannel ssh = listen(StandardProtocolFamily.INET, "127.0.0.1", 22);
        ServerSocketChannel http = listen(StandardProtocolFamily.INET, "0.0.0.0", 80);
        ServerSocketChannel https = listen(StandardProtocolFamily.INET6, "::", 443);
        ServerSocketChannel alt = listen(StandardProtocolFamily.INET6, "::1", 8080);
        connect(StandardProtocolFamily.INET, "127.0.0.1", "127.0.0.1", 22, ssh);
        connect(StandardProtocolFamily.INET, "127.0.0.1", "127.0.0.1", 22, ssh);
        connect(StandardProtocolFamily.INET, "127.0.1.5", "127.0.0.1", 80, http);
        connect(StandardProtocolFamily.INET6, "::1", "::1", 443, https);
        connect(StandardProtocolFamily.INET, "127.0.1.5", "127.0.0.1", 443, https); // IPv4-mapped on the server side
        connect(StandardProtocolFamily.INET6, "::1", "::1", 8080, alt);
        SocketChannel halfClosed = connect(StandardProtocolFamily.INET, "127.0.0.1", "127.0.0.1", 80, http);
        halfClosed.shutdownOutput();
        SocketChannel closing = SocketChannel.open(StandardProtocolFamily.INET6);
        closing.connect(new InetSocketAddress(InetAddress.getByName("::1"), 8080));
        SocketChannel closingPeer = alt.accept();
        closing.close();
        TimeUnit.MILLISECONDS.sleep(50);
        closingPeer.close();
        keep(DatagramChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 5353));
        DatagramChannel dns = keep(DatagramChannel.open(StandardProtocolFamily.INET)).bind(new InetSocketAddress(InetAddress.getByName("127.0.1.5"), 0));
        dns.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 53));
        TimeUnit.MILLISECONDS.sleep(200);
    }

    private ServerSocketChannel listen(StandardProtocolFamily family, String address, int port) throws IOException {
        return keep(ServerSocketChannel.open(family)).bind(new InetSocketAddress(InetAddress.getByName(address), port), 50);
    }

    private SocketChannel connect(StandardProtocolFamily family, String from, String to, int port, ServerSocketChannel server)
            throws IOException {
        SocketChannel c = keep(SocketChannel.open(family));
        c.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        c.connect(new InetSocketAddress(InetAddress.getByName(to), port));
        keep(server.accept());
        return c;
    }

    private <T extends Closeable> T keep(T c) {
        open.add(c);
        return c;
    }

    @Override
    public void close() throws IOException {
        for (Closeable c : open.reversed()) {
            c.close();
        }
    }
}
