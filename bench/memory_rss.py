#!/usr/bin/env python3
"""Does `tally serve` (and `tally lsp`) hand memory back after one large input?

Starts the server, reads its resident memory (VmRSS, /proc/PID/status) when idle, after one
POST /v1/check of --mb MB of the made-up sample page repeated (4 MB: the default --max-bytes), and again
--settle seconds later; then the same for the language server with one didOpen of that draft,
and after its didClose.
A server that trims (service/memory_trim.hpp) drops back near its idle size once the check is
done; one that does not keeps the check's peak. Loopback only, one request, bounded time.

    python3 bench/memory_rss.py build/tally [--mb 4] [--settle 1]
"""
import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rss_kb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(field + r":\s+(\d+) kB", f.read()).group(1))


def draft(size):
    """The project's made-up sample page (samples/zh-page-wrapped.txt) repeated to `size` bytes."""
    with open(os.path.join(ROOT, "samples", "zh-page-wrapped.txt"), encoding="utf-8") as f:
        page = f.read() + "\n\n"
    text = (page * (size // len(page.encode()) + 1)).encode()[:size]
    return text.decode("utf-8", "ignore")


def serve(tally, text, settle):
    proc = subprocess.Popen([tally, "serve", "--port", "0", "--quiet", "--no-tally-ignore"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(re.search(r":(\d+)/", proc.stdout.readline()).group(1))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", "/healthz")
        conn.getresponse().read()
        idle = rss_kb(proc.pid)
        body = json.dumps({"text": text, "date": "2026-12-03"}, ensure_ascii=False).encode()
        conn.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
        res = conn.getresponse()
        reply = res.read()
        conn.close()
        time.sleep(settle)
        return {"status": res.status, "body_bytes": len(body), "reply_bytes": len(reply),
                "idle_kb": idle, "after_kb": rss_kb(proc.pid), "peak_kb": rss_kb(proc.pid, "VmHWM")}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def frame(msg):
    body = json.dumps(msg, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def lsp(tally, text, settle):
    proc = subprocess.Popen([tally, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    try:
        def send(msg):
            proc.stdin.write(frame(msg))
            proc.stdin.flush()

        def read_until(method):
            while True:
                length = 0
                while True:
                    line = proc.stdout.readline()
                    if line in (b"\r\n", b""):
                        break
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                msg = json.loads(proc.stdout.read(length))
                if msg.get("method") == method or (method is None and "id" in msg):
                    return msg

        send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}})
        read_until(None)
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        time.sleep(settle)
        idle = rss_kb(proc.pid)
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": "file:///tmp/big.txt", "languageId": "plaintext", "version": 1, "text": text}}})
        read_until("textDocument/publishDiagnostics")
        time.sleep(settle)
        after = rss_kb(proc.pid)  # the document is open: its text, findings and memo are kept
        send({"jsonrpc": "2.0", "method": "textDocument/didClose",
              "params": {"textDocument": {"uri": "file:///tmp/big.txt"}}})
        read_until("textDocument/publishDiagnostics")
        time.sleep(settle)
        return {"idle_kb": idle, "after_kb": after, "closed_kb": rss_kb(proc.pid),
                "peak_kb": rss_kb(proc.pid, "VmHWM")}
    finally:
        proc.kill()
        proc.wait(timeout=30)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tally")
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--settle", type=float, default=1.0)
    a = ap.parse_args()
    # A 4 MB body within --max-bytes (4 MiB) once wrapped in its JSON request.
    text = draft(int(a.mb * 1_000_000) - 200)
    for name, run in (("serve", serve), ("lsp", lsp)):
        r = run(a.tally, text, a.settle)
        mb = {k: round(v / 1024, 1) for k, v in r.items() if k.endswith("_kb")}
        print(f"{name}: input {len(text.encode()):,} bytes; RSS idle {mb['idle_kb']} MB, "
              f"after {mb['after_kb']} MB"
              + (f", after didClose {mb['closed_kb']} MB" if "closed_kb" in mb else "")
              + f" (peak {mb['peak_kb']} MB)"
              + (f"; HTTP {r['status']}" if "status" in r else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
