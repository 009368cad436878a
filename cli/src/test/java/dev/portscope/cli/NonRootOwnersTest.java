package dev.portscope.cli;

import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Without root, root's sockets have owners portscope cannot see: every view that shows owners
 * says so in one line, and JSON says {@code "owners": null} (not seen) where a socket nobody
 * holds says {@code []}. The test (root) holds a loopback connection; portscope runs as nobody
 * through setpriv, from copies of its classes that nobody can read.
 */
@Live
class NonRootOwnersTest {
    private static final String HINT = "processes could not be inspected (not root?)";

    @Test
    void everyViewWithOwnersSaysSomeWereHidden(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run a child as nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) runs the child as nobody");
        String classPath = readableCopy(dir);
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String p = Integer.toString(port);
            for (List<String> args : List.of(List.of("-tanp", "sport", "=", ":" + p), List.of("pairs", "-p", "sport", "=", ":" + p),
                    List.of("who", p), List.of("top", "-p", "-a", "sport", "=", ":" + p), List.of("port", "-p", p))) {
                Result r = asNobody(classPath, args);
                assertEquals(0, r.code(), args + ": " + r.err());
                assertTrue(r.err().contains(HINT), args + " should say owners were hidden: " + r.err());
                assertEquals(1, r.err().lines().filter(l -> l.contains(HINT)).count(), r.err());
            }
            Result json = asNobody(classPath, List.of("-tanp", "--json", "sport", "=", ":" + p));
            assertTrue(json.out().contains("\"owners\":null"), "hidden owners are null: " + json.out());
            Result asRoot = asNobody(classPath, List.of("-tanp", "--json", "sport", "=", ":" + p), false);
            assertTrue(asRoot.out().contains("\"owners\":[{\"pid\":" + ProcessHandle.current().pid()), "as root the owner shows: " + asRoot.out());
        }
    }

    /**
     * Root can be refused too: without CAP_SYS_PTRACE (a container's root, here setpriv's bounding
     * set) /proc/PID/fd lists but its links do not read. The owner is then unseen, and said so.
     */
    @Test
    void rootWithoutPtraceSaysOwnersWereHidden(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to drop one of root's capabilities");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) drops CAP_SYS_PTRACE");
        assumeTrue(hasCapability(19), "this JVM must hold CAP_SYS_PTRACE (19) for a child without it to be refused");
        String classPath = readableCopy(dir);
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String port = Integer.toString(((InetSocketAddress) server.getLocalAddress()).getPort());
            // the descriptor scan through java.lang.foreign, and the portable one where native access is denied
            for (String nativeAccess : List.of("--enable-native-access=ALL-UNNAMED", "--illegal-native-access=deny")) {
                Result r = run(List.of("/usr/bin/setpriv", "--bounding-set", "-sys_ptrace",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), nativeAccess,
                        "-cp", classPath, Main.class.getName(), "-tlnp", "--json", "sport", "=", ":" + port));
                assertEquals(0, r.code(), r.err());
                assertTrue(r.out().contains("\"port\":" + port) && r.out().contains("\"owners\":null"),
                        nativeAccess + ": this JVM's listener, its owner unseen: " + r.out());
                assertTrue(r.err().contains("could not be inspected even as root"), nativeAccess + ": " + r.err());
            }
        }
    }

    /** Whether this process's effective capabilities (/proc/self/status CapEff) include capability {@code bit}. */
    private static boolean hasCapability(int bit) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapEff:"))
                .anyMatch(l -> (Long.parseUnsignedLong(l.substring(7).trim(), 16) >> bit & 1) == 1);
    }

    record Result(int code, String out, String err) {
    }

    static Result asNobody(String classPath, List<String> args) throws IOException, InterruptedException {
        return asNobody(classPath, args, true);
    }

    private static Result asNobody(String classPath, List<String> args, boolean nobody) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (nobody) {
            command.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath, Main.class.getName()));
        command.addAll(args);
        return run(command);
    }

    /** Runs a command with no input, from /tmp, and gives what it printed on each stream and its exit code. */
    static Result run(List<String> command) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command).directory(Path.of("/tmp").toFile()).start();
        child.getOutputStream().close();
        // stderr read alongside: a child with much to say there would block on a full pipe while we wait for stdout
        java.util.concurrent.CompletableFuture<String> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(child.waitFor(), out, err.join());
    }

    /** The main class path (classes and jars, not tests) copied where nobody may read it. */
    static String readableCopy(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path from = Path.of(entry);
            if (entry.contains("test-classes") || entry.contains("junit") || entry.contains("opentest4j") || entry.contains("apiguardian")
                    || !Files.exists(from)) {
                continue;
            }
            Path to = dir.resolve("cp" + n++ + (Files.isDirectory(from) ? "" : ".jar"));
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.toList()) {
                    Path target = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, Files.isDirectory(from) ? target : to);
                    }
                    Files.setPosixFilePermissions(Files.isDirectory(from) ? target : to,
                            PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            entries.add(to.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
