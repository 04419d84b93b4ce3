#!/usr/bin/env python3
"""Start-up of `tally check` on an empty file beside `true` (issue 19: at most 10 ms, median of
20 runs). Runs the two in turn after a warm-up each and prints the median, min and max of wall
time and of CPU time (user + system) per process.

Usage: bench/startup.py [TALLY] [RUNS]   (default build/tally, 20)
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
tally = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build", "tally")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20


def once(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall * 1000, cpu * 1000


with tempfile.TemporaryDirectory() as d:
    empty = os.path.join(d, "empty.txt")
    open(empty, "w").close()
    cmds = {"true": ["true"], "tally check empty.txt": [tally, "check", empty]}
    for c in cmds.values():
        once(c)  # warm-up: page cache, the dynamic loader's
    got = {k: [] for k in cmds}
    for _ in range(runs):
        for k, c in cmds.items():
            got[k].append(once(c))
    for k, v in got.items():
        wall = [w for w, _ in v]
        cpu = [c for _, c in v]
        print("%-22s wall median %5.1f ms (min %5.1f, max %6.1f)   cpu median %5.1f ms (min %4.1f, max %5.1f)"
              % (k, statistics.median(wall), min(wall), max(wall), statistics.median(cpu), min(cpu), max(cpu)))
