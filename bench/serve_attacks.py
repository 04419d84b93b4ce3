#!/usr/bin/env python3
"""The attacks of issue 23 on `tally serve`, measured (loopback only, about 80 s):
64 MiB of JSON sent chunked and a 64 KB gzip body inflating to 64 MiB, against the default
--max-bytes (4 MiB): the status, how much was sent before it, the server's peak memory; then
slow clients sending a byte every 5 s while /healthz is probed once a second for 20 s (3 s per
probe): 38 sockets in their headers (the issue's case), 300 from 10 addresses (127.0.0.2-11) in
their headers, and 300 from 10 addresses in a body announced with Content-Length.

    python3 bench/serve_attacks.py build/tally
"""
import gzip
import http.client
import re
import select
import socket
import subprocess
import sys
import threading
import time


def start(tally):
    proc = subprocess.Popen([tally, "serve", "--port", "0", "--quiet"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    return proc, int(re.search(r":(\d+)/", proc.stdout.readline()).group(1))


def peak_kb(proc):
    with open("/proc/%d/status" % proc.pid) as f:
        return int(next(l for l in f if l.startswith("VmHWM")).split()[1])


def bodies(tally):
    proc, port = start(tally)
    try:
        body = b'{"text": "' + b"a" * (64 << 20) + b'"}'
        with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
            s.sendall(b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                      b"application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            sent, t0 = 0, time.monotonic()
            for i in range(0, len(body), 65536):
                if select.select([s], [], [], 0)[0]:
                    break  # the server replied early
                part = body[i:i + 65536]
                try:
                    s.sendall(b"%x\r\n" % len(part) + part + b"\r\n")
                except OSError:
                    break
                sent += len(part)
            else:
                s.sendall(b"0\r\n\r\n")
            status = s.recv(200).split(b"\r\n")[0].decode()
        print("chunked 64 MiB: %s after %.1f MiB sent, %.1f s; server peak %.0f MB" % (
            status, sent / 2**20, time.monotonic() - t0, peak_kb(proc) / 1024))
        bomb = gzip.compress(body, 9)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        t0 = time.monotonic()
        conn.request("POST", "/v1/check", bomb,
                     {"Content-Type": "application/json", "Content-Encoding": "gzip"})
        res = conn.getresponse()
        res.read()
        print("gzip %d KB inflating to 64 MiB: %d in %.1f s; server peak %.0f MB" % (
            len(bomb) // 1024, res.status, time.monotonic() - t0, peak_kb(proc) / 1024))
    finally:
        proc.terminate()
        proc.wait()


def slowloris(tally, count, addresses, in_body):
    proc, port = start(tally)
    socks = []
    stop = threading.Event()
    try:
        for i in range(count):
            s = socket.create_connection(("127.0.0.1", port),
                                         source_address=("127.0.0.%d" % (2 + i % addresses), 0))
            if in_body:
                s.sendall(b"POST /v1/check HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                          b"application/json\r\nContent-Length: 100000\r\n\r\n{")
            else:
                s.sendall(b"GET / HTTP/1.1\r\n")
            socks.append(s)

        def drip():
            while not stop.wait(5):
                for s in socks:
                    try:
                        s.send(b"X")
                    except OSError:
                        pass

        threading.Thread(target=drip, daemon=True).start()
        probes = []
        t0 = time.monotonic()
        while time.monotonic() - t0 < 20:
            t = time.monotonic()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=3)
                conn.request("GET", "/healthz")
                res = conn.getresponse()
                res.read()
                probes.append((res.status, (time.monotonic() - t) * 1000))
            except OSError:
                probes.append((None, None))
            time.sleep(max(0.0, 1 - (time.monotonic() - t)))
        answered = [ms for status, ms in probes if status == 200]
        print("%d slow sockets from %d address(es) in their %s: %d of %d /healthz probes "
              "answered within 3 s%s" % (
            count, addresses, "body" if in_body else "headers", len(answered), len(probes),
            " (%.0f-%.0f ms)" % (min(answered), max(answered)) if answered else ""))
    finally:
        stop.set()
        for s in socks:
            s.close()
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    bodies(sys.argv[1])
    slowloris(sys.argv[1], 38, 1, False)
    slowloris(sys.argv[1], 300, 10, False)
    slowloris(sys.argv[1], 300, 10, True)
