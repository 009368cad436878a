package dev.portscope.cli;

import dev.portscope.Portscope;
import dev.portscope.serve.Exporter;
import dev.portscope.serve.WebConfig;
import dev.portscope.testing.Live;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser: Debian's Chromium, driven by playwright-core
 * (src/test/browser/dashboard.mjs; npm installs the locked version into target/), shows a listener
 * the test made with its process, then the connections the test opens (an open event, the
 * ESTABLISHED count), and answers "who uses port". Its screenshot is target/dashboard.png.
 */
@Live
class DashboardTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SOURCES = Path.of("src/test/browser");
    private static final Path WORK = Path.of("target/browser-test");

    @Test
    void theDashboardShowsAListenerAndTheConnectionsOpenedToIt() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium (.ci/run installs it)");
        assumeTrue(run(List.of("node", "--version"), Path.of(".")) == 0 && run(List.of("npm", "--version"), Path.of(".")) == 0, "node and npm");
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "dashboard.mjs")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
            assertEquals(0, run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), WORK), "npm ci in " + WORK);
        }
        Process python = new ProcessBuilder("python3", "-c", "import socket, sys, threading\ns = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(64)\n"
                + "def drain(c):\n    while c.recv(1 << 16): pass\n"
                + "def accept():\n    while True: threading.Thread(target=drain, args=(s.accept()[0],), daemon=True).start()\n"
                + "threading.Thread(target=accept, daemon=True).start()\n"
                + "print(s.getsockname()[1], flush=True)\nsys.stdin.read()").start();
        List<Socket> connections = new ArrayList<>();
        Path screenshot = Path.of("target/dashboard.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        try (Portscope portscope = Portscope.system();
             Exporter exporter = Exporter.start(portscope, new Exporter.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     "/metrics", 20, WebConfig.NONE, new JsonApi(Environment.live(), new NamespaceOptions(), portscope).routes(), true))) {
            int port = Integer.parseInt(new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII)).readLine());
            Process browser = new ProcessBuilder("node", "dashboard.mjs", "http://127.0.0.1:" + exporter.address().getPort() + "/",
                    screenshot.toString(), Integer.toString(port)).directory(WORK.toFile())
                    .redirectError(WORK.resolve("browser.err").toFile()).start();
            BufferedReader said = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
            String first = said.readLine();
            assertEquals("listener-seen", first, "the page did not show the listener: " + stderr(browser));
            for (int i = 0; i < 5; i++) {
                connections.add(new Socket(InetAddress.getLoopbackAddress(), port)); // accepted by the kernel: ESTABLISHED both ends
            }
            Socket busy = connections.getFirst();
            Thread sender = Thread.ofPlatform().daemon().start(() -> { // ~1 MB/s for the throughput chart, until the test ends
                byte[] chunk = new byte[50_000];
                try {
                    while (!busy.isClosed()) {
                        busy.getOutputStream().write(chunk);
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException e) {
                    // the socket closed at the end of the test
                }
            });
            browser.getOutputStream().write("opened\n".getBytes(StandardCharsets.US_ASCII));
            browser.getOutputStream().flush();
            assertTrue(browser.waitFor(90, TimeUnit.SECONDS), "the browser test did not end");
            assertEquals(0, browser.exitValue(), stderr(browser));
            assertEquals("ok", said.readLine());
            byte[] png = Files.readAllBytes(screenshot);
            assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "the screenshot at " + screenshot);
        } finally {
            for (Socket s : connections) {
                s.close();
            }
            python.destroy();
        }
    }

    private static String stderr(Process browser) throws Exception {
        browser.waitFor(30, TimeUnit.SECONDS);
        return Files.readString(WORK.resolve("browser.err"));
    }

    private static int run(List<String> command, Path dir) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(180, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
