package dev.portscope.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh network namespace for one test ({@code ip netns add}, loopback up), named after the
 * prefix and the test JVM's pid; closing it ends the processes started in it and deletes it.
 */
final class TestNetns implements AutoCloseable {
    private final String name;
    private final List<Process> started = new ArrayList<>();

    private TestNetns(String name) {
        this.name = name;
    }

    /** Skips the calling test unless it may make namespaces (root, for ip netns) and run the python socket helpers. */
    static void assumeUsable() {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root for ip netns; run the suite as root to include it");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/python3")),
                "needs /usr/bin/python3");
    }

    static TestNetns create(String prefix) throws IOException, InterruptedException {
        TestNetns ns = new TestNetns(prefix + ProcessHandle.current().pid());
        SocketMix.run("ip", "netns", "add", ns.name);
        try {
            SocketMix.run("ip", "netns", "exec", ns.name, "ip", "link", "set", "lo", "up");
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    String name() {
        return name;
    }

    /** Starts a command inside ({@code ip netns exec} execs it: the process's pid is the command's). */
    Process start(String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", name));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).start();
        started.add(p);
        return p;
    }

    /**
     * Starts python3 with {@code script} inside, its first argument a path the script creates when
     * its sockets are ready, and waits for that (at most 5 s) or for the script to die.
     */
    Process startPython(String script) throws IOException, InterruptedException {
        java.nio.file.Path ready = java.nio.file.Files.createTempFile(name, ".ready");
        java.nio.file.Files.delete(ready);
        try {
            Process p = start("/usr/bin/python3", "-c", script, ready.toString());
            for (int i = 0; i < 500 && !java.nio.file.Files.exists(ready) && p.isAlive(); i++) {
                Thread.sleep(10);
            }
            return p;
        } finally {
            java.nio.file.Files.deleteIfExists(ready);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process p : started) {
            p.destroy();
            p.waitFor();
        }
        new ProcessBuilder("ip", "netns", "delete", name).start().waitFor();
    }
}
