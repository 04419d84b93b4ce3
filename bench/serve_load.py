#!/usr/bin/env python3
"""Load on `tally serve` with slow clients connected (loopback only, bounded time).

Starts `tally serve --port 0`, connects --slow sockets from 127.0.0.2 that send a header byte
every --dribble seconds (reconnecting when the server cuts them off, as an attacker would), then
runs --clients normal clients from 127.0.0.1, each making one GET /healthz and posting
--requests checks of a sample draft to /v1/check, --think seconds apart (a 503 is tried again
after Retry-After). Prints the latency of every normal request (p50, p99, max),
the failures, how many slow sockets were open, and the server's peak memory (VmHWM).
Everything stops after --limit seconds whatever happens.

    python3 bench/serve_load.py build/tally [--slow 40] [--clients 50] [--requests 30]
"""
import argparse
import http.client
import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tally")
    ap.add_argument("--slow", type=int, default=40)
    ap.add_argument("--dribble", type=float, default=5.0, help="seconds between a slow byte")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=30, help="checks per normal client")
    ap.add_argument("--think", type=float, default=0.5, help="seconds between a client's checks")
    ap.add_argument("--sample", default=os.path.join(ROOT, "samples", "zh-lines.txt"))
    ap.add_argument("--timeout", type=float, default=15, help="a normal request's time limit")
    ap.add_argument("--limit", type=float, default=120, help="the whole run's time limit")
    ap.add_argument("server_args", nargs="*", help="more `tally serve` options (after --)")
    a = ap.parse_args()

    with open(a.sample, encoding="utf-8") as f:
        body = json.dumps({"text": f.read(), "filename": os.path.basename(a.sample)},
                          ensure_ascii=False).encode()
    proc = subprocess.Popen([a.tally, "serve", "--port", "0", "--quiet", *a.server_args],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    banner = proc.stdout.readline()
    m = re.search(r":(\d+)/", banner)
    if not m:
        proc.kill()
        sys.exit("serve_load: no listening line: %r" % banner)
    port = int(m.group(1))
    started = time.monotonic()
    stop = threading.Event()
    killer = threading.Timer(a.limit, lambda: (stop.set(), proc.kill()))
    killer.start()

    # Slow clients: keep --slow sockets open, each dribbling one header byte at a time.
    slow_lock = threading.Lock()
    slow = {"open": 0, "connects": 0, "cut": 0, "refused": 0}

    def slow_client():
        while not stop.is_set():
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=2,
                                                source_address=("127.0.0.2", 0))
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            except OSError:
                with slow_lock:
                    slow["refused"] += 1
                stop.wait(0.5)
                continue
            with slow_lock:
                slow["open"] += 1
                slow["connects"] += 1
            try:
                while not stop.is_set():
                    # Readable: the server replied (408) or closed; either way it cut us off.
                    if select.select([sock], [], [], a.dribble)[0]:
                        with slow_lock:
                            slow["cut"] += 1
                        break
                    sock.sendall(b"X")
            except OSError:
                with slow_lock:
                    slow["cut"] += 1
            finally:
                with slow_lock:
                    slow["open"] -= 1
                sock.close()

    slow_threads = [threading.Thread(target=slow_client, daemon=True) for _ in range(a.slow)]
    for t in slow_threads:
        t.start()
    time.sleep(1.0)  # let the slow sockets settle in before the normal clients come
    slow_open_at_start = slow["open"]

    latencies, failures, retries, lock = [], [], [0], threading.Lock()
    barrier = threading.Barrier(a.clients)

    def timed(method, path, data=None, headers=None):
        # A well-behaved client: a 503 (every check slot and the queue taken) is tried again
        # after Retry-After, up to 5 times; the latency counts the waits.
        t0 = time.monotonic()
        for attempt in range(6):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=a.timeout)
                conn.request(method, path, body=data, headers=headers or {})
                res = conn.getresponse()
                res.read()
                conn.close()
                ok = res.status == 200
                what = res.status
            except OSError as e:
                ok, what = False, type(e).__name__
            if what != 503 or attempt == 5 or stop.is_set():
                break
            with lock:
                retries[0] += 1
            time.sleep(float(res.getheader("Retry-After", "1")))
        ms = (time.monotonic() - t0) * 1000
        with lock:
            (latencies if ok else failures).append(ms if ok else (path, what))

    def normal_client():
        barrier.wait()
        timed("GET", "/healthz")
        for _ in range(a.requests):
            if stop.is_set():
                return
            stop.wait(a.think)
            timed("POST", "/v1/check", body, {"Content-Type": "application/json"})

    t0 = time.monotonic()
    clients = [threading.Thread(target=normal_client) for _ in range(a.clients)]
    for t in clients:
        t.start()
    for t in clients:
        t.join()
    wall = time.monotonic() - t0
    with slow_lock:
        slow_at_end = dict(slow)  # before the server stops and closes them all
    peak = None
    try:
        with open("/proc/%d/status" % proc.pid) as f:
            peak = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        pass
    stop.set()
    killer.cancel()
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    want = a.clients * (a.requests + 1)
    print("tally serve %s; %d normal clients x (%d checks of %s, %gs apart, + 1 healthz), %d "
          "slow sockets from 127.0.0.2 (a byte every %gs)" % (
              " ".join(a.server_args) or "(defaults)", a.clients, a.requests,
              os.path.basename(a.sample), a.think, a.slow, a.dribble))
    print("served %d/%d in %.1f s; failed %d%s; %d retries after 503" % (
        len(latencies), want, wall, len(failures),
        (": " + repr(failures[:5])) if failures else "", retries[0]))
    print("latency ms: p50 %.0f, p99 %.0f, max %.0f" % (
        percentile(latencies, 50), percentile(latencies, 99), max(latencies or [float("nan")])))
    print("slow sockets open: %d at start, %d at end; %d connects, %d cut off by the server, "
          "%d refused" % (slow_open_at_start, slow_at_end["open"], slow_at_end["connects"],
                          slow_at_end["cut"], slow_at_end["refused"]))
    print("server peak memory (VmHWM): %s" % ("%.1f MB" % (peak / 1024) if peak else "unknown"))
    print("total run %.1f s" % (time.monotonic() - started))
    return 0 if not failures and len(latencies) == want else 1


if __name__ == "__main__":
    sys.exit(main())
