#!/usr/bin/env python3
"""Runs two commands over the same folder of text files in turn (A B A B ...) and prints each
one's throughput per core: the folder's bytes over the CPU time (user + system) the command and
its children used, so a tool that spreads work over threads is not flattered by a second core.
Then the ratio tally / peer, pair by pair, median first.

Usage: peers_time.py LABEL DIR RUNS -- TALLY_CMD... -- PEER_CMD...
Each command gets DIR appended as its last argument. Output is read and thrown away; a command
that exits with a status other than 0 or 1 (1: it found something) stops the bench.
"""
import os
import resource
import statistics
import subprocess
import sys
import time


def folder_bytes(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.endswith(".txt"))


def run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        sys.exit("%s exited %d: %s" % (cmd[0], p.returncode, p.stderr.decode()[-2000:]))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main():
    args = sys.argv[1:]
    if len(args) < 6 or args[3] != "--" or "--" not in args[4:]:
        sys.exit(__doc__)
    label, d, runs = args[0], args[1], int(args[2])
    rest = args[4:]
    cut = rest.index("--")
    tally, peer = rest[:cut] + [d], rest[cut + 1:] + [d]
    mb = folder_bytes(d) / 1e6
    run(tally), run(peer)  # warm-up: the page cache, the peer's node start
    # A tool that read nothing (a folder it was told to ignore) would look infinitely fast: tally
    # prints a record per file. (autocorrect prints only the files it would change, and English
    # copy gives it little to change, so its output proves nothing either way.)
    out = subprocess.run(tally, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    if out.count(b'"path"') + out.count(b'"file"') == 0 and len(out) < 100:
        sys.exit("%s printed almost nothing on %s: did it read the files? %r" % (tally[0], d, out[:200]))
    t, p = [], []
    for _ in range(runs):
        t.append(run(tally))
        p.append(run(peer))
    ts = [mb / c for c, _ in t]
    ps = [mb / c for c, _ in p]
    ratios = [a / b for a, b in zip(ts, ps)]
    print("%s: %.2f MB in %d files, %d runs each, in turn" %
          (label, mb, len([f for f in os.listdir(d) if f.endswith(".txt")]), runs))
    print("  %-12s MB/s per core: median %.2f (min %.2f, max %.2f); CPU s median %.2f" %
          ("tally", statistics.median(ts), min(ts), max(ts), statistics.median(c for c, _ in t)))
    print("  %-12s MB/s per core: median %.2f (min %.2f, max %.2f); CPU s median %.2f" %
          ("autocorrect", statistics.median(ps), min(ps), max(ps), statistics.median(c for c, _ in p)))
    print("  ratio tally/autocorrect: median %.2f (min %.2f, max %.2f)" %
          (statistics.median(ratios), min(ratios), max(ratios)))


if __name__ == "__main__":
    main()
