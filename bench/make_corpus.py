#!/usr/bin/env python3
"""Builds benchmark archives as JSON lines ({"id", "text"} per article): the project's samples,
the real pages in ../shared/seeds and the articles in ../shared/corpus when those are present,
repeated until each archive reaches its size. Usage: make_corpus.py OUTDIR [MB ...] (default
10 100). Prints what went in."""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def texts():
    """(source name, text) for every article the corpus is built from."""
    found = []
    for folder in [os.path.join(ROOT, "samples"), os.path.join(SHARED, "seeds"),
                   os.path.join(SHARED, "corpus")]:
        for base, _, files in sorted(os.walk(folder)):
            for name in sorted(files):
                path = os.path.join(base, name)
                if name.endswith((".txt", ".md")):
                    with open(path, encoding="utf-8", errors="replace") as f:
                        found.append((os.path.relpath(path, os.path.dirname(ROOT)), f.read()))
                elif name.endswith(".jsonl"):  # an archive already: one {"text"} per line
                    with open(path, encoding="utf-8", errors="replace") as f:
                        for i, line in enumerate(f):
                            try:
                                text = json.loads(line).get("text")
                            except (ValueError, AttributeError):
                                continue
                            if isinstance(text, str):
                                found.append(("%s:%d" % (os.path.relpath(path, os.path.dirname(ROOT)), i + 1), text))
    return found


def main():
    out = sys.argv[1]
    sizes = [int(s) for s in sys.argv[2:]] or [10, 100]
    os.makedirs(out, exist_ok=True)
    articles = texts()
    lines = [json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n"
             for name, text in articles]
    print("%d articles, %d bytes: %s" % (len(articles), sum(len(l.encode()) for l in lines),
                                         ", ".join(sorted({n.split('/')[0] + '/' + n.split('/')[1] for n, _ in articles}))))
    # A 20 KB draft for the single-draft target: the real page nearest 20 KB when there are
    # real pages, else the samples one after another up to 20 KB.
    pages = [t for n, t in articles if "/seeds/" in n or "/corpus/" in n]
    if pages:
        draft = min(pages, key=lambda t: abs(len(t.encode()) - 20 * 1024))
    else:
        draft, i = "", 0
        own = [t for n, t in articles]
        while len(draft.encode()) < 20 * 1024:
            draft += own[i % len(own)] + "\n"
            i += 1
    with open(os.path.join(out, "draft-20kb.txt"), "w", encoding="utf-8") as f:
        f.write(draft)
    for mb in sizes:
        path = os.path.join(out, "corpus-%dmb.jsonl" % mb)
        target, written, n = mb * 1024 * 1024, 0, 0
        with open(path, "w", encoding="utf-8") as f:
            while written < target:
                name, text = articles[n % len(articles)]
                line = json.dumps({"id": "%s#%d" % (name, n // len(articles)), "text": text},
                                  ensure_ascii=False) + "\n"
                f.write(line)
                written += len(line.encode())
                n += 1
        print("%s: %d articles, %.1f MB" % (path, n, written / 1048576))


if __name__ == "__main__":
    main()
