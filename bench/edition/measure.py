#!/usr/bin/env python3
"""False alarms of the edition rules on published copy: groups of ../shared/corpus checked as
editions with `tally check --edition` (docs/edition.md#measured). 新闻联播 items of one date are
one edition; Reuters items of one dateline day ("Feb 26") one edition; BBC items of one topic
in editions of 40. Prints every edition finding with both places, then the counts.
With --by-month, 新闻联播 items of one month are one "edition" instead: a stress test of what the
rules assume (one day's copy), not a measure of false alarms.
Usage: measure.py TALLY [--by-month] [CORPUS_DIR]"""
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

TALLY = os.path.abspath(sys.argv[1])
BY_MONTH = "--by-month" in sys.argv[2:]
ARGS = [a for a in sys.argv[2:] if a != "--by-month"]
CORPUS = ARGS[0] if ARGS else os.path.join(
    os.path.dirname(__file__), "..", "..", "..", "shared", "corpus")


def editions():
    out = collections.OrderedDict()
    def add(key, item):
        out.setdefault(key, []).append(item)
    for line in open(os.path.join(CORPUS, "zh-cctv.jsonl"), encoding="utf-8"):
        d = json.loads(line)
        add("cctv/" + d["id"].split("/")[1][:6 if BY_MONTH else 8], d)
    for line in open(os.path.join(CORPUS, "en-reuters.jsonl"), encoding="utf-8"):
        d = json.loads(line)
        m = re.search(r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\s+(\d+)\s+-", d["text"], re.I)
        add("reuters/" + (m.group(1)[:3].title() + m.group(2) if m else "undated"), d)
    topics = collections.defaultdict(list)
    for line in open(os.path.join(CORPUS, "en-bbc.jsonl"), encoding="utf-8"):
        d = json.loads(line)
        topics[d["id"].split("/")[1]].append(d)
    for topic, items in topics.items():
        for i in range(0, len(items), 40):
            for d in items[i:i + 40]:
                add("bbc/%s/%d" % (topic, i // 40), d)
    return out


def main():
    eds = editions()
    total, pages, by_rule = 0, 0, collections.Counter()
    for name, items in eds.items():
        if len(items) < 2:
            continue
        d = tempfile.mkdtemp(prefix="tally-ed-")
        try:
            for i, it in enumerate(items):
                with open(os.path.join(d, "%04d.txt" % (i + 1)), "w", encoding="utf-8") as f:
                    f.write(it["text"])
            pages += len(items)
            p = subprocess.run([TALLY, "check", "--edition", "--format", "json", "."], cwd=d,
                               capture_output=True, timeout=600)
            res = json.loads(p.stdout)
            for file in res["files"]:
                for f in file["findings"]:
                    if not f["rule"].startswith("edition."):
                        continue
                    total += 1
                    by_rule[f["rule"]] += 1
                    page = int(os.path.basename(file["path"]).split(".")[0])
                    rel = f["related"][0]
                    other = (int(os.path.basename(rel["file"]).split(".")[0])
                             if rel.get("file") else page)
                    print("%s: %s (page %d, %s) %s | %s" % (
                        name, f["rule"], page, items[page - 1]["id"], f["message"],
                        items[other - 1]["id"]))
        finally:
            shutil.rmtree(d)
    print("%d editions, %d pages, %d edition findings %s" % (
        sum(1 for v in eds.values() if len(v) >= 2), pages, total, dict(by_rule)))


if __name__ == "__main__":
    main()
