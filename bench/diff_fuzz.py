#!/usr/bin/env python3
"""Differential fuzzing of two tally binaries on rare text shapes.

bench/same_findings.sh compares two binaries on real copy, which is mostly clean; a speed change
that pre-filters bytes ("this text cannot hold a date") can be wrong only on rarer text. This
script builds a deterministic (seeded) set of texts that stress those shapes: full-width and
Chinese numerals, odd-case month names, ordinals, long s, combining marks, CR/LF and CR-only line
ends, BOM, tabs, NBSP and ideographic space, emoji and 4-byte UTF-8, invalid UTF-8, very long
lines, Markdown/HTML-ish text, empty articles, quotes and brackets nested and unbalanced,
impossible dates, percentages and ranges, 分别 lists, counts with place lists, weekdays. Texts are
synthetic sentences plus real sentences of ../shared/corpus mutated in memory (never written to
the project). Both binaries run `check --format json --no-ignore`, `parse --format json` and
`facts --format json` on each text, and `check --jsonl` on the texts as JSON-lines records;
stdout, stderr and exit codes are compared byte for byte.
The first differing inputs are shrunk (lines, then characters) to a short repro.

Usage: bench/diff_fuzz.py OLD_TALLY NEW_TALLY [--count N] [--seed S] [--show K]
Exit 0 when every output is identical, 1 otherwise.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared"))

# The three commands compared; each runs on a folder (batch) or a single file (shrinking).
COMMANDS = [
    ("check", ["check", "--format", "json", "--no-ignore"]),
    ("parse", ["parse", "--format", "json", "--no-ignore"]),
    ("facts", ["facts", "--format", "json", "--no-ignore"]),
]

# --- building blocks -------------------------------------------------------------------------

FULLWIDTH = str.maketrans("0123456789%.-", "０１２３４５６７８９％．－")
ZH_DIGITS = "〇一二三四五六七八九"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MONTH_ABBR = ["Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec."]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS_ZH = ["星期一", "周二", "星期三", "周四", "星期五", "周六", "星期日", "礼拜天"]
PLACES = ["北京", "上海", "广州", "深圳", "天津", "重庆", "杭州", "南京", "成都", "武汉"]
PLACES_EN = ["Leeds", "York", "Bristol", "Cardiff", "Glasgow", "Belfast", "Derby"]
SPACES = ["\u00a0", "\u3000", "\t", "\u2009", "\u200b", "  "]
ODD_CHARS = ["😀", "👍🏽", "𠀀", "𪚥", "\u0301", "e\u0301", "ſ", "\ufeff", "﻿", "\u2028",
             "①", "Ⅻ", "½", "٣", "¥", "€", "—", "…", "·", "・",
             "\ufffe", "\uffff", "\U0010ffff", "\ufffd"]
QUOTES = ["“", "”", "‘", "’", "「", "」", "『", "』", "《", "》", "〈", "〉", "（", "）",
          "(", ")", "[", "]", "【", "】", "\"", "'", "«", "»", "〔", "〕"]
INVALID = [b"\xff", b"\xc3", b"\xe4\xb8", b"\xed\xa0\x80", b"\xf0\x9f", b"\x80", b"\xc0\xaf"]


def zh_number(n, rng):
    """n written in Chinese: digit by digit (二〇二四) or with units (二十三, 两百)."""
    if rng.random() < 0.5:
        return "".join(ZH_DIGITS[int(d)] for d in str(n))
    if n < 10:
        return rng.choice(["两", "二"]) if n == 2 else ZH_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 and rng.random() < 0.5 else ZH_DIGITS[tens]) + "十" + (
            ZH_DIGITS[ones] if ones else "")
    return str(n)


def odd_case(word, rng):
    """A word in upper, lower, title or random case: month names are matched case-blind."""
    pick = rng.randrange(4)
    if pick == 0:
        return word.upper()
    if pick == 1:
        return word.lower()
    if pick == 2:
        return word.title()
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in word)


def ordinal(d, rng):
    suffix = "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    if rng.random() < 0.2:
        suffix = rng.choice(["st", "nd", "rd", "th", "ST", "Th"])
    return f"{d}{suffix}"


def date_text(rng):
    """A date in one of many shapes, valid or not (2024-02-30, 2月30日)."""
    y = rng.choice([1999, 2000, 2023, 2024, 2025, 2026, 24, 3000])
    m = rng.choice([1, 2, 6, 9, 11, 12, 13, 0])
    d = rng.choice([1, 2, 3, 11, 12, 13, 21, 22, 28, 29, 30, 31, 32, 0])
    shapes = [
        lambda: f"{y}年{m}月{d}日",
        lambda: f"{zh_number(y, rng)}年{zh_number(m, rng)}月{zh_number(d, rng)}日",
        lambda: f"{y}年{m}月{d}号",
        lambda: f"{m}月{d}日",
        lambda: f"{y}年{m}月",
        lambda: f"{y}年",
        lambda: f"{y}-{m:02d}-{d:02d}",
        lambda: f"{y}/{m}/{d}",
        lambda: f"{d:02d}/{m:02d}/{y}",
        lambda: f"{d}.{m}.{y}",
        lambda: f"{odd_case(MONTHS[(m - 1) % 12], rng)} {d}, {y}",
        lambda: f"{ordinal(d, rng)} {odd_case(MONTHS[(m - 1) % 12], rng)}",
        lambda: f"{d} {rng.choice(MONTH_ABBR)} {y}",
        lambda: f"{rng.choice(MONTH_ABBR)} {ordinal(d, rng)}",
        lambda: f"{odd_case(rng.choice(WEEKDAYS_EN), rng)}, {d} {MONTHS[(m - 1) % 12]}",
        lambda: f"{m}月{d}日（{rng.choice(WEEKDAYS_ZH)}）",
        lambda: rng.choice(WEEKDAYS_ZH) + rng.choice(["上午", "晚间", ""]),
        lambda: rng.choice(["昨天", "今天", "前天", "本月", "上周", "last Tuesday", "yesterday"]),
        lambda: f"{y}年{m}月{d}日至{d + 2}日",
        lambda: f"{m}月{d}日-{m}月{d + 3}日",
    ]
    text = rng.choice(shapes)()
    if rng.random() < 0.2:
        text = text.translate(FULLWIDTH)
    return text


def figure_text(rng):
    """A number, percentage, range or money amount, sometimes full-width or Chinese."""
    a, b = rng.randint(0, 99), rng.randint(0, 999)
    shapes = [
        lambda: f"{a}%", lambda: f"{a}.{b}%", lambda: f"{a}-{a + 2}%", lambda: f"{a}%至{a + 5}%",
        lambda: f"{a}～{b}", lambda: f"百分之{zh_number(a, rng)}", lambda: f"{a}个百分点",
        lambda: f"{b},{rng.randint(100, 999)}", lambda: f"{a}.{b}万", lambda: f"{a}亿元",
        lambda: f"{zh_number(a, rng)}万人", lambda: f"{a} per cent", lambda: f"{a} percent",
        lambda: f"£{a}.{b}m", lambda: f"${a}bn", lambda: f"{a} to {b}", lambda: f"{a}-{b}",
        lambda: f"{a}成", lambda: f"{a}倍", lambda: f"-{a}%", lambda: f"+{a}.{b}%",
        lambda: f"{a}°C", lambda: f"{a} km", lambda: f"{a}公里", lambda: f"{a}/{b}",
        lambda: f"{a}:{b}", lambda: f"第{zh_number(a % 20 + 1, rng)}", lambda: f"{a}余",
    ]
    text = rng.choice(shapes)()
    if rng.random() < 0.25:
        text = text.translate(FULLWIDTH)
    return text


def zh_sentence(rng):
    """A synthetic Chinese sentence with dates, figures, counts, lists or quotes."""
    n = rng.randint(2, 5)
    places = rng.sample(PLACES, n)
    shapes = [
        lambda: f"{date_text(rng)}，全市增长{figure_text(rng)}，较上年提高{figure_text(rng)}。",
        lambda: f"{zh_number(n, rng)}地（{'、'.join(places)}）分别增长"
                + "、".join(figure_text(rng) for _ in range(rng.randint(n - 1, n + 1))) + "。",
        lambda: f"{'、'.join(places)}{zh_number(n, rng)}地共{figure_text(rng)}人参加。",
        lambda: f"其中，{places[0]}占{figure_text(rng)}，{places[1]}占{figure_text(rng)}，合计{figure_text(rng)}。",
        lambda: f"他说：“{date_text(rng)}，我们完成了{figure_text(rng)}。”",
        lambda: f"据《{places[0]}日报》报道，{date_text(rng)}{rng.choice(WEEKDAYS_ZH)}发布。",
        lambda: f"共有{zh_number(n, rng)}个项目，分别是：" + "；".join(
            f"{p}项目{figure_text(rng)}" for p in places) + "。",
        lambda: f"截至{date_text(rng)}，累计{figure_text(rng)}，同比下降{figure_text(rng)}。",
        lambda: f"（记者 {places[0]}）{date_text(rng)}电",
        lambda: f"{figure_text(rng)}的受访者表示支持，{figure_text(rng)}反对。",
        # Spans of years counted from a start ("始建于公元1958年……已有六十多年历史").
        lambda: f"该{rng.choice(['馆', '校', '厂'])}{rng.choice(['始建', '创办', '成立', '开通'])}"
                f"{rng.choice(['于', '在', '自'])}{rng.choice(['', '公元'])}{rng.randint(1000, 2999)}年，"
                f"至今已有{zh_number(rng.randint(2, 99), rng)}{rng.choice(['', '多', '余'])}"
                f"{rng.choice(['年', '年历史', '年的历史', '周年', '年来'])}。",
        lambda: f"{rng.randint(1900, 2030)}年{rng.choice(['', '3月', '10月5日'])}"
                f"{rng.choice(['', '在', '正式', '于此'])}{rng.choice(['成立', '建成', '投产', '签署'])}，"
                f"今年是{rng.choice(['成立', '建校'])}{zh_number(rng.randint(2, 99), rng)}周年。",
        lambda: f"{rng.choice(['今年', '去年', '同年', '次年'])}{rng.randint(1, 13)}月"
                f"{rng.randint(1, 32)}{rng.choice(['日', '号'])}，为期{zh_number(rng.randint(1, 30), rng)}"
                f"{rng.choice(['天', '个月', '周', '小时', '个星期'])}。",
    ]
    return rng.choice(shapes)()


def en_sentence(rng):
    """A synthetic English sentence with dates, figures, counts, lists or quotes."""
    n = rng.randint(2, 5)
    places = rng.sample(PLACES_EN, n)
    shapes = [
        lambda: f"On {date_text(rng)}, sales rose {figure_text(rng)} to {figure_text(rng)}.",
        lambda: f"The {['two', 'three', 'four', 'five'][n - 2]} cities ({', '.join(places)}) grew "
                + ", ".join(figure_text(rng) for _ in range(n)) + " respectively.",
        lambda: f"\"We expect {figure_text(rng)} by {date_text(rng)},\" she said.",
        lambda: f"Turnout was {figure_text(rng)}, up from {figure_text(rng)} on {date_text(rng)}.",
        lambda: f"Of the {rng.randint(2, 90)} respondents, {figure_text(rng)} agreed and "
                f"{figure_text(rng)} disagreed.",
        lambda: f"{odd_case(rng.choice(WEEKDAYS_EN), rng)}'s figures ({figure_text(rng)}) were "
                f"revised.",
        lambda: f"It ran from {date_text(rng)} to {date_text(rng)}.",
        lambda: f"Prices fell {figure_text(rng)} in {odd_case(rng.choice(MONTHS), rng)}.",
    ]
    return rng.choice(shapes)()


# --- mutations (on str; the last ones produce bytes) ------------------------------------------


def mutate(text, rng):
    """One random change of shape: characters, spaces, quotes, numerals, structure."""
    pick = rng.randrange(14)
    pos = rng.randint(0, len(text))
    if pick == 0:
        return text.translate(FULLWIDTH)
    if pick == 1:
        return "".join(ZH_DIGITS[int(c)] if c.isascii() and c.isdigit() and rng.random() < 0.6
                       else c for c in text)
    if pick == 2:
        return text.replace(" ", rng.choice(SPACES))
    if pick == 3:
        return text[:pos] + rng.choice(ODD_CHARS) + text[pos:]
    if pick == 4:
        return text[:pos] + rng.choice(QUOTES) + text[pos:]
    if pick == 5:  # drop one quote or bracket: unbalanced
        idx = [i for i, c in enumerate(text) if c in QUOTES]
        if idx:
            i = rng.choice(idx)
            return text[:i] + text[i + 1:]
        return text
    if pick == 6:
        return text[:pos] + date_text(rng) + text[pos:]
    if pick == 7:
        return text[:pos] + figure_text(rng) + text[pos:]
    if pick == 8:
        return text[:pos] + rng.choice(["\n", "\n\n", "\r\n", "\r", "\n\n\n"]) + text[pos:]
    if pick == 9:  # month names in odd case, "Sept."
        for m in MONTHS:
            if m in text:
                text = text.replace(m, odd_case(m, rng) if rng.random() < 0.7 else "Sept.")
        return text
    if pick == 10:
        return text.replace("\n", " ") * rng.randint(1, 3)  # one long line
    if pick == 11:
        return text.replace("ſ", "s").replace("s", "ſ", 1)
    if pick == 12:
        return text[:pos] + rng.choice(["**", "_", "`", "<b>", "</p>", "&nbsp;", "&amp;", "# ",
                                        "> ", "- ", "1. ", "|", "[link](http://x.y)"]) + text[pos:]
    return text[:pos] + rng.choice(["分别", "各", "共", "合计", "其中", "约", "逾", "近"]) + text[pos:]


def page_text(sentences, rng):
    """A page-like text: headlines and paragraphs hard-wrapped at a column, like PDF text."""
    parts = []
    for _ in range(rng.randint(2, 4)):
        head = rng.choice(sentences).rstrip("。.")[: rng.randint(6, 20)]
        parts.append(rng.choice(["", " ", "\u3000"]) + head)
        body = "".join(rng.choice(sentences) for _ in range(rng.randint(1, 5)))
        width = rng.choice([14, 16, 18, 40, 72])
        lines = [body[i:i + width] for i in range(0, len(body), width)]
        parts.append("\n".join(lines) if rng.random() < 0.7 else body)
        parts.append("")
    return "\n".join(parts)


# Page furniture the parser reads: headers, bylines, datelines, jump lines, credits, signatures.
FURNITURE = [
    "{y}年{m}月{d}日 星期二 第{n}版", "{y}/{m}/{d} {n}", "责任编辑：李丹", "本版责任编辑 / 常容轩",
    "视觉编辑:王明", "本报记者 张三", "本报通讯员 李四 王五", "□本报记者 赵六", "■记者 钱七",
    "记者 孙八", "通讯员　周九", "记者●吴十", "By Ann Lee", "BY JOHN SMITH", "By the staff",
    "本报讯", "新华社北京{m}月{d}日电", "据新华社{m}月{d}日电", "（记者 郑一）", "(Reuters)",
    "下转第{n}版", "（转第 {n} 版）", "Continued on page {n}", "See page {n}", "Turn to Page {n}",
    "Story continues on P.{n}", "特约记者 杜鹏辉 摄", "摄影：王明", "Ann Lee,", "B.S. Yadav,",
    "市委书记 王小明", "▲ 图为现场", "A", "●", "张三", "李四五",
]


def furniture(rng):
    return rng.choice(FURNITURE).format(y=rng.choice([2024, 2025, 2026]), m=rng.randint(1, 12),
                                        d=rng.randint(1, 31), n=rng.randint(1, 24))


def big_page(sentences, rng):
    """A page of 5-12 stories with furniture between them, wrapped like pdftotext output."""
    parts = [furniture(rng)]
    for _ in range(rng.randint(5, 12)):
        parts.append(rng.choice(sentences).rstrip("。.")[: rng.randint(4, 24)])
        if rng.random() < 0.5:
            parts.append(furniture(rng))
        body = "".join(rng.choice(sentences) for _ in range(rng.randint(1, 8)))
        width = rng.choice([12, 16, 20, 38])
        parts.append("\n".join(body[i:i + width] for i in range(0, len(body), width)))
        if rng.random() < 0.4:
            parts.append(furniture(rng))
        parts.append(rng.choice(["", "", "\u3000"]))
    return "\n".join(parts)


def finish(text, rng):
    """Final layout changes on the whole text: line ends, BOM, Markdown, invalid bytes."""
    r = rng.random()
    if r < 0.15:
        text = text.replace("\n", "\r\n")
    elif r < 0.22:
        text = text.replace("\n", "\r")
    if rng.random() < 0.1:
        text = "\ufeff" + text
    if rng.random() < 0.08:
        text = "# " + text.replace("\n\n", "\n\n## ", 1)
    if rng.random() < 0.1:
        text = text.rstrip("\n") if rng.random() < 0.5 else text + "\n\n\n"
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.06:
        pos = rng.randint(0, len(data))
        data = data[:pos] + rng.choice(INVALID) + data[pos:]
    return data


def corpus_sentences(rng, shared, limit=4000):
    """Sentences of shared/corpus (in memory only), or [] without it."""
    folder = os.path.join(shared, "corpus")
    if not os.path.isdir(folder):
        return []
    out = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".jsonl"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for line in f:
                try:
                    text = json.loads(line).get("text", "")
                except (ValueError, AttributeError):
                    continue
                for para in text.split("\n"):
                    for piece in para.replace("。", "。\n").replace(". ", ".\n").split("\n"):
                        if 4 <= len(piece) <= 300 and any(c.isdigit() for c in piece):
                            out.append(piece)
    rng.shuffle(out)
    return out[:limit]


def make_texts(count, seed, shared=SHARED):
    """count texts (bytes, suffix), the same for the same seed and corpus."""
    rng = random.Random(seed)
    real = corpus_sentences(random.Random(seed), shared)
    texts = [(b"", ".txt"), (b"\n\n\n", ".txt"), (b"\xef\xbb\xbf", ".txt"), (b"\r\r\r", ".txt")]
    while len(texts) < count:
        kind = rng.random()
        pool = []
        for _ in range(rng.randint(1, 8)):
            if real and rng.random() < 0.5:
                pool.append(rng.choice(real))
            else:
                pool.append(zh_sentence(rng) if rng.random() < 0.6 else en_sentence(rng))
        for _ in range(rng.randint(0, 4)):
            i = rng.randrange(len(pool))
            pool[i] = mutate(pool[i], rng)
        if kind < 0.12:
            text = big_page(pool, rng)
        elif kind < 0.35:
            text = page_text(pool, rng)
        elif kind < 0.7:
            text = "\n\n".join(pool)
        else:
            text = rng.choice(["", "标题\n\n", "Headline\n\n"]) + "".join(
                p + rng.choice(["", " ", "\n"]) for p in pool)
        if rng.random() < 0.3:
            text = mutate(text, rng)
        if rng.random() < 0.01:  # a very long line: 20-100 KB without a line end
            text = " ".join(pool) * max(1, rng.randint(20_000, 100_000) // (len(" ".join(pool)) * 3 + 1))
        suffix = ".md" if rng.random() < 0.12 else ".txt"
        texts.append((finish(text, rng), suffix))
    return texts[:count], bool(real)


# --- running and comparing --------------------------------------------------------------------


def run(binary, args, path):
    try:
        p = subprocess.run([binary] + args + [path], capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:  # a hang is a difference too (when only one hangs)
        return "timeout", b"", b""
    return p.returncode, p.stdout, p.stderr


# `check --jsonl`: the texts as records of a JSON-lines archive (its own reader and writer).
JSONL = ["check", "--jsonl"]


def differs(old, new, path):
    """The first command whose output differs between the binaries on path, or None."""
    if path.endswith(".jsonl"):
        return "jsonl" if run(old, JSONL, path) != run(new, JSONL, path) else None
    for name, args in COMMANDS:
        if run(old, args, path) != run(new, args, path):
            return name
    return None


def record(data):
    """data as one line of a JSON-lines archive, or None when it is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return json.dumps({"id": "t", "text": text}, ensure_ascii=False).encode("utf-8") + b"\n"


