#!/usr/bin/env python3
"""Start-up of `tally check` on an empty file beside `true` (issue 19: at most 10 ms, median of
20 runs). Runs the two in turn after a warm-up each and prints the median, min and max of wall
time and of CPU time (user + system) per process; then, with valgrind installed, the instructions
each executes (callgrind, whole process: the dynamic loader included), which do not depend on
how loaded the machine is, and the shared libraries tally loads at start.

Usage: bench/startup.py [TALLY] [RUNS]   (default build/tally, 20)
"""
import os
import re
import resource
import shutil
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
    if not shutil.which("valgrind"):
        print("instructions: skipped (no valgrind; scripts/setup.sh --test installs it)")
        sys.exit(0)
    for k, c in cmds.items():
        r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + c,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        m = re.search(r"Collected : (\d+)", r.stderr)
        print("%-22s %s instructions" % (k, "%.1f M" % (int(m.group(1)) / 1e6) if m else "?"))
    # The shared objects the dynamic loader maps before main (each costs relocations).
    r = subprocess.run([tally, "--version"], env=dict(os.environ, LD_TRACE_LOADED_OBJECTS="1"),
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    libs = [l for l in r.stdout.splitlines() if "=>" in l]
    print("%-22s %d shared libraries at start" % ("tally", len(libs)))
