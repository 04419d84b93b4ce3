#!/usr/bin/env python3
"""Drafts a gold article list (the format score.py reads) from `tally parse --format json`.

    python3 bench/pages/gold_from_parse.py --tally build/tally PAGE.txt > PAGE.gold.json

A draft only: it says what the parser found, so it is gold once each article has been read
against the page text and corrected (the seeds' gold in bench/pages/seeds/ was made this way
from a parse known to be right, see README.md). Lines of no article become furniture.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402

HEADING = {"section", "kicker", "headline", "subheadline"}
BODY = {"paragraph", "dateline", "subhead"}


def ranges(lines):
    out = []
    for l in sorted(set(lines)):
        if out and out[-1][1] + 1 == l:
            out[-1][1] = l
        else:
            out.append([l, l])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tally", default=os.path.join(score.ROOT, "build", "tally"))
    ap.add_argument("page")
    args = ap.parse_args()
    with open(args.page, "rb") as f:
        data = f.read()
    starts = score.line_starts(data)
    text_lines = data.decode("utf-8").split("\n")
    doc = score.run_parse(args.tally, args.page)
    preds = score.predicted_articles(doc, starts, text_lines)
    owned, articles = set(), []
    for k, p in enumerate(preds):
        head = [l for b in p["blocks"] if b["type"] in HEADING for l in b["lines"]]
        body = [l for b in p["blocks"] if b["type"] in BODY for l in b["lines"]]
        extra = [l for b in p["blocks"] if b["type"] not in HEADING | BODY for l in b["lines"]
                 if l not in body]
        owned |= set(head) | set(body) | set(extra)
        articles.append(dict(id=f"A{k + 1}", headline=p["headline"], kicker=None, dek=None,
                             headline_lines=sorted(set(head)), body_lines=ranges(body),
                             extra_lines=ranges(extra)))
    furniture = [l for l in range(1, len(text_lines) + 1)
                 if text_lines[l - 1].strip() and l not in owned]
    name = os.path.basename(args.page).rsplit(".", 1)[0]
    gold = dict(page=name, text_file=os.path.basename(args.page), articles=articles,
                furniture_lines=ranges(furniture),
                notes="drafted by gold_from_parse.py, then read against the page")
    json.dump(gold, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