def write(folder, index, data, suffix, name=None):
    """data in a file; under a .jsonl name, as one record (see record)."""
    path = os.path.join(folder, name or f"t{index:05d}{suffix}")
    with open(path, "wb") as f:
        f.write(record(data) or b"" if suffix == ".jsonl" else data)
    return path


def split_units(data):
    """data as UTF-8 sequences (or single invalid bytes): shrinking never cuts a character."""
    units, i = [], 0
    while i < len(data):
        b = data[i]
        n = 1 if b < 0xC0 else 2 if b < 0xE0 else 3 if b < 0xF0 else 4
        piece = data[i:i + n]
        try:
            piece.decode("utf-8")
        except UnicodeDecodeError:
            piece = data[i:i + 1]
        units.append(piece)
        i += len(piece)
    return units


def shrink(old, new, data, suffix, folder, budget):
    """data shrunk by lines, then characters, while the outputs still differ."""
    deadline = time.time() + budget

    def still(candidate):
        return differs(old, new, write(folder, 0, candidate, suffix, "shrink" + suffix)) is not None

    for splitter in (lambda d: d.splitlines(keepends=True), split_units):
        units = splitter(data)
        chunk = max(1, len(units) // 2)
        while chunk >= 1 and time.time() < deadline:
            i, removed = 0, False
            while i < len(units) and time.time() < deadline:
                candidate = units[:i] + units[i + chunk:]
                if candidate and still(b"".join(candidate)):
                    units, removed = candidate, True
                else:
                    i += chunk
            if not removed:
                chunk //= 2
        data = b"".join(units)
    return data


def show_output(old, new, data, suffix, folder):
    """The differing command's two outputs on the repro, trimmed to the first differing lines."""
    path = write(folder, 99999, data, suffix)
    name = differs(old, new, path)
    args = JSONL if name == "jsonl" else dict(COMMANDS)[name]
    a, b = run(old, args, path), run(new, args, path)
    print(f"  command: tally {' '.join(args)} FILE{suffix}")
    print(f"  exit codes: old {a[0]}, new {b[0]}")
    for label, x, y in (("stdout", a[1], b[1]), ("stderr", a[2], b[2])):
        if x == y:
            continue
        xl, yl = x.decode("utf-8", "replace").splitlines(), y.decode("utf-8", "replace").splitlines()
        first = next((i for i in range(min(len(xl), len(yl))) if xl[i] != yl[i]), min(len(xl), len(yl)))
        lo = max(0, first - 6)
        print(f"  {label} old (lines {lo + 1}..):")
        print("    " + "\n    ".join(xl[lo:first + 8]))
        print(f"  {label} new (lines {lo + 1}..):")
        print("    " + "\n    ".join(yl[lo:first + 8]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=5, help="differing inputs to shrink and print")
    ap.add_argument("--batch", type=int, default=100, help="texts per folder run")
    ap.add_argument("--shrink-seconds", type=float, default=60)
    ap.add_argument("--shared", default=SHARED, help="folder holding corpus/ (real sentences)")
    opts = ap.parse_args()
    old, new = os.path.abspath(opts.old), os.path.abspath(opts.new)
    texts, with_corpus = make_texts(opts.count, opts.seed, opts.shared)
    if not with_corpus:
        print(f"note: {opts.shared}/corpus not found: synthetic texts only")
    tmp = tempfile.mkdtemp(prefix="diff_fuzz.")
    bad = []  # (index, command)
    try:
        for start in range(0, len(texts), opts.batch):
            batch = os.path.join(tmp, f"b{start}")
            os.mkdir(batch)
            paths = [write(batch, start + i, d, s)
                     for i, (d, s) in enumerate(texts[start:start + opts.batch])]
            if differs(old, new, batch) is not None:  # a folder run first: cheap when all agree
                for k, path in enumerate(paths):
                    name = differs(old, new, path)
                    if name:
                        bad.append((start + k, name))
            shutil.rmtree(batch)
            # The same texts as one archive for `check --jsonl`, then text by text if it differs.
            archive = os.path.join(tmp, "batch.jsonl")
            with open(archive, "wb") as f:
                for d, _ in texts[start:start + opts.batch]:
                    f.write(record(d) or b"")
            if differs(old, new, archive):
                for k, (d, _) in enumerate(texts[start:start + opts.batch]):
                    if record(d) and differs(old, new, write(tmp, 0, d, ".jsonl", "one.jsonl")):
                        bad.append((start + k, "jsonl"))
        print(f"{len(texts)} texts (seed {opts.seed}), {len(bad)} differ"
              + (": " + ", ".join(f"#{i} ({n})" for i, n in bad[:30]) if bad else ""))
        for i, name in bad[: opts.show]:
            data, suffix = texts[i]
            suffix = ".jsonl" if name == "jsonl" else suffix
            small = shrink(old, new, data, suffix, tmp, opts.shrink_seconds)
            print(f"\ntext #{i} ({name} differs), {len(data)} bytes, shrunk to {len(small)} bytes:")
            print(f"  repr: {small!r}")
            show_output(old, new, small, suffix, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
