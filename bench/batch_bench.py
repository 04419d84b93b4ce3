#!/usr/bin/env python3
"""Batch throughput of `tally check --jsonl` with every shipped rule: MB/s on one thread and on
every core, per-article p50/p99 latency (bench_latency), peak RSS, and the speed of merely
reading the same bytes (cat) as a reference; the same run with every rule off (parsing, fact
extraction and the JSON lines in and out: the ceiling of any rule set); plus a 20 KB draft's
check time, on one thread and with its articles on two, and its floors (bench_extract).
Usage: batch_bench.py BUILD_DIR CORPUS_DIR   (corpus from bench/make_corpus.py)
Prints a Markdown table for docs/performance.md."""
import glob
import json
import os
import re
import subprocess
import sys
import time

BUILD, CORPUS = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
TALLY = os.path.join(BUILD, "tally")
CORES = os.cpu_count() or 1


def measured(cmd):
    """Wall seconds and peak RSS (MB) of one process, by GNU time (a small parent, so the
    figure is the command's own, not a copy of this Python's memory)."""
    started = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - started
    if p.returncode not in (0, 1):
        raise SystemExit("%s exited %d: %s" % (" ".join(cmd), p.returncode, p.stderr[-500:]))
    return seconds, int(p.stderr.strip().splitlines()[-1]) / 1024


def all_rules_off():
    """--disable for every shipped pack ('prefix.*')."""
    out = subprocess.run([TALLY, "rules"], capture_output=True, text=True).stdout
    ids = [line.split()[0] for line in out.splitlines() if line.split()]
    packs = sorted({i.split(".")[0] for i in ids if "." in i})
    return [a for p in packs for a in ("--disable", p + ".*")]


def main():
    archives = sorted(glob.glob(os.path.join(CORPUS, "corpus-*mb.jsonl")),
                      key=lambda p: int(re.search(r"(\d+)mb", p).group(1)))
    if not archives:
        raise SystemExit("no corpus-*mb.jsonl in %s (run bench/make_corpus.py)" % CORPUS)
    rules_off = all_rules_off()
    print("| archive | mode | MB/s | MB/s per core | peak RSS |")
    print("|---|---|---|---|---|")
    for path in archives:
        mb = os.path.getsize(path) / 1048576
        name = os.path.basename(path)
        secs, rss = measured(["cat", path])
        print("| %s | read only (cat) | %.0f | | %.0f MB |" % (name, mb / secs, rss))
        secs, rss = measured([TALLY, "check", "--jsonl", path, "--jobs", "1", *rules_off])
        print("| %s | every rule off, 1 thread | %.2f | %.2f | %.0f MB |" % (name, mb / secs, mb / secs, rss))
        for jobs in sorted({1, CORES}):
            secs, rss = measured([TALLY, "check", "--jsonl", path, "--jobs", str(jobs)])
            print("| %s | check, %d thread%s | %.2f | %.2f | %.0f MB |" %
                  (name, jobs, "" if jobs == 1 else "s", mb / secs, mb / secs / jobs, rss))
        sys.stdout.flush()
    lat = json.loads(subprocess.run([os.path.join(BUILD, "bench", "bench_latency"), archives[0], "2000"],
                                    capture_output=True, text=True, check=True).stdout)
    print()
    print("Per article (%d articles of %s, one thread): p50 %.2f ms, p99 %.2f ms, max %.2f ms, %.2f MB/s"
          % (lat["articles"], os.path.basename(archives[0]), lat["p50_ms"], lat["p99_ms"], lat["max_ms"],
             lat["mb_per_s"]))
    draft = os.path.join(CORPUS, "draft-20kb.txt")
    if os.path.exists(draft):
        out = subprocess.run([os.path.join(BUILD, "bench", "bench_extract"), draft, "100"],
                             capture_output=True, text=True, check=True).stdout
        parse = float(re.search(r"parse\s+p50 ([\d.]+)", out).group(1))
        check = float(re.search(r"check\s+p50 ([\d.]+)", out).group(1))
        print("20 KB draft (%s): parse p50 %.2f ms + check p50 %.2f ms = %.2f ms"
              % (os.path.basename(draft), parse, check, parse + check))
        split = re.search(r"check\s+p50 ([\d.]+) ms.*articles on 2 threads", out)
        if split:
            print("The same with its articles on 2 threads (the language server, tally serve): "
                  "%.2f ms + %.2f ms = %.2f ms" % (parse, float(split.group(1)),
                                                   parse + float(split.group(1))))
        floors = re.search(r"no rule on ([\d.]+) ms, one empty Lua rule ([\d.]+)", out)
        print("Floors: parse + check with no rule on %.2f ms; with one Lua rule that does nothing %.2f ms"
              % (parse + float(floors.group(1)), parse + float(floors.group(2))))


if __name__ == "__main__":
    main()
