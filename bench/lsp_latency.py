#!/usr/bin/env python3
"""Time from a didChange to the publishDiagnostics for that version, for a ~20 KB draft.
Usage: bench/lsp_latency.py [TALLY] [EDITS]. Uses ../shared/seeds/001_*.txt when present,
else the samples repeated to 20 KB. Prints p50/p99/max in ms (issue 5 target: under 20 ms)."""
import glob
import json
import os
import statistics
import subprocess
import sys
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
tally = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build", "tally")
edits = int(sys.argv[2]) if len(sys.argv) > 2 else 200
seeds = sorted(glob.glob(os.path.join(root, "..", "shared", "seeds", "001_*.txt")))
if seeds:
    text = open(seeds[0], encoding="utf-8").read()
else:
    parts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(root, "samples", "*.txt")))]
    text = ""
    while len(text.encode()) < 20000:
        text += "\n\n".join(parts)

p = subprocess.Popen([tally, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def send(m):
    b = json.dumps(m).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
    p.stdin.flush()


def recv():
    n = 0
    while True:
        line = p.stdout.readline().strip()
        if not line:
            break
        if line.lower().startswith(b"content-length"):
            n = int(line.split(b":")[1])
    return json.loads(p.stdout.read(n))


def wait_version(v):
    while True:
        m = recv()
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == v:
            return m


send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
recv()
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
uri = "file:///tmp/tally-bench/draft.txt"
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri, "languageId": "plaintext", "version": 0, "text": text}}})
first = wait_version(0)
lat = []
for v in range(1, edits + 1):
    # Type a character into line 10, then take it out again: the text stays ~20 KB.
    change = ({"range": {"start": {"line": 10, "character": 0}, "end": {"line": 10, "character": 0}}, "text": "x"}
              if v % 2 else
              {"range": {"start": {"line": 10, "character": 0}, "end": {"line": 10, "character": 1}}, "text": ""})
    t0 = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange",
          "params": {"textDocument": {"uri": uri, "version": v}, "contentChanges": [change]}})
    wait_version(v)
    lat.append((time.perf_counter() - t0) * 1000)
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
send({"jsonrpc": "2.0", "method": "exit"})
p.wait()
lat.sort()
print(f"lsp: {len(text.encode())} bytes, {len(first['params']['diagnostics'])} diagnostics, {edits} edits")
print(f"  edit -> diagnostics  p50 {statistics.median(lat):.1f} ms  "
      f"p99 {lat[int(len(lat) * 0.99) - 1]:.1f} ms  max {lat[-1]:.1f} ms")
