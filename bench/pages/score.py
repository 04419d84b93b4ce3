#!/usr/bin/env python3
"""Scores `tally parse --format json` against gold article lists, by line ownership.

    python3 bench/pages/score.py [--tally build/tally] [--shared ../shared] [--check]
                                 [--set NAME=GOLD_DIR[:TEXT_DIR]]... [--pages] [--json OUT]

A set is a folder of gold files, NAME.gold.json (or NAME.json), each beside its page text
NAME.txt, or with the texts in TEXT_DIR. Without --set the sets are the seed pages
(../shared/seeds, gold in bench/pages/seeds/) and ../shared/pages. Any folder of pairs in the
same gold format can be scored (generated pages, pages kept apart for judging).

Gold format (as ../shared/pages/README.md describes): `articles[]` with `id`, `headline` (and
`kicker`, `dek` when printed), `headline_lines`, `body_lines` (inclusive [from, to] ranges of
1-based line numbers), `extra_lines` (byline, bio, caption, sign-off: the article's but not its
body); `furniture_lines` (masthead, folio, date line, labels: no article's). Every non-blank line
is owned once.

Per gold article: `whole` when the predicted article holding most of its body lines holds at
least 95% of them, `only` when that article holds no line of another gold article, `boundary`
when both; `headline` when the gold headline (normalized) is inside the predicted one and the
predicted one is not longer than kicker + headline + dek. `right` = boundary and headline.
A predicted article is `right` when it is the match of exactly one gold article and that one is
right; the calibration of "certain" is the share of right articles among those not marked
uncertain (spurious articles count as wrong).

--check compares each set's figures with bench/pages/floors.json and exits 1 when one falls
short (the ctest test `pages_score`); it exits 77 (ctest's skip) when ../shared is absent.
Python 3 standard library only.
"""
import argparse
import bisect
import collections
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SKIP = 77

# Block types that carry an article's copy: a block of one of these whose lines the gold gives to
# another article is a misassigned paragraph.
BODY_TYPES = {"paragraph", "dateline", "subhead", "caption", "sign-off", "byline", "kicker",
              "section"}


def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    return re.sub(r"[\s/·•□●“”\"'‘’「」—\-–:：,，.。!！?？()（）《》]", "", s).lower()


def expand(ranges):
    out = []
    for a, b in ranges:
        out.extend(range(a, b + 1))
    return out


def line_starts(data):
    starts = [0]
    for i, b in enumerate(data):
        if b == 0x0A:
            starts.append(i + 1)
    return starts


def lines_of_span(starts, s, e):
    a = bisect.bisect_right(starts, s)
    b = bisect.bisect_right(starts, max(s, e - 1))
    return list(range(a, b + 1))


def run_parse(tally, txt):
    out = subprocess.run([tally, "parse", txt, "--format", "json"], capture_output=True,
                         text=True)
    if out.returncode != 0:
        raise SystemExit(f"score.py: tally parse {txt} failed ({out.returncode}): {out.stderr}")
    return json.loads(out.stdout)["documents"][0]


def predicted_articles(doc, starts, text_lines):
    preds = []
    for k, a in enumerate(doc["articles"]):
        blocks = []
        for b in a["blocks"]:
            ls = []
            for sp in b.get("pieces") or [b["span"]]:
                ls += lines_of_span(starts, sp["start"]["offset"], sp["end"]["offset"])
            ls = [l for l in ls if l <= len(text_lines) and text_lines[l - 1].strip()]
            blocks.append(dict(type=b["type"], lines=ls, text=b["text"]))
        preds.append(dict(idx=k + 1, headline=a.get("headline", ""), blocks=blocks,
                          lines={l for b in blocks for l in b["lines"]},
                          uncertain=bool(a.get("uncertain", False)),
                          confidence=a.get("confidence", 1.0)))
    return preds


