package dev.portscope;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README.md's "Library" example, compiled from the README itself and run against live sockets:
 * its filter ({@code sport = :22 and comm = sshd}) is pointed at a listener this test opens.
 */
@Live
class LibraryExampleTest {
    private static final String README_FILTER = "sport = :22 and comm = sshd";

    /** The imports and statements of the first java block after "## Library". */
    static String example() throws Exception {
        return example(0);
    }

    /** The imports and statements of the {@code n}th java block after "## Library" (from 0). */
    static String example(int n) throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("portscope.readme", "../README.md")));
        int library = readme.indexOf("\n## Library");
        assertTrue(library >= 0, "README.md has a Library section");
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(library), "the Library section has a java example");
        for (int i = 0; i < n; i++) {
            assertTrue(block.find(), "the Library section has java example " + n);
        }
        return block.group(1);
    }

    @Test
    void theReadmeExampleCompilesAndFindsTheOwnersOfItsSockets(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String code = example();
        assertTrue(code.contains(README_FILTER), code);
        List<String> lines = code.lines().toList();
        String imports = String.join("\n", lines.stream().filter(l -> l.startsWith("import ")).toList());
        String body = String.join("\n", lines.stream().filter(l -> !l.startsWith("import ")).toList());
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(loopback, 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String printed = compileAndRun(dir, "ReadmeExample", imports,
                    body.replace(README_FILTER, "sport = :" + port + " and comm = java"));
            String user = System.getProperty("user.name");
            String line = "127.0.0.1:" + port + " java " + user;
            // the listener and the accepted connection both have the local port; the client does not
            assertEquals(List.of(line, line), printed.lines().toList());
            assertTrue(client.isConnected() && accepted.isConnected());
        }
    }

    @Test
    void theSecondExampleJoinsBothEndsOfAUnixConnection(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        List<String> lines = example(1).lines().toList();
        String imports = String.join("\n", lines.stream().filter(l -> l.startsWith("import ")).toList());
        String body = String.join("\n", lines.stream().filter(l -> !l.startsWith("import ")).toList());
        Path socket = dir.resolve("example.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(java.net.UnixDomainSocketAddress.of(socket));
             SocketChannel client = SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket));
             SocketChannel accepted = server.accept()) {
            String text = compileAndRun(dir, "ReadmeExample2", imports, body);
            long pid = ProcessHandle.current().pid();
            assertTrue(text.lines().anyMatch(l -> l.startsWith("* -> " + socket + " [" + pid + "/java")), text);
            assertTrue(client.isConnected() && accepted.isConnected());
        }
    }

    /** Compiles a README block as {@code run(PrintStream out)} of a class, runs it, and gives what it printed. */
    private String compileAndRun(Path dir, String className, String imports, String body) throws Exception {
        String source = imports + "\npublic class " + className + " {\n    public static void run(java.io.PrintStream out) throws Exception {\n"
                + body.replace("System.out", "out") + "\n    }\n}\n";
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        String core = Path.of(Portscope.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        // javac as a process: the test runs inside core's module, which does not read java.compiler
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-classpath", core, "-d", dir.toString(), file.toString()).redirectErrorStream(true).start();
        String errors = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, javac.waitFor(), errors + "\n" + source);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
             PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            loader.loadClass(className).getMethod("run", PrintStream.class).invoke(null, out);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
