#!/usr/bin/env python3
"""Every text of the shipped rules' tests (rules/**/NAME.test.yaml: pass, fire and known_misfire
cases) as JSONL lines {"id", "text"}, for compare_test.sh to check both ways: the cases are
written to make each rule fire and stay silent at its edges, so they exercise the moved kinds
where samples and real copy rarely do. A case's pages (form feeds) stay one text.
Usage: rule_cases.py RULES_DIR OUT.jsonl"""
import json
import pathlib
import sys

import yaml


def texts(node):
    for case in node or []:
        if isinstance(case, str):
            yield case
        elif isinstance(case, dict) and isinstance(case.get("text"), str):
            yield case["text"]


def main():
    rules, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for path in sorted(rules.rglob("*.test.yaml")):
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for key in ("pass", "fire", "known_misfire"):
                for i, text in enumerate(texts(doc.get(key))):
                    n += 1
                    f.write(json.dumps({"id": f"{path.stem}-{key}-{i}", "text": text},
                                       ensure_ascii=False) + "\n")
    print(n)


if __name__ == "__main__":
    main()
