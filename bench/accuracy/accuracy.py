#!/usr/bin/env python3
"""Accuracy of Tally's rules on published copy: how often they fire, how often they are right,
and how many injected errors they catch.

    python3 bench/accuracy/accuracy.py [--tally build/tally] [--shared ../shared] [--check]

Three measures (docs/accuracy.md):
  1. findings per MB per rule over ../shared/corpus/*.jsonl and the seed pages;
  2. precision per rule from bench/accuracy/reviewed/RULE.tsv, where each finding on the corpus was read
     in context and marked true or false; findings not yet reviewed are counted and can be listed
     (--unreviewed RULE|all) with their context, ready to be marked;
  3. recall per kind on the injected-error set that bench/accuracy/inject.py builds from real
     passages, and the false alarms on its clean originals.

The corpus and the injected set are checked with every shipped rule turned on (--enable), so
that a rule off by default is measured too; findings per MB and false alarms count only the
rules that run by default (on, or as a hint).

--check compares the figures with bench/accuracy/floors.json and exits 1 when one falls short
(the ctest test `accuracy`), and applies the default policy (policy.py): a rule runs by default
at its own severity only when measured, and a rule that does not says so with the measured
figures in its `default_reason`. It exits 77 (ctest's skip) when ../shared/corpus is absent.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

import policy

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SKIP = 77

# The rules whose findings rest on figures, dates and counts: the ones published copy is almost
# never wrong about, so their findings there are the false-alarm measure of issue 14.
NUMERIC_FAMILIES = ("percent.", "count.", "growth.", "date.", "entity.", "headline.")


def is_numeric(rule):
    return rule.startswith(NUMERIC_FAMILIES)


# ---------------------------------------------------------------------------------------------
# Running tally


def shipped_rules(tally):
    """{rule id: its `tally rules --format json` entry}, the shipped packs only (run from an
    empty folder, so no .tally.yml adds house rules)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([os.path.abspath(tally), "rules", "--format", "json"], cwd=tmp,
                             check=True, capture_output=True, text=True).stdout
    return {r["id"]: r for r in json.loads(out)["rules"]}


def enable_all(rules):
    """--enable for every family of shipped rules: the rules off by default are measured too."""
    args = []
    for family in sorted({r["family"]["id"] for r in rules.values()}):
        args += ["--enable", family + ".*"]
    return args


def runs_by_default(rules, rule):
    return rules.get(rule, {}).get("default", "on") != "off"


def run_jsonl(tally, path, extra=()):
    """Findings of `tally check --jsonl PATH`, as {article id: [finding]}; each finding gets
    `begin`/`end` byte offsets into the article's text."""
    proc = subprocess.run([tally, "check", "--jsonl", path, *extra], capture_output=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"accuracy: tally check --jsonl {path} exited {proc.returncode}: "
                 f"{proc.stderr.decode(errors='replace')[-500:]}")
    out = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("error"):
            sys.exit(f"accuracy: {path}: record {rec.get('id')}: {rec['error']}")
        fs = []
        for f in rec.get("findings") or []:
            f["begin"] = f["span"]["start"]["offset"]
            f["end"] = f["span"]["end"]["offset"]
            fs.append(f)
        out[rec["id"]] = fs
    return out


