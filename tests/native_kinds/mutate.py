#!/usr/bin/env python3
"""Real copy with the slips the moved kinds look for written in, for compare_test.sh to check
both ways where the unmutated copy rarely fires them: Chinese articles set with ASCII marks
throughout (every third), with one ASCII comma (the next), or with the end of a sentence
repeated after it as a column break does ("…作用。用。"); "随后，同年1月，" and "次年" before a later
sentence (date.order); in English, "Later, on January 3, 2020, it was announced" after the
first sentence (date.order, date.future). The seed pages are written whole with ASCII commas
(several articles of one page grouped, then merged).
Usage: mutate.py OUT_DIR CORPUS.jsonl... [--pages PAGE...]"""
import json
import pathlib
import re
import sys

ASCII = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})


def mutate_zh(text, i):
    if i % 4 == 0:
        return text.translate(ASCII)
    if i % 4 == 1:
        return text.replace("，", ",", 1)
    if i % 4 == 2:  # the end of the first sentence repeated after it
        m = re.search(r"(..)。", text)
        return text if not m else text[: m.end()] + m.group(1)[-1] + "。" + text[m.end():]
    parts = text.split("。")
    if len(parts) > 2:
        parts[1] = "随后，同年1月，" + parts[1]
        parts[2] = "次年" + parts[2]
    return "。".join(parts)


def mutate_en(text, i):
    m = re.search(r"\. ", text)
    if not m:
        return text
    extra = ("Later, on January 3, 2020, it was announced. " if i % 2 else
             "The top three were 12, 15 and 9. ")
    return text[: m.end()] + extra + text[m.end():]


def main():
    args = sys.argv[1:]
    out = pathlib.Path(args.pop(0))
    out.mkdir(parents=True, exist_ok=True)
    pages = []
    if "--pages" in args:
        k = args.index("--pages")
        args, pages = args[:k], args[k + 1:]
    with (out / "mutated.jsonl").open("w", encoding="utf-8") as f:
        i = 0
        for path in args:
            for line in open(path, encoding="utf-8"):
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                text = rec.get("text")
                if not isinstance(text, str):
                    continue
                zh = len(re.findall(r"[\u4e00-\u9fff]", text)) > len(text) / 10
                rec["text"] = mutate_zh(text, i) if zh else mutate_en(text, i)
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                i += 1
    for p in pages:
        text = pathlib.Path(p).read_text(encoding="utf-8", errors="replace")
        (out / ("ascii-" + pathlib.Path(p).name)).write_text(text.translate(ASCII),
                                                             encoding="utf-8")


if __name__ == "__main__":
    main()
