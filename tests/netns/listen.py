#!/usr/bin/env python3
"""Accept TCP connections on the given ports (IPv4 and IPv6) and answer
"ok\n" on each; runs until killed.  Prints "ready" once listening."""
import socket
import sys
import threading


def serve(port):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    s.listen(64)
    return s


def loop(s):
    while True:
        c, _ = s.accept()
        try:
            c.sendall(b"ok\n")
        finally:
            c.close()


socks = [serve(int(p)) for p in sys.argv[1:]]
for s in socks:
    threading.Thread(target=loop, args=(s,), daemon=True).start()
print("ready", flush=True)
threading.Event().wait()
