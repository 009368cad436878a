"""Known TCP traffic for RateLiveTest: `flows.py receiver PORT...` accepts and drains one connection
per port; `flows.py sender PORT BYTES_PER_SECOND SECONDS` sends at that rate (100 paced writes a
second) for that long, then closes."""
import socket
import sys
import threading
import time


def drain(port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(1)
    c, _ = s.accept()
    while c.recv(1 << 16):
        pass


if sys.argv[1] == "receiver":
    threads = [threading.Thread(target=drain, args=(int(p),)) for p in sys.argv[2:]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
else:
    port, rate, seconds = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    for _ in range(200):
        try:
            c = socket.create_connection(("127.0.0.1", port))
            break
        except ConnectionRefusedError:
            time.sleep(0.01)
    chunk = b"x" * (rate // 100)
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < seconds:
        c.sendall(chunk)
        n += 1
        delay = start + n / 100 - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    c.close()