def score_page(doc, data, gold):
    starts = line_starts(data)
    text_lines = data.decode("utf-8").split("\n")
    nonblank = lambda l: 0 < l <= len(text_lines) and text_lines[l - 1].strip()
    owner, hl_owner, gbody = {}, collections.defaultdict(set), {}
    for g in gold["articles"]:
        body = {l for l in expand(g["body_lines"]) if nonblank(l)}
        gbody[g["id"]] = body
        for l in body:
            owner[l] = g["id"]
        for l in expand(g.get("extra_lines", [])):
            if nonblank(l):
                owner[l] = g["id"]
        for l in g.get("headline_lines", []):
            hl_owner[l].add(g["id"])
    for l in expand(gold.get("furniture_lines", [])):
        if nonblank(l):
            owner.setdefault(l, "FURNITURE")

    def owners(l):
        if l in hl_owner:
            return set(hl_owner[l])
        o = owner.get(l)
        return {o} if o else set()

    preds = predicted_articles(doc, starts, text_lines)
    results, claimed = [], collections.defaultdict(list)
    for g in gold["articles"]:
        gl = gbody[g["id"]]
        best, bestn = None, 0
        for p in preds:
            n = len(gl & p["lines"])
            if n > bestn:
                best, bestn = p, n
        r = dict(id=g["id"], headline=g["headline"], body_lines=len(gl))
        if best is None:
            r.update(found=False, whole=False, only=False, boundary=False, headline_ok=False,
                     right=False, pred=None)
            results.append(r)
            continue
        claimed[best["idx"]].append(g["id"])
        foreign = collections.Counter()
        for l in best["lines"]:
            for o in owners(l) - {g["id"]}:
                if o != "FURNITURE":
                    foreign[o] += 1
        gh, ph = norm(g["headline"]), norm(best["headline"])
        full = norm((g.get("kicker") or "") + g["headline"] + (g.get("dek") or ""))
        hok = ph == "" if gh == "" else (gh in ph and len(ph) <= len(full) + 2)
        whole = bestn / max(1, len(gl)) >= 0.95
        r.update(found=True, pred=best["idx"], pred_headline=best["headline"],
                 coverage=round(bestn / max(1, len(gl)), 3), whole=whole, only=not foreign,
                 foreign_lines=dict(foreign), headline_ok=hok, boundary=whole and not foreign)
        r["right"] = r["boundary"] and hok
        results.append(r)

    # Paragraphs: a body block whose lines the gold gives mostly to another article.
    expected = {}
    for p in preds:
        gs = claimed.get(p["idx"], [])
        if gs:
            expected[p["idx"]] = max(gs, key=lambda gid: len(gbody[gid] & p["lines"]))
    mis = paragraphs = 0
    examples = []
    for p in preds:
        for b in p["blocks"]:
            if b["type"] not in BODY_TYPES:
                continue
            c = collections.Counter(o for l in b["lines"] for o in owners(l))
            if not c:
                continue
            top = c.most_common(1)[0][0]
            if top == "FURNITURE":
                continue
            paragraphs += 1
            if expected.get(p["idx"]) != top:
                mis += 1
                if len(examples) < 6:
                    examples.append(dict(article=p["idx"], owner=top, type=b["type"],
                                         text=b["text"][:60]))

    by_id = {r["id"]: r for r in results}
    certain = [p for p in preds if not p["uncertain"]]
    def pred_right(p):
        gs = claimed.get(p["idx"], [])
        return len(gs) == 1 and by_id[gs[0]]["right"]
    return dict(
        page=gold.get("page", ""), gold=len(results), predicted=len(preds),
        spurious=sum(1 for p in preds if p["idx"] not in claimed),
        boundary=sum(r["boundary"] for r in results),
        headline=sum(r["headline_ok"] for r in results),
        right=sum(r["right"] for r in results),
        paragraphs=paragraphs, misassigned=mis,
        certain=len(certain), certain_right=sum(1 for p in certain if pred_right(p)),
        uncertain=len(preds) - len(certain),
        publication_date=doc.get("publication_date"),
        articles=results, mis_examples=examples,
        pred=[dict(headline=p["headline"], uncertain=p["uncertain"], right=pred_right(p))
              for p in preds])


def gold_files(gold_dir):
    names = {}
    for f in sorted(os.listdir(gold_dir)):
        if f.endswith(".gold.json"):
            names[f[: -len(".gold.json")]] = os.path.join(gold_dir, f)
        elif f.endswith(".json") and f[: -len(".json")] not in names:
            names.setdefault(f[: -len(".json")], os.path.join(gold_dir, f))
    return names


