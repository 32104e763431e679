#!/usr/bin/env python3
"""probe.py TIMEOUT ADDR:PORT...  Connect to each target concurrently and
print one line "ADDR:PORT RESULT" per target, in argument order, where
RESULT is open (connected and read "ok"), refused (TCP reset: a reject)
or timeout (no answer: dropped).  IPv6 targets are written [addr]:port.
A target that times out is tried once more with four times the timeout,
so a first packet lost to neighbour discovery on a loaded machine is not
mistaken for a drop; a real drop times out both times."""
import socket
import sys
import threading

timeout = float(sys.argv[1])
targets = sys.argv[2:]
results = {}


def probe(t):
    attempt(t, timeout)
    if results[t] == "timeout":
        attempt(t, timeout * 4)


def attempt(t, limit):
    host, port = t.rsplit(":", 1)
    host = host.strip("[]")
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.settimeout(limit)
    try:
        s.connect((host, int(port)))
        results[t] = "open" if s.recv(3) == b"ok\n" else "garbled"
    except ConnectionRefusedError:
        results[t] = "refused"
    except (socket.timeout, TimeoutError):
        results[t] = "timeout"
    except OSError as e:
        results[t] = "error-%d" % e.errno
    finally:
        s.close()


threads = [threading.Thread(target=probe, args=(t,)) for t in targets]
for th in threads:
    th.start()
for th in threads:
    th.join()
for t in targets:
    print(t, results[t])
