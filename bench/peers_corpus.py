#!/usr/bin/env python3
"""Turns JSONL archives ({"id", "text", ...} a line) into plain text files, one article a file,
for the side-by-side run of bench/peers.sh: both tools read the same files.

Usage: peers_corpus.py OUT_DIR ARCHIVE.jsonl... -> OUT_DIR/NNNNN.txt (the folder is emptied first)
"""
import json
import os
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        if name.endswith(".txt"):
            os.remove(os.path.join(out, name))
    n = size = 0
    for archive in sys.argv[2:]:
        with open(archive, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                try:
                    text = json.loads(line).get("text") or ""
                except ValueError:
                    continue  # a bad line is the batch bench's business, not this one's
                if not text.strip():
                    continue
                data = text.encode("utf-8")
                with open(os.path.join(out, "%05d.txt" % n), "wb") as g:
                    g.write(data if data.endswith(b"\n") else data + b"\n")
                n += 1
                size += len(data)
    print("%s: %d files, %.2f MB" % (out, n, size / 1e6))


if __name__ == "__main__":
    main()
