package dev.portscope.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ss -s} and {@code portscope -s} side by side in a fresh network namespace holding
 * {@link SocketMix} (listeners, connections in every state, UDP, RAW): run as {@code unshare -n
 * java -cp ... dev.portscope.cli.SummaryMix DIR}; writes {@code ss.txt} and {@code portscope.txt}.
 */
public final class SummaryMix {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        SocketMix.run("ip", "link", "set", "lo", "up");
        try (SocketMix mix = new SocketMix()) {
            mix.build();
            Files.writeString(dir.resolve("ss.txt"), SocketMix.run("ss", "-s"));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), "-s");
            Files.writeString(dir.resolve("portscope.txt"), out + "--stderr--\nexit " + code + "\n" + err);
        }
    }
}