def score_set(tally, gold_dir, text_dir, show_pages):
    pages = []
    for name, gpath in gold_files(gold_dir).items():
        txt = os.path.join(text_dir, name + ".txt")
        if not os.path.exists(txt):
            continue
        with open(gpath, encoding="utf-8") as f:
            gold = json.load(f)
        with open(txt, "rb") as f:
            data = f.read()
        r = score_page(run_parse(tally, txt), data, gold)
        r["page"] = name
        pages.append(r)
        if show_pages:
            print(f"  {name:28s} gold={r['gold']:2d} found={r['predicted']:2d} "
                  f"spurious={r['spurious']:2d} boundary={r['boundary']:2d} "
                  f"headline={r['headline']:2d} right={r['right']:2d} "
                  f"misassigned={r['misassigned']}/{r['paragraphs']} "
                  f"certain={r['certain_right']}/{r['certain']} "
                  f"date={r['publication_date'] or '-'}")
    keys = ("gold", "predicted", "spurious", "boundary", "headline", "right", "paragraphs",
            "misassigned", "certain", "certain_right", "uncertain")
    total = {k: sum(p[k] for p in pages) for k in keys}
    total["pages"] = len(pages)
    total["dated"] = sum(1 for p in pages if p["publication_date"])
    return total, pages


def pct(a, b):
    return f"{100.0 * a / b:.0f}%" if b else "-"


def summary_line(name, t):
    return (f"{name}: {t['pages']} pages, {t['gold']} articles: boundaries right "
            f"{t['boundary']}/{t['gold']}, headlines right {t['headline']}/{t['gold']}, "
            f"both {t['right']}/{t['gold']} ({pct(t['right'], t['gold'])}); "
            f"paragraphs misassigned {t['misassigned']}/{t['paragraphs']} "
            f"({pct(t['misassigned'], t['paragraphs'])}); found {t['predicted']} "
            f"({t['spurious']} spurious, {t['uncertain']} uncertain); certain right "
            f"{t['certain_right']}/{t['certain']} ({pct(t['certain_right'], t['certain'])}); "
            f"publication date on {t['dated']}/{t['pages']}")


def check(name, t, floor):
    """Messages for the figures of set `name` below its floors."""
    bad = []
    def share(a, b):
        return a / b if b else 1.0
    want = {
        "right": share(t["right"], t["gold"]),
        "certain_right": share(t["certain_right"], t["certain"]),
        "dated": share(t["dated"], t["pages"]),
    }
    for k, v in want.items():
        if k in floor and v + 1e-9 < floor[k]:
            bad.append(f"{name}: {k} {v:.3f} below its floor {floor[k]}")
    if "misassigned_max" in floor and share(t["misassigned"], t["paragraphs"]) > floor[
            "misassigned_max"] + 1e-9:
        bad.append(f"{name}: misassigned {t['misassigned']}/{t['paragraphs']} above its ceiling "
                   f"{floor['misassigned_max']}")
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tally", default=os.path.join(ROOT, "build", "tally"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--set", action="append", default=[], metavar="NAME=GOLD_DIR[:TEXT_DIR]")
    ap.add_argument("--pages", action="store_true", help="print each page's figures")
    ap.add_argument("--check", action="store_true", help="hold the sets to floors.json")
    ap.add_argument("--json", help="write every page's figures and articles here")
    args = ap.parse_args()

    sets = []
    for s in args.set:
        name, _, dirs = s.partition("=")
        gold_dir, _, text_dir = dirs.partition(":")
        sets.append((name, gold_dir, text_dir or gold_dir))
    if not sets:
        if not os.path.isdir(args.shared):
            print(f"skipped: {args.shared} not found (the seed pages and ../shared/pages)")
            return SKIP
        sets = [("seeds", os.path.join(HERE, "seeds"), os.path.join(args.shared, "seeds")),
                ("pages", os.path.join(args.shared, "pages"), os.path.join(args.shared, "pages"))]
    missing = [d for _, g, t in sets for d in (g, t) if not os.path.isdir(d)]
    if missing:
        print("skipped: not found: " + ", ".join(missing))
        return SKIP

    floors = {}
    if args.check:
        with open(os.path.join(HERE, "floors.json"), encoding="utf-8") as f:
            floors = json.load(f)
    report, problems = {}, []
    for name, gold_dir, text_dir in sets:
        total, pages = score_set(args.tally, gold_dir, text_dir, args.pages)
        print(summary_line(name, total))
        report[name] = dict(total=total, pages=pages)
        if args.check and name in floors:
            problems += check(name, total, floors[name])
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)
    for p in problems:
        print("FAIL " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
