#!/usr/bin/env python3
"""Captures one sock_diag dump's raw answer, as the fixtures under core/src/test/resources/fixtures/diag/ were:
   python3 tools/capture-diag.py unix|packet|netlink OUT   (in the namespace whose sockets to capture)"""
import socket, struct, sys
kind, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 4)
if kind == "unix":
    body = struct.pack("=BBHIII II", 1, 0, 0, 0xffffffff, 0, 0x01 | 0x04 | 0x08 | 0x10 | 0x40, 0, 0)
elif kind == "packet":
    body = struct.pack("=BBHII II", 17, 0, 0, 0, 0x01 | 0x02 | 0x10, 0, 0)
else:
    body = struct.pack("=BBHII II", 16, 255, 0, 0, 0x01 | 0x02, 0, 0)
s.send(struct.pack("=IHHII", 16 + len(body), 20, 0x301, 1, 0) + body)
data = b""
while True:
    chunk = s.recv(65536)
    data += chunk
    # NLMSG_DONE (type 3) ends the dump
    off, done = 0, False
    while off + 16 <= len(chunk):
        length, typ = struct.unpack_from("=IH", chunk, off)
        if typ == 3:
            done = True
        off += (length + 3) & ~3
    if done:
        break
open(out, "wb").write(data)
