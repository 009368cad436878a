package dev.portscope.testing;

/**
 * A python program for live tests: a loopback listener that reads everything, and a connection to
 * it sending a steady {@code bytesPerSecond} (100 writes a second) for {@code seconds}. It prints
 * the listener's port first.
 */
public final class SteadySender {
    private SteadySender() {
    }

    public static String script(int bytesPerSecond, int seconds) {
        return String.join("\n",
                "import socket, threading, time",
                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                "port = s.getsockname()[1]",
                "def drain():",
                "    a, _ = s.accept()",
                "    while a.recv(1 << 16): pass",
                "threading.Thread(target=drain, daemon=True).start()",
                "c = socket.create_connection(('127.0.0.1', port))",
                "print(port, flush=True)",
                "start = time.monotonic(); n = 0",
                "while time.monotonic() - start < " + seconds + ":",
                "    c.sendall(b'x' * " + bytesPerSecond / 100 + "); n += 1",
                "    d = start + n / 100 - time.monotonic()",
                "    if d > 0: time.sleep(d)");
    }
}
