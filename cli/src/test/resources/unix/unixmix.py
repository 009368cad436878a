"""A mix of UNIX sockets for UnixDifferentialTest, run inside a fresh network namespace.

Three processes: this one (the servers), a client (forked, connects to them) and one running as
nobody (an abstract listener and an unbound datagram socket). Socketpairs made before the forks
are held by all three. Writes DIR/ready when every socket is in place, then sleeps until killed.
"""
import os
import socket
import sys
import time

d = sys.argv[1]
parent = os.getpid()


def leave_with_parent():
    # the test ends the parent only: a child leaves when it is gone (its parent pid changes)
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(0)
U = socket.AF_UNIX


def sock(kind):
    return socket.socket(U, kind)


srv = sock(socket.SOCK_STREAM)
srv.bind(d + "/srv.sock")
srv.listen(8)
abstract = sock(socket.SOCK_STREAM)
abstract.bind("\0pst-abstract")
abstract.listen(4)
seq = sock(socket.SOCK_SEQPACKET)
seq.bind(d + "/seq.sock")
seq.listen(4)
dgram = sock(socket.SOCK_DGRAM)
dgram.bind(d + "/dgram.sock")
unbound = sock(socket.SOCK_DGRAM)
pairs = [socket.socketpair(U, t) for t in (socket.SOCK_STREAM, socket.SOCK_DGRAM, socket.SOCK_SEQPACKET)]

if os.fork() == 0:
    clients = []
    for path in ("/srv.sock", "/srv.sock", "/srv.sock"):
        c = sock(socket.SOCK_STREAM)
        c.connect(d + path)
        clients.append(c)
    clients[0].send(b"hello")                 # 5 bytes waiting at the server's end
    a = sock(socket.SOCK_STREAM)
    a.connect("\0pst-abstract")               # never accepted: pending
    q = sock(socket.SOCK_SEQPACKET)
    q.connect(d + "/seq.sock")
    g = sock(socket.SOCK_DGRAM)
    g.connect(d + "/dgram.sock")
    g.send(b"x" * 100)                        # one datagram queued at dgram.sock
    clients += [a, q, g]
    open(d + "/client-ready", "w").close()
    leave_with_parent()

if os.fork() == 0:
    os.setgid(65534)
    os.setuid(65534)
    n = sock(socket.SOCK_STREAM)
    n.bind("\0pst-nobody")
    n.listen(1)
    m = sock(socket.SOCK_DGRAM)
    open(d + "/nobody-ready", "w").close()
    leave_with_parent()

while not (os.path.exists(d + "/client-ready") and os.path.exists(d + "/nobody-ready")):
    time.sleep(0.01)
conn, _ = srv.accept()                        # the first client; the other two stay pending
conn.send(b"y" * 300)
open(d + "/ready", "w").close()
while True:
    time.sleep(60)
