"""Packet and netlink sockets for FamiliesDifferentialTest, run inside a fresh network namespace.

A raw packet socket for every protocol on lo that puts lo in promiscuous mode, a cooked one for
IPv4 on every interface, a raw ARP one; netlink sockets of rtnetlink (bound to the link group),
generic netlink and audit. Writes DIR/ready, then sleeps until killed.
"""
import os
import socket
import struct
import sys
import time

d = sys.argv[1]
ETH_P_ALL, ETH_P_IP, ETH_P_ARP = 0x0003, 0x0800, 0x0806
SOL_PACKET, PACKET_ADD_MEMBERSHIP, PACKET_MR_PROMISC = 263, 1, 1

sniffer = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
sniffer.bind(("lo", 0))
lo = socket.if_nametoindex("lo")
sniffer.setsockopt(SOL_PACKET, PACKET_ADD_MEMBERSHIP, struct.pack("iHH8s", lo, PACKET_MR_PROMISC, 0, b""))
cooked = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_IP))
arp = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ARP))

route = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
route.bind((0, 1))                              # RTMGRP_LINK
generic = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
generic.bind((0, 0))
audit = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 9)

open(d + "/ready", "w").close()
while True:
    time.sleep(60)