def read_jsonl(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def span_text(text_bytes, begin, end):
    return text_bytes[begin:end].decode("utf-8", errors="replace")


def context(text_bytes, begin, end, width=70):
    before = text_bytes[max(0, begin - width * 3):begin].decode("utf-8", errors="ignore")[-width:]
    after = text_bytes[end:end + width * 3].decode("utf-8", errors="ignore")[:width]
    inner = span_text(text_bytes, begin, end)
    return (before + "⟦" + inner + "⟧" + after).replace("\n", "⏎")


# ---------------------------------------------------------------------------------------------
# The reviewed findings

REVIEW_FIELDS = ["corpus", "id", "rule", "offset", "span", "verdict", "reason"]
TRUE_VERDICTS = ("T", "T*")  # T*: a real defect of the archived text, not of the newsroom


def load_reviews(folder):
    """reviewed/RULE.tsv: one finding a line, tab-separated REVIEW_FIELDS; '#' lines are
    comments (reviewed/README.md)."""
    reviews = collections.defaultdict(list)
    if not os.path.isdir(folder):
        return reviews
    for name in sorted(os.listdir(folder)):
        if name.endswith(".tsv"):
            load_review_file(os.path.join(folder, name), reviews)
    return reviews


def load_review_file(path, reviews):
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != len(REVIEW_FIELDS):
                sys.exit(f"{path}:{n}: expected {len(REVIEW_FIELDS)} tab-separated fields "
                         f"({', '.join(REVIEW_FIELDS)}), got {len(cols)}")
            row = dict(zip(REVIEW_FIELDS, cols))
            if row["verdict"] not in ("T", "T*", "F"):
                sys.exit(f"{path}:{n}: verdict must be T, T* or F, not {row['verdict']!r}")
            row["offset"] = int(row["offset"])
            reviews[(row["corpus"], row["id"], row["rule"])].append(row)


def escape(s):
    return s.replace("\t", "\\t").replace("\n", "\\n")


def match_review(reviews, corpus, art_id, finding, text_bytes):
    """The review of this finding: same article, rule and span text, the nearest offset (a
    review survives a change that moves a span by a few bytes, not one that changes its text)."""
    shown = escape(span_text(text_bytes, finding["begin"], finding["end"]))
    best = None
    for row in reviews.get((corpus, art_id, finding["rule"]), []):
        if row["span"] != shown:
            continue
        if best is None or abs(row["offset"] - finding["begin"]) < abs(best["offset"] - finding["begin"]):
            best = row
    return best


# ---------------------------------------------------------------------------------------------
# The three measures


def corpus_measure(tally, shared, reviews, rules):
    corpus_dir = os.path.join(shared, "corpus")
    files = sorted(f for f in os.listdir(corpus_dir) if f.endswith(".jsonl"))
    per_file = {}
    unreviewed = []
    tallies = collections.defaultdict(lambda: collections.Counter())
    for name in files:
        path = os.path.join(corpus_dir, name)
        corpus = name[:-len(".jsonl")]
        texts = {r["id"]: r["text"].encode("utf-8") for r in read_jsonl(path)}
        found = run_jsonl(tally, path, enable_all(rules))
        counts = collections.Counter()
        for art_id, fs in found.items():
            for f in fs:
                if runs_by_default(rules, f["rule"]):
                    counts[f["rule"]] += 1
                t = tallies[f["rule"]]
                t["findings"] += 1
                row = match_review(reviews, corpus, art_id, f, texts[art_id])
                if row is None:
                    t["unreviewed"] += 1
                    unreviewed.append((corpus, art_id, f, texts[art_id]))
                elif row["verdict"] in TRUE_VERDICTS:
                    t["true"] += 1
                else:
                    t["false"] += 1
        per_file[corpus] = {"mb": os.path.getsize(path) / 1e6, "rules": dict(counts)}
    return per_file, tallies, unreviewed


def seeds_measure(tally, shared):
    seeds = os.path.join(shared, "seeds")
    if not os.path.isdir(seeds):
        return None
    proc = subprocess.run([tally, "check", "--format", "json", seeds], capture_output=True)
    doc = json.loads(proc.stdout)
    mb = sum(os.path.getsize(os.path.join(seeds, f)) for f in os.listdir(seeds)) / 1e6
    counts = collections.Counter(x["rule"] for f in doc["files"] for x in f["findings"])
    return {"mb": mb, "rules": dict(counts)}


def injected_measure(tally, shared, work, rules):
    inject = os.path.join(HERE, "inject.py")
    if not os.path.exists(inject):
        return None
    out = os.path.join(work, "injected")
    os.makedirs(out, exist_ok=True)
    subprocess.run([sys.executable, inject, "--corpus", os.path.join(shared, "corpus"),
                    "--out", out], check=True, stdout=subprocess.DEVNULL)
    cases = read_jsonl(os.path.join(out, "cases.jsonl"))
    clean = run_jsonl(tally, os.path.join(out, "clean.jsonl"), enable_all(rules))
    injected = run_jsonl(tally, os.path.join(out, "injected.jsonl"), enable_all(rules))
    kinds = collections.defaultdict(lambda: {"cases": 0, "caught": 0, "missed": []})
    false_alarms = []
    for case in cases:
        k = kinds[case["kind"]]
        k["cases"] += 1
        b, e = case["span"]
        hit = any(f["rule"] in case["rules"] and f["begin"] < e and b < f["end"] or
                  f["rule"] in case["rules"] and any(
                      r["start"]["offset"] < e and b < r["end"]["offset"]
                      for r in f.get("related") or [])
                  for f in injected.get(case["id"], []))
        if hit:
            k["caught"] += 1
        else:
            k["missed"].append(case["id"])
        false_alarms += [(case["id"], f) for f in clean.get(case["id"], [])
                         if is_numeric(f["rule"]) and runs_by_default(rules, f["rule"])]
    return {"cases": len(cases), "kinds": dict(kinds), "false_alarms": false_alarms}


# ---------------------------------------------------------------------------------------------
# Report and floors


def print_report(per_file, tallies, seeds, inj, rules):
    print("Findings per MB, by rule that runs by default (numeric = " +
          ", ".join(NUMERIC_FAMILIES) + ")")
    sources = dict(per_file)
    if seeds:
        sources["seeds"] = seeds
    for name, s in sources.items():
        numeric = sum(n for r, n in s["rules"].items() if is_numeric(r))
        print(f"  {name} ({s['mb']:.2f} MB): numeric {numeric / s['mb']:.2f}/MB ({numeric}); " +
              ", ".join(f"{r} {n}" for r, n in sorted(s["rules"].items(), key=lambda x: -x[1])))
    print("\nPrecision on the corpus, every shipped rule turned on (reviewed in "
          "bench/accuracy/reviewed/); default: what it ships as, policy: what the measure allows")
    print(f"  {'rule':32} {'found':>6} {'true':>5} {'false':>5} {'unrev':>5}  {'precision':>9}"
          f"  {'default':7}  policy")
    for rule in sorted(set(tallies) | set(rules)):
        t = tallies.get(rule, collections.Counter())
        judged = t["true"] + t["false"]
        prec = f"{t['true'] / judged:.0%}" if judged else "-"
        shipped = rules.get(rule, {}).get("default", "-")
        print(f"  {rule:32} {t['findings']:6} {t['true']:5} {t['false']:5} {t['unreviewed']:5}"
              f"  {prec:>9}  {shipped:7}  {policy.verdict(t)}")
    if inj:
        print(f"\nInjected errors ({inj['cases']} cases from bench/accuracy/inject.py)")
        for kind in sorted(inj["kinds"]):
            k = inj["kinds"][kind]
            print(f"  {kind:14} recall {k['caught']:3}/{k['cases']:<3} "
                  f"{k['caught'] / k['cases']:.0%}")
        fa = len(inj["false_alarms"])
        print(f"  false alarms on the clean originals: {fa} "
              f"({100 * fa / max(1, inj['cases']):.2f} per 100)")


def check_floors(floors, per_file, tallies, inj):
    failures = []
    for name, s in per_file.items():
        numeric = sum(n for r, n in s["rules"].items() if is_numeric(r))
        limit = floors.get("numeric_per_mb_max")
        if limit is not None and numeric / s["mb"] > limit:
            failures.append(f"{name}: {numeric / s['mb']:.2f} numeric findings per MB > {limit}")
    numeric = collections.Counter()
    for rule, t in tallies.items():
        if is_numeric(rule):
            numeric.update(t)
        need = floors.get("precision_min", {}).get(rule)
        judged = t["true"] + t["false"]
        if need is not None and judged and t["true"] / judged < need:
            failures.append(f"{rule}: precision {t['true'] / judged:.2f} < {need}")
    judged = numeric["true"] + numeric["false"]
    need = floors.get("numeric_precision_min")
    if need is not None and judged and numeric["true"] / judged < need:
        failures.append(f"numeric rules: precision {numeric['true'] / judged:.2f} < {need}")
    if floors.get("unreviewed_numeric_max") is not None and \
            numeric["unreviewed"] > floors["unreviewed_numeric_max"]:
        failures.append(f"{numeric['unreviewed']} numeric findings on the corpus are not reviewed "
                        f"(at most {floors['unreviewed_numeric_max']}); list them with "
                        "--unreviewed all and mark them in bench/accuracy/reviewed/")
    if inj:
        for kind, need in floors.get("recall_min", {}).items():
            k = inj["kinds"].get(kind)
            if not k:
                failures.append(f"injected set has no '{kind}' cases")
            elif k["caught"] / k["cases"] < need:
                failures.append(f"{kind}: recall {k['caught'] / k['cases']:.2f} < {need}")
        limit = floors.get("false_alarms_per_100_max")
        rate = 100 * len(inj["false_alarms"]) / max(1, inj["cases"])
        if limit is not None and rate > limit:
            failures.append(f"false alarms on clean originals: {rate:.2f} per 100 > {limit}")
    return failures


def print_unreviewed(unreviewed, which):
    print(f"\n# Unreviewed findings ({which}); mark each line's verdict (T, T* or F) and reason,")
    print("# then append it to bench/accuracy/reviewed/RULE.tsv")
    for corpus, art_id, f, text in unreviewed:
        if which != "all" and f["rule"] != which and not (is_numeric(f["rule"]) and which == "numeric"):
            continue
        shown = escape(span_text(text, f["begin"], f["end"]))
        print(f"# {f['message']}\n#   {context(text, f['begin'], f['end'])}")
        print("\t".join([corpus, art_id, f["rule"], str(f["begin"]), shown, "?", ""]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tally", default=os.path.join(ROOT, "build", "tally"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "accuracy"),
                    help="where the injected set is built")
    ap.add_argument("--reviewed", default=os.path.join(HERE, "reviewed"))
    ap.add_argument("--floors", default=os.path.join(HERE, "floors.json"))
    ap.add_argument("--check", action="store_true", help="exit 1 when a figure is below its floor")
    ap.add_argument("--unreviewed", metavar="RULE",
                    help="list the unreviewed findings of RULE ('numeric', 'all') with context")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args()

    if not os.path.isdir(os.path.join(args.shared, "corpus")):
        print(f"accuracy: skipped: no corpus at {args.shared}/corpus")
        return SKIP
    reviews = load_reviews(args.reviewed)
    rules = shipped_rules(args.tally)
    per_file, tallies, unreviewed = corpus_measure(args.tally, args.shared, reviews, rules)
    seeds = seeds_measure(args.tally, args.shared)
    inj = injected_measure(args.tally, args.shared, args.work, rules)
    print_report(per_file, tallies, seeds, inj, rules)
    if args.unreviewed:
        print_unreviewed(unreviewed, args.unreviewed)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"corpus": per_file, "seeds": seeds, "rules": tallies,
                       "injected": inj and {k: {"cases": v["cases"], "caught": v["caught"]}
                                            for k, v in inj["kinds"].items()}},
                      fh, ensure_ascii=False, indent=1)
    if args.check:
        with open(args.floors, encoding="utf-8") as fh:
            floors = json.load(fh)
        failures = check_floors(floors, per_file, tallies, inj)
        failures += policy.check(rules, tallies)
        for f in failures:
            print("FLOOR: " + f)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
