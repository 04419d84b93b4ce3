#!/usr/bin/env python3
"""Score `tally parse --format json` on PDF pages against true article lists, by text.

A PDF's extracted text is Tally's own, so gold lines cannot be matched by line number as
../shared/pages/score.py does for the .txt: each gold unit (a line of the page's .txt, or a
sentence of a generated page's truth) is found in the text of the predicted articles instead.

usage:
  pdf_score.py TALLY PAGE.pdf ...            pages with PAGE.gold.json (+ PAGE.txt) or PAGE.truth.json
  options: --json OUT   write per-article results
           --quiet      totals only
           --min-right F --min-certain F    exit 1 below these floors (fractions)
Prints per page: true articles, found, right (boundaries and headline), headlines right,
certain, certain right; then the totals.
"""
import json, os, re, subprocess, sys, unicodedata
from concurrent.futures import ThreadPoolExecutor


def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    return re.sub(r"[\s/·•□●■“”\"'‘’「」—\-–:：,，.。!！?？()（）《》、；;]", "", s).lower()


def load_gold(pdf):
    base = pdf[:-4]  # PAGE.pdf, or PAGE.txt (its text) for a generated page
    if os.path.exists(base + ".truth.json"):  # a generated page
        t = json.load(open(base + ".truth.json", encoding="utf-8"))
        arts = []
        for a in t["articles"]:
            units = []
            for p in a["body"]:
                units += split_units(p)
            extra = []
            for x in a.get("extra", []):
                extra += split_units(x)
            arts.append(dict(id=a["id"], headline=a["headline"], kicker=a.get("kicker", ""),
                             dek=a.get("dek", ""), body=units, extra=extra))
        return dict(articles=arts, furniture=t.get("furniture", []), date=t.get("date"))
    g = json.load(open(base + ".gold.json", encoding="utf-8"))
    lines = open(base + ".txt", encoding="utf-8").read().split("\n")

    def take(ranges):
        return [lines[i - 1] for a, b in ranges for i in range(a, b + 1) if lines[i - 1].strip()]

    arts = [dict(id=a["id"], headline=a["headline"], kicker=a.get("kicker") or "", dek=a.get("dek") or "",
                 body=take(a["body_lines"]), extra=take(a["extra_lines"])) for a in g["articles"]]
    return dict(articles=arts, furniture=take(g["furniture_lines"]), date=g.get("date"))


def split_units(p):
    # Sentences (or pieces of about 40 characters) of a paragraph: small enough to fall on one
    # side of any article boundary the parser draws.
    out, cur = [], ""
    for ch in p:
        cur += ch
        if ch in "。！？.!?" or len(cur) > 40:
            out.append(cur)
            cur = ""
    if cur.strip():
        out.append(cur)
    return out


def score_page(tally, pdf):
    gold = load_gold(pdf)
    r = subprocess.run([tally, "parse", pdf, "--format", "json"], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{pdf}: tally parse failed: {r.stderr.strip()}")
    doc = json.loads(r.stdout)["documents"][0]
    preds = []
    for k, a in enumerate(doc["articles"]):
        txt = norm("".join(b["text"] for b in a["blocks"]))
        preds.append(dict(idx=k, headline=a.get("headline", ""), text=txt, uncertain=a.get("uncertain", False)))

    def locate(unit):
        u = norm(unit)
        if len(u) < 4:
            return None
        hits = [p["idx"] for p in preds if u in p["text"]]
        return hits[0] if len(hits) == 1 else None

    # Where each gold unit landed; a unit found in no article or in several is not counted.
    landed = {}
    for g in gold["articles"]:
        landed[g["id"]] = ([locate(u) for u in g["body"]], [locate(u) for u in g["extra"]])
    res = []
    owner_of_pred = {}
    for g in gold["articles"]:
        body = [x for x in landed[g["id"]][0] if x is not None]
        if not body:
            res.append(dict(id=g["id"], found=False, right=False, boundary=False, headline_ok=False))
            continue
        best = max(set(body), key=body.count)
        owner_of_pred.setdefault(best, []).append(g["id"])
        coverage = body.count(best) / len(body)
        foreign = 0
        for o in gold["articles"]:
            if o["id"] == g["id"]:
                continue
            foreign += sum(1 for x in landed[o["id"]][0] + landed[o["id"]][1] if x == best)
        gh = norm(g["headline"])
        ph = norm(preds[best]["headline"])
        full = norm(g["kicker"] + g["headline"] + g["dek"])
        hok = (ph == "") if gh == "" else (gh in ph and len(ph) <= len(full) + 2)
        boundary = coverage >= 0.95 and foreign == 0
        res.append(dict(id=g["id"], found=True, pred=best, coverage=round(coverage, 3), foreign=foreign,
                        boundary=boundary, headline_ok=hok, right=boundary and hok,
                        headline=g["headline"], pred_headline=preds[best]["headline"]))
    right_preds = {r_["pred"] for r_ in res if r_["right"]}
    certain = [p for p in preds if not p["uncertain"]]
    certain_right = [p for p in certain if p["idx"] in right_preds and len(owner_of_pred.get(p["idx"], [])) == 1]
    return dict(page=os.path.basename(pdf), gold=len(gold["articles"]), pred=len(preds),
                right=sum(x["right"] for x in res), boundary=sum(x["boundary"] for x in res),
                headline=sum(x["headline_ok"] for x in res), certain=len(certain),
                certain_right=len(certain_right), date_ok=(doc.get("publication_date") == gold.get("date"))
                if gold.get("date") else None, articles=res,
                pred_headlines=[p["headline"] for p in preds])


def main(argv):
    args, out_json, quiet, floors = [], None, False, {}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--json":
            out_json = argv[i + 1]; i += 2; continue
        if a == "--quiet":
            quiet = True; i += 1; continue
        if a in ("--min-right", "--min-certain"):
            floors[a] = float(argv[i + 1]); i += 2; continue
        args.append(a); i += 1
    tally, pdfs = args[0], args[1:]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        results = list(ex.map(lambda p: score_page(tally, p), pdfs))
    tot = dict(gold=0, right=0, boundary=0, headline=0, certain=0, certain_right=0, pred=0)
    dates = [r["date_ok"] for r in results if r["date_ok"] is not None]
    for r in results:
        for k in tot:
            tot[k] += r[k]
        if not quiet:
            print(f"{r['page']:34s} true={r['gold']:2d} found={r['pred']:2d} right={r['right']:2d} "
                  f"boundaries={r['boundary']:2d} headlines={r['headline']:2d} certain={r['certain']:2d} "
                  f"certain_right={r['certain_right']:2d}")
    right = tot["right"] / max(1, tot["gold"])
    cert = tot["certain_right"] / max(1, tot["certain"])
    print(f"TOTAL pages={len(results)} true={tot['gold']} found={tot['pred']} right={tot['right']} ({right:.1%}) "
          f"boundaries={tot['boundary']} headlines={tot['headline']} certain={tot['certain']} "
          f"certain_right={tot['certain_right']} ({cert:.1%}) dates={sum(dates)}/{len(dates)}")
    if out_json:
        json.dump(results, open(out_json, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    ok = right >= floors.get("--min-right", 0) and cert >= floors.get("--min-certain", 0)
    if not ok:
        print(f"below floor: right {right:.3f} (min {floors.get('--min-right', 0)}), "
              f"certain right {cert:.3f} (min {floors.get('--min-certain', 0)})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
