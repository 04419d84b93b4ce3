#!/usr/bin/env python3
"""Reply size and time of LanguageTool's /v2/check for one long line of Chinese copy.

Usage: bench/lt_reply_bench.py TALLY [SIZES_KB...]   (default 16 32 64 128)

Starts `tally serve --port 0` on loopback, posts one line (the paragraphs of samples/zh-lines.txt
repeated with their newlines removed, cut to each size) as multipart/form-data (which every
version of the server accepts), and prints the reply's size, the wall time, the number of
matches and the server's peak resident memory (VmHWM). Results are recorded in docs/http.md.
"""
import os
import subprocess
import sys
import time
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def long_line(size):
    with open(os.path.join(ROOT, "samples", "zh-lines.txt"), encoding="utf-8") as f:
        unit = "".join(line.strip() for line in f if line.strip())
    text = unit * (size // len(unit.encode()) + 1)
    out = text.encode()[:size]
    return out.decode("utf-8", "ignore")


def post_multipart(url, fields, timeout=600):
    boundary = uuid.uuid4().hex
    body = b""
    for k, v in fields.items():
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n").encode()
        body += v.encode() + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    req = urllib.request.Request(url, data=body, headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.read()


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0


def main():
    tally = os.path.abspath(sys.argv[1])
    sizes = [int(s) for s in sys.argv[2:]] or [16, 32, 64, 128]
    proc = subprocess.Popen([tally, "serve", "--port", "0", "--quiet", "--timeout", "600"],
                            stdout=subprocess.PIPE, text=True, cwd="/")
    try:
        url = proc.stdout.readline().strip().split()[-1]
        import json
        print(f"{'KB':>5} {'reply MB':>9} {'seconds':>8} {'matches':>8} {'peak RSS MB':>12}")
        for kb in sizes:
            text = long_line(kb * 1024)
            t0 = time.monotonic()
            reply = post_multipart(url + "v2/check", {"language": "zh-CN", "text": text})
            dt = time.monotonic() - t0
            n = len(json.loads(reply)["matches"])
            print(f"{kb:>5} {len(reply) / 1e6:>9.2f} {dt:>8.2f} {n:>8} {peak_rss_mb(proc.pid):>12.0f}",
                  flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
