#!/usr/bin/env python3
"""Build the injected-error set: real passages of ../shared/corpus, each kept as a clean original
and copied with one error of the kind a copy editor meets (a transposed or mistyped digit, a wrong
weekday, a count off by one, 万 for 亿, a dropped list item).

Usage:
    inject.py --corpus ../shared/corpus --out DIR   writes DIR/cases.jsonl, clean.jsonl, injected.jsonl
    inject.py --corpus ../shared/corpus --self-test  checks spans, edits and determinism

Each finder reads the copy for a relation that the text states outright (a share with its part
and whole, a count word with its list, a total with its parts, a growth rate with its old and new
values, a weekday with its date, a year count with its start year and the record's date...) and
keeps a passage only when the relation holds at the precision written. The mutator then makes
one edit and recomputes, so that every injected copy is really wrong. Where the corpus has too
few natural instances, the clean original is a real article with one minimal, correct insertion
(marked "constructed"). Standard library only; the output depends on the corpus bytes alone
(string-seeded hashes, sorted iteration, no clock)."""
import argparse
import datetime
import hashlib
import json
import os
import re
import sys

KINDS = [
    ("rate", "percent.recompute"),
    ("enumeration", "count.enumeration"),
    ("sum", "count.sum-mismatch"),
    ("part-whole", "count.part-exceeds-whole"),
    ("weekday", "date.weekday"),
    ("invalid-date", "date.invalid"),
    ("conflict", "entity.number-conflict"),
    ("growth", "growth.recompute"),
    ("headline", "headline.body-mismatch"),
    ("year", "date.year-arithmetic"),
    ("age", "date.age"),
]
RULE = dict(KINDS)
# Cases kept per kind and language: natural instances first, constructed ones only to fill up.
PER_LANGUAGE = 22

# ---------------------------------------------------------------------------------------------
# Corpus


class CorpusError(Exception):
    pass


class Record:
    def __init__(self, file, index, data):
        where = "%s:%d" % (file, index + 1)
        if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not isinstance(data.get("text"), str):
            raise CorpusError('%s: a record needs string fields "id" and "text"' % where)
        self.file = file
        self.index = index
        self.id = data["id"]
        self.text = data["text"]
        self.date = data.get("date")
        if self.date is not None:
            try:
                datetime.date.fromisoformat(self.date)
            except (TypeError, ValueError):
                raise CorpusError('%s: "date" is not YYYY-MM-DD: %r' % (where, self.date))
        self.pct_style = False
        self.language = data.get("language") or ("zh" if re.search(r"[\u4e00-\u9fff]", self.text) else "en")
        self.source = "%s:%s" % (file, self.id)

    def pub(self):
        return datetime.date.fromisoformat(self.date) if self.date else None


def load_corpus(folder):
    records = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".jsonl"):
            continue
        batch = []
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for index, line in enumerate(f):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as e:
                    raise CorpusError("%s:%d:%d: not a JSON record: %s" % (name, index + 1, e.colno, e.msg))
                batch.append(Record(name, index, data))
        # house style of the source: does it write "12 pct" or "12%"?
        pct = sum(1 for r in batch if re.search(r"\d pct\b", r.text))
        sign = sum(1 for r in batch if re.search(r"\d%", r.text))
        for r in batch:
            r.pct_style = pct > sign
        records.extend(batch)
    return records


# ---------------------------------------------------------------------------------------------
# Cases


class Case:
    """One edit of `clean` (clean[b:e] -> new). `span` is in clean coordinates and either
    contains the edit or lies apart from it (a dropped list item: the span is the count word)."""

    def __init__(self, kind, rec, clean, b, e, new, note, span=None, constructed=None):
        assert clean[b:e] != new
        self.kind, self.rec, self.clean = kind, rec, clean
        self.b, self.e, self.new = b, e, new
        self.note = note
        self.span = span or (b, e)
        self.constructed = constructed  # what was inserted into the real article, or None
        sb, se = self.span
        assert (sb <= b and e <= se) or se <= b or sb >= e, (kind, rec.id, note)

    def injected(self):
        return self.clean[: self.b] + self.new + self.clean[self.e :]

    def _map(self, i, end):
        if i < self.b or (i == self.b and not end):
            return i
        if i >= self.e:
            return i + len(self.new) - (self.e - self.b)
        return i

    def injected_span_chars(self):
        sb, se = self.span
        return self._map(sb, False), self._map(se, True)

    def key(self):
        return (self.rec.file, self.rec.index, self.b, self.e, self.new)


def byte_offset(text, i):
    return len(text[:i].encode("utf-8"))


def h(*parts):
    """A stable number for choices: the same passage always gets the same mutation."""
    return int(hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12], 16)


def pick(options, *key):
    return options[h(*key) % len(options)] if options else None


EN_SENTENCE_END = re.compile(r"(?<=[a-z])\.(?= |\n|$)|\n")
ZH_SENTENCE_END = re.compile(r"[。！？；\n]")


def sentence_bounds(text, i, j, zh):
    """The sentence holding text[i:j]: from after the previous sentence end or line break to the
    next one (English: a full stop after a lower-case letter)."""
    pattern = ZH_SENTENCE_END if zh else EN_SENTENCE_END
    b = 0
    lo = max(0, i - 3000)
    for m in pattern.finditer(text, lo, i):
        b = m.end()
        if not zh and m.group(0) == "." and b < len(text) and text[b] == " ":
            b += 1
    m = pattern.search(text, j)
    e = m.start() if m else len(text)
    return b, e


def paragraph_bounds(text, i):
    b = text.rfind("\n", 0, i) + 1
    e = text.find("\n", i)
    return b, (len(text) if e < 0 else e)


def story_starts(text):
    """Where each story of a record begins. CCTV records run several news items together, each
    under a short headline line (no full stop); two figures relate only within one story."""
    starts = [0]
    pos = 0
    for line in text.split("\n"):
        if (
            pos > 0
            and line.strip()
            and len(line) <= 40
            and not re.search(r"[。.!?！？]", line)
            and not line.startswith("<!--")
        ):
            starts.append(pos)
        pos += len(line) + 1
    return starts


def same_story(text, i, j):
    starts = story_starts(text)
    return sum(1 for s in starts if s <= i) == sum(1 for s in starts if s <= j)


def body_start(text):
    n = text.find("\n")
    return len(text) if n < 0 else n + 1


# ---------------------------------------------------------------------------------------------
# Numbers

ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ZH_NUMERAL = "一二两三四五六七八九十"


def zh_count_value(s):
    """两/三/十一/二十 as an integer, or None."""
    if not s:
        return None
    if s in ZH_DIGIT:
        return ZH_DIGIT[s]
    if s == "十":
        return 10
    m = re.fullmatch(r"([二三四五六七八九]?)十([一二三四五六七八九]?)", s)
    if m:
        return (ZH_DIGIT[m.group(1)] if m.group(1) else 1) * 10 + (ZH_DIGIT[m.group(2)] if m.group(2) else 0)
    return None


def zh_count_word(n, was):
    """The Chinese numeral for n, in the style of the word it replaces (两 before a classifier)."""
    digits = "零一二三四五六七八九"
    if n == 2:
        return "二" if was == "二" else "两"
    if n < 10:
        return digits[n]
    if n == 10:
        return "十"
    if n < 20:
        return "十" + digits[n - 10]
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")


EN_NUMBER = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
EN_WORD = {v: k for k, v in EN_NUMBER.items()}
EN_WORD[1] = "one"


def en_word(n, like):
    w = EN_WORD[n]
    return w.capitalize() if like[:1].isupper() else w


def num(s):
    return float(s.replace(",", ""))


def decimals(s):
    return len(s.split(".")[1]) if "." in s else 0


def digit_variants(s):
    """Copy-desk slips on a written figure: two neighbouring digits swapped, one digit off by one
    key, one digit typed twice. Keeps the thousands separators and the decimal point."""
    out = []
    chars = list(s)
    idx = [i for i, c in enumerate(chars) if c.isdigit()]

    def ok(v):
        digits = v.replace(",", "")
        return not (len(digits.split(".")[0]) > 1 and digits[0] == "0")

    for a, b in zip(idx, idx[1:]):
        if chars[a] != chars[b] and b - a <= 2:
            t = chars[:]
            t[a], t[b] = t[b], t[a]
            v = "".join(t)
            if ok(v):
                out.append((v, "transposed digits"))
    for i in idx:
        for d in (int(chars[i]) + 1, int(chars[i]) - 1):
            if 0 <= d <= 9:
                t = chars[:]
                t[i] = str(d)
                v = "".join(t)
                if ok(v) and v != s:
                    out.append((v, "mistyped digit"))
    if "," not in s:
        for i in idx:
            v = s[: i + 1] + s[i] + s[i + 1 :]
            out.append((v, "doubled digit"))
    seen, uniq = set(), []
    for v, how in out:
        if v not in seen:
            seen.add(v)
            uniq.append((v, how))
    return uniq


def choose_variant(s, good, *key, prefer=("transposed digits", "mistyped digit", "doubled digit")):
    """A slip on figure s whose value passes good(value); transpositions first, then mistypes."""
    variants = [(v, how) for v, how in digit_variants(s) if good(num(v))]
    for how in prefer:
        subset = [(v, x) for v, x in variants if x == how]
        if subset:
            return pick(subset, s, *key)
    return None


# ---------------------------------------------------------------------------------------------
# Dates

EN_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
EN_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ZH_WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"]


def days_in_month(year, month):
    if month == 2:
        if year is None:
            return 29
        return 29 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def nearest_year(pub, month, day):
    """The year that puts month/day nearest the publication date, when that is clear: within 120
    days of it, and the same month/day in the other candidate years more than 240 days away."""
    best = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        if day > days_in_month(y, month):
            continue
        d = datetime.date(y, month, day)
        best.append((abs((d - pub).days), y))
    best.sort()
    if not best or best[0][0] > 120 or (len(best) > 1 and best[1][0] <= 240):
        return None
    return best[0][1]


def invalid_day_variants(month, day, year):
    """Slips that make an impossible date of the kind seen in copy: 13 -> 31 or 21 -> 31 in a
    30-day month, 23 -> 32, 20 -> 30 in February, one past the month's end (April 31; 29 February
    only when the year is known and not a leap year)."""
    last = days_in_month(year, month) if month == 2 else days_in_month(2001, month)
    out = []
    for v, how in digit_variants(str(day)):
        if how != "doubled digit" and last < int(v) <= (32 if how == "transposed digits" else 31):
            out.append((v, how))
    if day == last and day < 31 and str(day + 1) not in [v for v, _ in out]:
        out.append((str(day + 1), "one past the end of the month"))
    return out


# ---------------------------------------------------------------------------------------------
# invalid-date: a real date whose day is slipped into one the month does not have


def find_invalid_date(rec):
    text, out = rec.text, []
    pub = rec.pub()
    dates = []  # (match start, match end, day start, day end, year or None, month, day)
    if rec.language == "zh":
        for m in re.finditer(r"(?<![\d.])(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", text):
            dates.append((m.start(), m.end(), m.start(3), m.end(3), m.group(1), int(m.group(2)), int(m.group(3))))
    else:
        for m in re.finditer(
            r"\b("
            + EN_MONTH_RE
            + r") (\d{1,2})(?![\d/.-]|-\d| pct| mln| bln| billion| million| dlr| cts|%)(?:,? ((?:19|20)\d\d)\b)?",
            text,
        ):
            if m.group(1) == "May" and re.search(r"(^|[.!?\n] ?)$", text[: m.start()]):
                continue  # "May 5" at a sentence start may be the verb
            dates.append(
                (
                    m.start(),
                    m.end(),
                    m.start(2),
                    m.end(2),
                    m.group(3),
                    EN_MONTHS[m.group(1).rstrip(".").lower()],
                    int(m.group(2)),
                )
            )
        for m in re.finditer(r"(?<![\d/.,-])(\d{1,2}) (" + EN_MONTH_RE + r")(?![a-z])(?: ((?:19|20)\d\d)\b)?", text):
            dates.append(
                (
                    m.start(),
                    m.end(),
                    m.start(1),
                    m.end(1),
                    m.group(3),
                    EN_MONTHS[m.group(2).rstrip(".").lower()],
                    int(m.group(1)),
                )
            )
        dates.sort()
    for ms, me, b, e, year, month, day in dates:
        if not (1 <= month <= 12 and 1 <= day <= days_in_month(None, month)):
            continue
        y = int(year) if year else (nearest_year(pub, month, day) if pub else None)
        if day > days_in_month(y, month):
            continue
        choice = pick(invalid_day_variants(month, day, y), "invalid-date", rec.id, b)
        if not choice:
            continue
        v, how = choice
        whole = text[ms:me]
        out.append(
            Case("invalid-date", rec, text, b, e, v, "%s -> %s (%s)" % (whole, text[ms:b] + v + text[e:me], how))
        )
    return out


# ---------------------------------------------------------------------------------------------
# weekday: a weekday stated with its date, the year from the date itself or the record's date


def weekday_of(pub, year, month, day):
    y = int(year) if year else nearest_year(pub, month, day)
    if y is None or day > days_in_month(y, month):
        return None
    return datetime.date(y, month, day).weekday()


def wrong_weekday(right, *key):
    return (right + pick([1, -1, 2, -2], *key)) % 7


def find_weekday(rec):
    text, out, pub = rec.text, [], rec.pub()
    if not pub:
        return out
    if rec.language == "en":
        pattern = (
            r"\b("
            + "|".join(EN_WEEKDAYS)
            + r"),? (?:("
            + EN_MONTH_RE
            + r") (\d{1,2})|(\d{1,2}) ("
            + EN_MONTH_RE
            + r"))\b(?![\d/-])(?:,? ((?:19|20)\d\d)\b)?"
        )
        for m in re.finditer(pattern, text):
            month = EN_MONTHS[(m.group(2) or m.group(5)).rstrip(".").lower()]
            day = int(m.group(3) or m.group(4))
            wd = weekday_of(pub, m.group(6), month, day)
            if wd is None or EN_WEEKDAYS[wd] != m.group(1):
                continue
            w = wrong_weekday(wd, "weekday", rec.id, m.start())
            out.append(
                Case(
                    "weekday",
                    rec,
                    text,
                    m.start(1),
                    m.end(1),
                    EN_WEEKDAYS[w],
                    "%s -> %s" % (m.group(0), EN_WEEKDAYS[w]),
                )
            )
        if out:
            return out
        # Constructed: a real "on March 4" gets its correct weekday, as wire copy often writes it.
        pattern = (
            r"\b(on|ended|ending|until|through|before|by) ("
            + EN_MONTH_RE
            + r") (\d{1,2})\b(?![\d/-]| pct| mln)(,? (?:19|20)\d\d\b)?"
        )
        for m in re.finditer(pattern, text):
            month, day = EN_MONTHS[m.group(2).rstrip(".").lower()], int(m.group(3))
            if not (1 <= day <= days_in_month(None, month)):
                continue
            if m.group(4):
                y = int(m.group(4).strip(", "))
                if day > days_in_month(y, month):
                    continue
            else:
                y = nearest_year(pub, month, day)
                if y is None or abs((datetime.date(y, month, day) - pub).days) > 60:
                    continue
            wd = datetime.date(y, month, day).weekday()
            ins = EN_WEEKDAYS[wd] + ", "
            at = m.start(2)
            clean = text[:at] + ins + text[at:]
            w = wrong_weekday(wd, "weekday", rec.id, at)
            out.append(
                Case(
                    "weekday",
                    rec,
                    clean,
                    at,
                    at + len(EN_WEEKDAYS[wd]),
                    EN_WEEKDAYS[w],
                    "%s %s, %s %d -> %s (%d)" % (m.group(1), EN_WEEKDAYS[wd], m.group(2), day, EN_WEEKDAYS[w], y),
                    constructed="inserted the correct weekday '%s' before '%s %d'" % (ins, m.group(2), day),
                )
            )
        return out
    # Chinese copy rarely gives weekdays: constructed from real dates, "（M月D日）" -> "（M月D日，星期四）"
    # and "YYYY年M月D日" -> "YYYY年M月D日（星期四）".
    for m in re.finditer(r"（(\d{1,2})月(\d{1,2})日）|(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日(?![（(，,]?星期)", text):
        if m.group(1):
            month, day, year = int(m.group(1)), int(m.group(2)), None
        else:
            year, month, day = m.group(3), int(m.group(4)), int(m.group(5))
            if text[m.end() : m.end() + 1] in ("（", "(", "—", "-", "至"):
                continue
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        wd = weekday_of(pub, year, month, day)
        if wd is None:
            continue
        if m.group(1):
            ins = "，星期" + ZH_WEEKDAYS[wd]
            at = m.end() - 1
        else:
            ins = "（星期" + ZH_WEEKDAYS[wd] + "）"
            at = m.end()
        clean = text[:at] + ins + text[at:]
        pos = at + ins.index("星期") + 2
        w = wrong_weekday(wd, "weekday", rec.id, at)
        out.append(
            Case(
                "weekday",
                rec,
                clean,
                pos,
                pos + 1,
                ZH_WEEKDAYS[w],
                "%s星期%s -> 星期%s" % (m.group(0).strip("（）"), ZH_WEEKDAYS[wd], ZH_WEEKDAYS[w]),
                span=(pos - 2, pos + 1),
                constructed="inserted the correct weekday '%s' after '%s'" % (ins, m.group(0).rstrip("）")),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# enumeration: a count word and the list it counts ("福建、江西、湖南三省"; "three marques - BMW,
# Mini and Rolls-Royce"), kept only when the list has exactly that many items

ZH_CLASSIFIER = "个国省市区地家位名项所座条艘支县方大种类款部架只台届场队所批"
ZH_STOP = "，。；：！？\n“”‘’（）()《》「」,;:"


def find_enumeration(rec):
    return find_enumeration_zh(rec) if rec.language == "zh" else find_enumeration_en(rec)


def enumeration_case(rec, text, count_b, count_e, count_span, value, word_for, items, drop, note_list):
    """A count word one off, or (for three items or more) one item dropped from the list."""
    key = ("enumeration", rec.id, count_b)
    if drop and len(items) >= 3 and h(*key, "drop") % 4 == 0:
        b, e = drop
        dropped = text[b:e]
        return Case(
            "enumeration",
            rec,
            text,
            b,
            e,
            "",
            "%s: dropped %s, the count still says %d" % (note_list, dropped.strip("、, "), value),
            span=count_span,
        )
    new_value = value + pick([1, -1] if value > 2 else [1], *key)
    new = word_for(new_value)
    return Case(
        "enumeration",
        rec,
        text,
        count_b,
        count_e,
        new,
        "%s -> %s (%d items listed)" % (note_list, new, len(items)),
        span=count_span,
    )


# Words that make a segment a clause rather than a listed name ("为促进双边务实合作、夯实两国关系":
# 两国 there is not a count of the two segments).
ZH_CLAUSE = re.compile(
    r"促进|夯实|增进|推动|加强|深化|实现|开展|统筹|坚持|维护|支持|保持|发展|提高|提升|扩大|"
    r"推进|落实|合作|交流|友谊|关系|实施|完善|巩固|带动|开启|构建|打造|共建|参加|举行|出席|"
    r"会见|表示|认为|指出|强调|的|了|是|为|将|把|被|在|对|向|从|让|使"
)
# Words after which a list begins ("途经福建、江西…", "包括财政、货币金融…").
ZH_INTRO = re.compile(
    r".*(?:途经|包括|包含|涵盖|来自|位于|分布在|分别是|围绕|聚焦|设置|设立|推出|覆盖|前往|访问|"
    r"连接|实施|建设|启动|开展|派出|批复|地跨|涉及|即|由|对|向|与|同|在|从|有|是|以|和|及|为|将)"
)


def find_enumeration_zh(rec):
    text, out = rec.text, []
    pattern = r"(?<![第一二两三四五六七八九十百千万\d])(等)?(十[一二]|[两二三四五六七八九十])([" + ZH_CLASSIFIER + "])"
    for m in re.finditer(pattern, text):
        value = zh_count_value(m.group(2))
        if value is None or value < 2:
            continue
        end = m.start()
        start = end
        while start > 0 and text[start - 1] not in ZH_STOP and end - start < 80:
            start -= 1
        if start > 0 and text[start - 1] not in ZH_STOP:
            continue
        region = text[start:end]
        parts = region.split("、")
        if len(parts) < 2:
            continue
        last = parts[-1]
        conj = re.findall(r"以及|和|及|与", last)
        if len(conj) > 1 or re.search(r"以及|和|及|与", parts[0]):
            continue
        items = parts[:-1] + (re.split(r"以及|和|及|与", last) if conj else [last])
        if len(items) != value:
            continue
        first = ZH_INTRO.sub("", parts[0].strip()) or parts[0].strip()
        tail = items[-1][:-1] if items[-1].endswith("的") else items[-1]
        names = [first] + items[1:-1] + [tail]
        # Listed names: a few characters each, no clause words, of comparable length.
        if any(not (1 <= len(n) <= 10) or re.search(r"[\s\d%]", n) or ZH_CLAUSE.search(n) for n in names):
            continue
        if max(len(n) for n in names) > 3 * min(len(n) for n in names):
            continue
        drop = None
        if len(items) >= 3 and not conj or len(items) >= 4:
            # drop the second item with its 、
            b = start + len(parts[0])
            drop = (b, b + 1 + len(parts[1]))
        cs, ce = m.start(2), m.end(2)
        listed = "、".join(names[:-1]) + ("、" if not conj else conj[0]) + items[-1]
        out.append(
            enumeration_case(
                rec,
                text,
                cs,
                ce,
                (cs, m.end(3)),
                value,
                lambda n, was=m.group(2): zh_count_word(n, was),
                items,
                drop,
                "%s%s%s" % (listed, m.group(2), m.group(3)),
            )
        )
    return out


EN_ITEM = r"[A-Z][\w.'&-]*(?: (?:[A-Z0-9][\w.'&-]*|of|de|du|la|the|&))*"


EN_LOOSE_WORD = r"(?!and\b)[\w$£][\w$£&'/-]*(?:\.\w+)*"
EN_LOOSE_ITEM = EN_LOOSE_WORD + r"(?: " + EN_LOOSE_WORD + r"){0,5}"


def find_enumeration_en(rec):
    """ "three credit rating agencies - Standard & Poor's, Moody's and Fitch"; "two main television
    channels, BBC1 and ITV1"; "four animal oils and fats -- butter, fish oil, lard and tallow"."""
    text, out, seen = rec.text, [], set()
    count = r"\b(" + "|".join(list(EN_NUMBER) + [w.capitalize() for w in EN_NUMBER]) + r")\b"
    strict = (
        count + r"((?: [A-Za-z][A-Za-z'-]*){1,4}?)(, | (?:in|among|between|were|are) )"
        r"(" + EN_ITEM + r"(?:, " + EN_ITEM + r")*,? and " + EN_ITEM + r")(?=[.,;:)\n]| -|$| [a-z])"
    )
    dashed = (
        count + r"((?: [A-Za-z][A-Za-z'-]*){1,5}?)( - | -- |: | \()"
        r"(" + EN_LOOSE_ITEM + r"(?:, " + EN_LOOSE_ITEM + r")*,? and " + EN_LOOSE_ITEM + r")(?= -|--|[.,;:)\n]|$)"
    )
    for pattern in (dashed, strict):
        for m in re.finditer(pattern, text):
            if m.start() in seen:
                continue
            value = EN_NUMBER[m.group(1).lower()]
            sep, words = m.group(3), m.group(2).strip().split()
            if sep == ", " and (len(words) > 3 or any(w[0].isupper() for w in words)):
                continue
            bad = ("such", "as", "including", "like", "and", "or") + (("of",) if pattern is strict else ())
            if any(w.lower() in bad for w in words):
                continue
            listing = m.group(4)
            head, _, tail = listing.rpartition(" and ")
            head = head.rstrip(",")
            items = head.split(", ") + [tail]
            if len(items) != value or any(len(i) < 2 or len(i.split()) > 6 for i in items):
                continue
            if sep.strip() in ("in", "among", "between") and (len(items) < 3 or len(words) > 2):
                continue  # "two banks held talks in October and November": places or times, not the counted things
            seen.add(m.start())
            drop = None
            if len(items) >= 3 and not listing.count(", and "):
                b = m.start(4) + len(items[0])
                drop = (b, b + 2 + len(items[1]))
            cs, ce = m.start(1), m.end(1)
            out.append(
                enumeration_case(
                    rec,
                    text,
                    cs,
                    ce,
                    (cs, ce),
                    value,
                    lambda n, was=m.group(1): en_word(n, was),
                    items,
                    drop,
                    "%s%s%s%s" % (m.group(1), m.group(2), sep, listing),
                )
            )
    return out


# ---------------------------------------------------------------------------------------------
# Quantities: a written figure with its scale, measure and bounds


class Qty:
    """A figure as written: value, the interval its rounding allows, measure, and whether a word
    (约, 近, 余, 多, 超过, about, nearly...) makes it a bound or an estimate."""

    def __init__(self, m, start, end, nb, ne, text, scale, unit, approx):
        self.start, self.end = start, end  # the whole quantity
        self.nb, self.ne = nb, ne  # the digits
        self.text = text
        self.scale = scale
        self.unit = unit
        self.approx = approx
        self.value = num(text) * scale
        # A whole count ("37例", "1,700 stores") is exact; a figure with decimals or a scale word
        # ("74.7万份", "5 mln") is rounded to its last digit.
        half = 0.5 * 10 ** (-decimals(text)) * scale if (decimals(text) or scale > 1) else 0.0
        self.lo, self.hi = self.value - half, self.value + half


ZH_SCALE = {"": 1, "万": 1e4, "亿": 1e8, "万亿": 1e12}
ZH_UNITS = (
    "人次|千瓦时|千瓦|平方公里|平方米|立方米|公里|标箱|美元|欧元|亿元|万元|元|吨|辆|艘|架|台|套|种|例|起|"
    "处|户|人|名|位|家|个|件|项|所|座|条|场|列|批|款|部|篇|株|枚|块|张|份|支|只|头|亩|千克|公斤|斤|%"
)
SAME_MEASURE = {"名": "人", "位": "人"}
ZH_QTY = re.compile(
    r"(约|近|超过|超|逾|不到|不足|将近|大约|突破|上)?(?<![\d.])(\d+(?:\.\d+)?)(万亿|万|亿)?(余|多)?(" + ZH_UNITS + r")(以上|以下|左右|多)?"
)


def quantities_zh(text, b=0, e=None):
    out = []
    for m in ZH_QTY.finditer(text, b, len(text) if e is None else e):
        if text[max(0, m.start(2) - 1) : m.start(2)] in ("第", "—", "-", "~", "至", "到") and not m.group(1):
            if text[max(0, m.start(2) - 1) : m.start(2)] == "第":
                continue
        unit = SAME_MEASURE.get(m.group(5), m.group(5))
        approx = bool(m.group(1) or m.group(4) or m.group(6))
        out.append(
            Qty(m, m.start(), m.end(), m.start(2), m.end(2), m.group(2), ZH_SCALE[m.group(3) or ""], unit, approx)
        )
    return out


EN_SCALE = {"": 1, "mln": 1e6, "million": 1e6, "m": 1e6, "bln": 1e9, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
EN_APPROX_BEFORE = re.compile(
    r"(?:about|around|nearly|almost|some|approximately|more than|over|under|less than|roughly) $"
)
EN_QTY = re.compile(
    r"()(?<![\w.,/-])(\$|£|€)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d/]|-\d|,\d|\.\d|st\b|nd\b|rd\b|th\b|s\b)"
    r"(?:\s?(mln|million|bln|billion|bn|m|trillion)\b)?"
    r"(?: ?(pct|%|per cent|percent)| ([a-z][a-z-]*))?"
)
EN_UNIT_WORDS = {
    "dlrs": "dlr",
    "dlr": "dlr",
    "stg": "stg",
    "yen": "yen",
    "francs": "franc",
    "franc": "franc",
    "marks": "mark",
    "guilders": "guilder",
    "lire": "lira",
    "pesos": "peso",
    "shares": "share",
    "bags": "bag",
    "tonnes": "tonne",
    "tons": "tonne",
    "barrels": "barrel",
    "bushels": "bushel",
    "cars": "car",
    "acres": "acre",
    "stores": "store",
    "people": "person",
    "jobs": "job",
    "cts": "ct",
    "ct": "ct",
    "cents": "ct",
    "bales": "bale",
    "rigs": "rig",
    "units": "unit",
}


def quantities_en(text, b=0, e=None):
    out = []
    for m in EN_QTY.finditer(text, b, len(text) if e is None else e):
        if re.fullmatch(r"(19|20)\d\d", m.group(3)) and not m.group(2) and not m.group(4):
            continue  # a year
        if text[max(0, m.start(3) - 1) : m.start(3)] == "-" or text[m.end(3) : m.end(3) + 1] in ("-", "/"):
            continue  # 9-1/8, 1986/87
        scale = EN_SCALE[m.group(4) or ""]
        if m.group(5):
            unit = "%"
        elif m.group(2):
            unit = {"$": "dlr", "£": "stg", "€": "euro"}[m.group(2)]
        else:
            unit = EN_UNIT_WORDS.get(m.group(6) or "", "")
        start = m.start(2) if m.group(2) else m.start(3)
        end = (
            m.end(5)
            if m.group(5)
            else (m.end(6) if m.group(6) in EN_UNIT_WORDS else (m.end(4) if m.group(4) else m.end(3)))
        )
        approx = bool(EN_APPROX_BEFORE.search(text, max(0, start - 20), start))
        out.append(Qty(m, start, end, m.start(3), m.end(3), m.group(3), scale, unit, approx))
    return out


_QTY_CACHE = {}


def quantities(rec, text, b=0, e=None):
    """The figures of text[b:e]; cached, since every numeric finder reads the same articles."""
    key = (rec.language, text, b, e)
    if key not in _QTY_CACHE:
        if len(_QTY_CACHE) > 4096:
            _QTY_CACHE.clear()
        _QTY_CACHE[key] = quantities_zh(text, b, e) if rec.language == "zh" else quantities_en(text, b, e)
    return list(_QTY_CACHE[key])


def ratio_interval(part, whole):
    return 100 * part.lo / whole.hi, 100 * part.hi / whole.lo


def rate_holds(lo, hi, p, qualifier):
    """Does the stated rate p (with its qualifier) agree with the share interval [lo, hi]?"""
    half = 0.5 * 10 ** (-decimals(p))
    v = num(p)
    if qualifier in ("以上", "超过", "超", "逾", "突破", "多", "more than", "over"):
        return hi >= v and lo <= v + 5
    if qualifier in ("近", "不到", "不足", "将近", "nearly", "almost", "under", "less than"):
        return lo <= v and hi >= v - 2
    if qualifier:
        return lo <= v + 1 and hi >= v - 1
    return lo <= v + half + 1e-9 and hi >= v - half - 1e-9


def rate_wrong(lo, hi, v, qualifier):
    """Is a stated rate v clearly wrong for a share in [lo, hi]: off by a point or more, beyond
    any rounding, and on the wrong side of a bound word?"""
    if qualifier in ("以上", "超过", "超", "逾", "突破", "多", "more than", "over"):
        return v > hi + 1
    if qualifier in ("近", "不到", "不足", "将近", "nearly", "almost", "under", "less than"):
        return v < lo - 1
    margin = 3 if qualifier else 1
    return v > hi + margin or v < lo - margin


def percent_word(rec):
    """Write a share in the house style of the record's source: wire copy says "12 pct",
    newspapers "12%"."""
    return " pct" if rec.pct_style else "%"


def fmt_pct(v, dec=1):
    return ("%." + str(dec) + "f") % v


# ---------------------------------------------------------------------------------------------
# rate: a share stated with the part and the whole it is computed from


def mutate_rate(rec, clean, pb, pe, lo, hi, qualifier, note, span=None, constructed=None):
    p = clean[pb:pe]
    choice = choose_variant(p, lambda v: rate_wrong(lo, hi, v, qualifier) and 0 < v < 100, "rate", rec.id, pb)
    if not choice:
        return None
    v, how = choice
    return Case(
        "rate", rec, clean, pb, pe, v, "%s: %s%% -> %s%% (%s)" % (note, p, v, how), span=span, constructed=constructed
    )


def find_rate(rec):
    text, out, zh = rec.text, [], rec.language == "zh"
    qs = quantities(rec, text)
    found_natural = set()
    for i, p in enumerate(qs):
        if p.unit != "%":
            continue
        sb, se = sentence_bounds(text, p.start, p.end, zh)
        if zh and re.match(r"\s*其中", text[sb : p.start]):
            sb = sentence_bounds(text, max(0, sb - 2), max(0, sb - 1), zh)[0]
        qualifier = ""
        if zh:
            m = re.search(r"(约|近|超过|超|逾|不到|不足|将近|大约|突破)了?$", text[max(0, p.nb - 4) : p.nb])
            after = re.match(r"%(以上|以下|左右|多)", text[p.ne : p.ne + 4])
            qualifier = (m.group(1) if m else "") or (after.group(1) if after else "")
        else:
            m = re.search(
                r"(about|around|nearly|almost|some|approximately|more than|over|under|less than|roughly) $",
                text[max(0, p.start - 20) : p.start],
            )
            qualifier = m.group(1) if m else ""
        before = [q for q in qs[:i] if q.start >= sb and q.unit and q.unit != "%" and not q.approx]
        best = None
        for w in before:
            for a in before:
                if a is w or a.unit != w.unit or not (0 < a.value < w.value) or w.value < 10:
                    continue
                lo, hi = ratio_interval(a, w)
                if not rate_holds(lo, hi, p.text, qualifier):
                    continue
                later = max(w.end, a.end)
                if zh:
                    share_word = re.search(r"占|比重|比例", text[later : p.start])
                    subset = (w.start < a.start and re.search(r"其中|中有|中，", text[w.end : a.start])) or (
                        a.start < w.start and re.search(r"占[^，。；]{0,12}$", text[a.end : w.start])
                    )
                else:
                    share_word = re.search(
                        r"^[^.;]{0,25}(?:, or|representing|accounting for|or about) $", text[later : p.start]
                    )
                    subset = re.search(
                        r"of which|of whom|out of|^ of (?:the |its )?$", text[min(w.end, a.end) : max(w.start, a.start)]
                    )
                if not (share_word and subset) or p.start - later > 40:
                    continue
                if best is None or abs((lo + hi) / 2 - num(p.text)) < best[0]:
                    best = (abs((lo + hi) / 2 - num(p.text)), w, a, lo, hi)
        if best:
            _, w, a, lo, hi = best
            note = (
                "%s of %s" % (text[a.start : a.end], text[w.start : w.end])
                if not zh
                else "%s中%s" % (text[w.start : w.end], text[a.start : a.end])
            )
            c = mutate_rate(rec, text, p.nb, p.ne, lo, hi, qualifier, note)
            if c:
                out.append(c)
                found_natural.add(w.start)
    # Constructed: a real "W…，其中…A" / "W, of which A" gets its correct share inserted after A.
    for i, w in enumerate(qs):
        if not w.unit or w.unit == "%" or w.approx or w.value < 20 or w.start in found_natural:
            continue
        sb, se = sentence_bounds(text, w.start, w.end, zh)
        for a in qs[i + 1 :]:
            if a.start >= se or a.start - w.end > 60:
                break
            if a.unit != w.unit and not (not zh and a.unit == "" and a.scale == w.scale):
                continue
            if a.approx or not (0.01 < a.value / w.value < 0.99):
                continue
            between = text[w.end : a.start]
            if zh:
                if not re.search(r"^[^。；]{0,12}其中[，,]?[^，。；\d]{0,14}$", between):
                    continue
                if text[a.end : a.end + 1] not in ("，", "。", "；") or re.search(r"%|占|比重|比例", text[a.end : se]):
                    continue
                share = 100 * a.value / w.value
                ins = "，占比" + fmt_pct(share) + "%"
            else:
                # "W ..., of which A" (the forms "A of the W", "Of the W, A" are in rate_en_of_the)
                of_which = re.search(r"^[^.;]{0,40}?,? (?:of which|of whom) $", between)
                if not of_which:
                    continue
                if text[a.end : a.end + 1] not in (" ", ",", ".") or re.search(r"pct|%|per cent", text[a.end : se]):
                    continue
                share = 100 * a.value / w.value
                ins = ", or " + fmt_pct(share) + percent_word(rec) + ","
                if text[a.end : a.end + 1] in (",", "."):
                    ins = ins.rstrip(",")
            lo, hi = ratio_interval(a, w)
            if not (lo <= round(share, 1) + 0.05 and hi >= round(share, 1) - 0.05):
                continue
            clean = text[: a.end] + ins + text[a.end :]
            pb = a.end + ins.index(fmt_pct(share))
            pe = pb + len(fmt_pct(share))
            note = (
                "%s中%s" % (text[w.start : w.end], text[a.start : a.end])
                if zh
                else "%s of %s" % (text[a.start : a.end], text[w.start : w.end])
            )
            c = mutate_rate(
                rec,
                clean,
                pb,
                pe,
                lo,
                hi,
                "",
                note,
                constructed="inserted the correct share '%s' after '%s'" % (ins, text[a.start : a.end]),
            )
            if c:
                out.append(c)
            break
    if not zh:
        out.extend(rate_en_of_the(rec))
    return out


EN_FIG = r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?( (?:mln|bln|billion|million))?"


def rate_en_of_the(rec):
    """Constructed English shares: "437 of the 1,084 firms" -> "437, or 40.3 pct, of the 1,084
    firms"; "Of the 20 sectors surveyed, 13 reported" -> "..., 13, or 65%, reported"."""
    text, out = rec.text, []
    unit = percent_word(rec)
    forms = [
        (r"(?<![\w.,$£/-])" + EN_FIG + r" of (?:the|its|their) " + EN_FIG + r"(?![\d/-]| pct|%| per)", 1, 4),
        (r"\bOf the " + EN_FIG + r"(?: [A-Za-z-]+){0,6}, (?:some |about )?" + EN_FIG + r"(?![\d/-]| pct|%| per)", 4, 1),
    ]
    for pattern, ga, gw in forms:
        for m in re.finditer(pattern, text):

            def val(g):
                return num(m.group(g) + (m.group(g + 1) or "")) * EN_SCALE[(m.group(g + 2) or "").strip()]

            a_scale, w_scale = m.group(ga + 2), m.group(gw + 2)
            if bool(a_scale) != bool(w_scale) and not (w_scale and not a_scale and ga == 4):
                continue
            a_v, w_v = val(ga), val(gw)
            if re.search(
                r"(about|some|nearly|around|almost|up to|over|more than|only) $",
                text[max(0, m.start() - 12) : m.start()],
            ):
                continue
            if "some " in m.group(0) or "about " in m.group(0) or w_v < 10 or not (0.01 < a_v / w_v < 0.99):
                continue
            sb, se = sentence_bounds(text, m.start(), m.end(), False)
            if re.search(r"pct|%|per cent", text[sb:se]):
                continue
            half_a = 0.5 * 10 ** (-len((m.group(ga + 1) or ".")[1:])) * EN_SCALE[(a_scale or "").strip()]
            half_w = 0.5 * 10 ** (-len((m.group(gw + 1) or ".")[1:])) * EN_SCALE[(w_scale or "").strip()]
            lo, hi = 100 * (a_v - half_a) / (w_v + half_w), 100 * (a_v + half_a) / (w_v - half_w)
            share = fmt_pct(100 * a_v / w_v)
            at = m.end(ga + 2) if a_scale else m.end(ga + 1) if m.group(ga + 1) else m.end(ga)
            ins = ", or " + share + unit + ("," if ga == 1 else "")
            if ga == 4 and text[at : at + 1] not in (" ",):
                continue
            if ga == 4:
                ins = ", or " + share + unit + ","
            clean = text[:at] + ins + text[at:]
            pb = at + ins.index(share)
            a_text, w_text = (
                text[m.start(ga) : at],
                text[m.start(gw) : (m.end(gw + 2) if w_scale else m.end(gw + 1) if m.group(gw + 1) else m.end(gw))],
            )
            c = mutate_rate(
                rec,
                clean,
                pb,
                pb + len(share),
                lo,
                hi,
                "",
                "%s of %s" % (a_text, w_text),
                constructed="inserted the correct share '%s' after '%s'" % (ins, a_text),
            )
            if c:
                out.append(c)
    return out


# ---------------------------------------------------------------------------------------------
# sum: a total stated with its exhaustive parts

ZH_TOTAL_BEFORE = re.compile(r"(?:共计|合计|总计|总共|一共|累计|共有|共)[^，。；\d]{0,8}$")
ZH_PARTS_AFTER = re.compile(r"^[^。；\d]{0,16}?(?:其中|包括|中[，,]|中有|分别为|：)")
ZH_TOTAL_AFTER = re.compile(r"^[^。；\d]{0,6}(?:共计|合计|总计|总共|一共|共|计)[^。；\d]{0,10}$|^[，,]?$")
ZH_COMPARE = re.compile(r"比|较|同比|环比|增|减|多|少|超|下降|上升|提高|降低|达到|至|到")
EN_PARTS_AFTER = re.compile(
    r"^[^.;\d]{0,45}?(?:including|includes|included|comprised|comprising|comprises|of which|consisting of|made up of| -- | - |: )"
)
EN_TOTAL_BEFORE = re.compile(r"(?:total of|totalling|totaling|total|Of the)[^.;\d]{0,12}$")
EN_TOTAL_AFTER = re.compile(
    r"^[^.;\d]{0,30}(?:total|totalling|totaling|for a total of|making a total|combined|in all|altogether|That means they will have)[^.;\d]{0,20}$"
)
EN_COMPARE = re.compile(
    r"\b(?:from|vs|against|compared|up|down|rose|fell|higher|lower|more|less|improvement|per|a share|each)\b"
)


ZH_GROWTH_CLAUSE = re.compile(r"[，,]?(?:同比|比\d{4}年|比上年|较上年同期)?(?:增长|下降|增加|减少|上升)了?\d+(?:\.\d+)?%|[；;]")


def parts_run_ok(text, parts, zh):
    """Parts in one list: close together, no comparison words between them ("比一季度多3个");
    a part's own growth rate ("出口17.44万亿元，增长14%；进口12.69万亿元") does not break the list."""
    for x, y in zip(parts, parts[1:]):
        gap = text[x.end : y.start]
        if zh:
            gap = ZH_GROWTH_CLAUSE.sub("", gap)
        if len(gap) > (24 if zh else 60) or (ZH_COMPARE if zh else EN_COMPARE).search(gap):
            return False
    return True


def sums_to(parts, total):
    """Do the parts add up to the total, within the rounding of every figure as written?"""
    tol = (total.hi - total.value) + sum(q.hi - q.value for q in parts) + 1e-9 * max(1.0, total.value)
    return abs(sum(q.value for q in parts) - total.value) <= tol


def find_sum(rec):
    text, out, zh = rec.text, [], rec.language == "zh"
    qs = [q for q in quantities(rec, text) if q.unit != "%"]
    done = set()
    for i, t in enumerate(qs):
        if t.approx or t.value < 10 or i in done:
            continue
        sb, se = sentence_bounds(text, t.start, t.end, zh)
        if zh and re.match(r"。其中", text[se : se + 3]):
            se = sentence_bounds(text, se + 1, se + 3, zh)[1]  # "总值30.13万亿元，增长17.3%。其中，出口…"
            while re.match(r"[；;]", text[se : se + 1]):
                se = sentence_bounds(text, se + 1, se + 2, zh)[1]
        same = [
            q
            for q in qs
            if sb <= q.start and q.end <= se and (q.unit == t.unit or (not zh and (not q.unit or not t.unit)))
        ]
        k = same.index(t)
        found = None
        for n in range(2, 9):
            after = same[k + 1 : k + 1 + n]
            if len(after) == n and not any(q.approx for q in after) and parts_run_ok(text, after, zh):
                gap = text[t.end : after[0].start]
                if zh:
                    gap = ZH_GROWTH_CLAUSE.sub("", gap).replace("。其中", "，其中")
                marked = (
                    (ZH_PARTS_AFTER.search(gap) or ZH_TOTAL_BEFORE.search(text[sb : t.start]))
                    if zh
                    else (EN_PARTS_AFTER.search(gap) or EN_TOTAL_BEFORE.search(text[sb : t.start]))
                )
                nxt = same[k + 1 + n] if k + 1 + n < len(same) else None
                more = nxt is not None and re.fullmatch(r"[^。；.;\d]{0,12}", text[after[-1].end : nxt.start])
                if marked and not more and sums_to(after, t):
                    found = after
            before = same[max(0, k - n) : k]
            if not found and len(before) == n and not any(q.approx for q in before) and parts_run_ok(text, before, zh):
                gap = text[before[-1].end : t.start]
                marked = ZH_TOTAL_AFTER.search(gap) if zh else EN_TOTAL_AFTER.search(gap)
                if zh and marked and not re.search(r"共计|合计|总计|总共|一共|共|计|总", gap + text[t.end : t.end + 4]):
                    marked = None
                prv = same[k - n - 1] if k - n - 1 >= 0 else None
                more = prv is not None and re.fullmatch(r"[^。；.;\d]{0,12}", text[prv.end : before[0].start])
                if marked and not more and sums_to(before, t):
                    found = before
            if found:
                break
        if not found:
            continue
        tol = 0.5 * 10 ** (-decimals(t.text)) * t.scale + sum(q.hi - q.value for q in found)
        total = sum(q.value for q in found)
        choice = choose_variant(
            t.text, lambda v: abs(v * t.scale - total) > max(tol, 1e-9) and v > 0, "sum", rec.id, t.nb
        )
        if not choice:
            continue
        v, how = choice
        parts_txt = (" + " if not zh else "+").join(text[q.start : q.end] for q in found)
        out.append(
            Case("sum", rec, text, t.nb, t.ne, v, "%s = %s -> %s (%s)" % (parts_txt, text[t.start : t.end], v, how))
        )
        done.update(qs.index(q) for q in found)
    return out


# ---------------------------------------------------------------------------------------------
# part-whole: a part stated after its whole ("60余名…其中72人"; "1,700 stores, of which 1,200")


def upper_bound(text, q, zh):
    """The largest value a whole written as q can mean; None when it is only a lower bound."""
    before = text[max(0, q.start - 4) : q.nb]
    after = text[q.ne : q.end + 3]
    if re.search(r"(超过|超|逾|突破|以上|多于|上|至少|不少于|more than|over|at least)\s*$", before) or re.search(r"以上|多$", after):
        return None
    written = text[q.nb : q.end]
    if zh and re.search(r"\d(?:万|亿)?(余|多)", written):
        step = 10 ** (len(q.text.split(".")[0]) - 1) if "." not in q.text else 10 ** (-decimals(q.text))
        if q.value / q.scale < 10:
            step = 1
        return (num(q.text) + step) * q.scale
    if re.search(r"(约|近|将近|大约|左右|about|around|nearly|almost|some|approximately|roughly)", before + after):
        return q.value * 1.1
    return q.hi


def find_part_whole(rec):
    text, out, zh = rec.text, [], rec.language == "zh"
    qs = [q for q in quantities(rec, text) if q.unit != "%"]
    for i, w in enumerate(qs):
        if w.value < 5:
            continue
        top = upper_bound(text, w, zh)
        if top is None:
            continue
        _, se = sentence_bounds(text, w.start, w.end, zh)
        window_end = min(len(text), se + (60 if zh else 0))
        if zh:
            m = re.compile(r"[^。；\d]{0,20}?其中[，,]?").match(text, w.end)
            if not m or m.end() > window_end:
                continue
        else:
            m = re.compile(r"[^.;\d]{0,40}?,? (?:of which|of whom|including) (?:about |some )?").match(text, w.end)
            if not m:
                continue
        part = next((q for q in qs[i + 1 :] if q.start >= m.end()), None)
        if part is None or part.start - m.end() > 14 or part.approx or part.start > window_end:
            continue
        if part.unit != w.unit and not (not zh and not part.unit and part.scale == w.scale):
            continue
        if not (0 < part.value < w.value) or part.value * 100 < w.value:
            continue
        margin = max(top * 0.05, 1)
        choice = choose_variant(part.text, lambda v: v * part.scale > top + margin, "part-whole", rec.id, part.nb)
        if not choice:
            continue
        v, how = choice
        out.append(
            Case(
                "part-whole",
                rec,
                text,
                part.nb,
                part.ne,
                v,
                "%s … %s -> %s (%s)" % (text[w.start : w.end], text[part.start : part.end], v, how),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# conflict: the same figure for the same thing stated twice; the second copy slips


def in_prose(text, i, zh):
    """Is position i in a body paragraph (not a run-in headline or a table line)?"""
    b, e = paragraph_bounds(text, i)
    para = text[b:e]
    return ("。" in para) if zh else (len(para) > 80 and ". " in para + " ")


def find_conflict(rec):
    text, out, zh = rec.text, [], rec.language == "zh"
    start = body_start(text)
    qs = [q for q in quantities(rec, text, start) if q.unit != "%" and (q.unit or not zh)]
    if zh:
        qs = [q for q in qs if not re.search(r"[A-Za-z]$", text[max(0, q.nb - 1) : q.nb])]  # AG600, C919: model names
    else:
        # "800m" is a distance unless it is money
        qs = [
            q
            for q in qs
            if not (re.match(r"m\b", text[q.ne : q.ne + 2]) and text[max(0, q.nb - 1) : q.nb] not in "$£€")
        ]
    groups = {}
    for q in qs:
        digits = q.text.replace(",", "").replace(".", "")
        if (
            q.approx
            or re.search(
                r"as many as |as much as |up to |at least |some |about |around $", text[max(0, q.start - 12) : q.start]
            )
            or re.search(r"(?:至少|最少|不少于|多达)$", text[max(0, q.nb - 3) : q.nb])
            or (len(digits.lstrip("0")) < 3 and "." not in q.text and zh)
        ):
            continue
        if not zh and (
            re.search(r"\d", text[max(0, q.start - 12) : q.start].replace("$", ""))
            or re.search(r"\d", text[q.end : q.end + 12])
        ):
            continue  # figures in a series or a table: the same value may belong to another row
        if zh:
            follow = re.match(r"[\u4e00-\u9fff]{2}", text[q.end : q.end + 2])
            lead = re.search(r"[\u4e00-\u9fff]{3}$", text[max(0, q.start - 3) : q.start])
            keys = [("after", follow.group(0)) if follow else None, ("before", lead.group(0)) if lead else None]
        else:
            noun = re.match(r" ([a-z][a-z-]+)", text[q.end : q.end + 25])
            money = q.unit in ("dlr", "stg", "euro") or text[max(0, q.nb - 1) : q.nb] in "$£€"
            lead = re.search(
                r"\b([a-z]+ [a-z]+) (?:of |at |for |to )?(?:\$|£|€)?$", text[max(0, q.start - 30) : q.start]
            )
            symbol = text[max(0, q.nb - 1) : q.nb] in ("$", "£", "€")
            keys = [
                ("noun", noun.group(1))
                if noun
                and noun.group(1)
                not in (
                    "of",
                    "to",
                    "in",
                    "a",
                    "and",
                    "or",
                    "for",
                    "per",
                    "each",
                    "from",
                    "at",
                    "on",
                    "with",
                    "as",
                    "by",
                )
                else None,
                ("lead", lead.group(1)) if lead and money else None,
                # newspaper money ("£65,000", "$1.8bn"): a distinctive sum named twice is one sum
                ("money", text[q.nb - 1]) if symbol and (len(digits.lstrip("0")) >= 3 or "." in q.text) else None,
            ]
            if len(digits.lstrip("0")) < 3 and "." not in q.text:
                continue
        for k in keys:
            if k:
                groups.setdefault((q.value, q.unit) + k, []).append(q)
    used = set()
    value_all = [q.value for q in quantities(rec, text)]
    for key in sorted(groups, key=lambda k: (groups[k][-1].start, k[2], k[3])):
        group = groups[key]
        if len(group) != 2 or group[-1].start in used:
            continue
        first, last = group
        in_body = [q for q in qs if abs(q.value - first.value) < 1e-9]
        if last.start - first.end < 20 or len(in_body) != 2 or not in_prose(text, last.start, zh):
            continue
        if zh and not same_story(text, first.start, last.start):
            continue
        if not zh:
            sentences = [text[slice(*sentence_bounds(text, q.start, q.end, False))] for q in (first, last)]
            if re.search(r"\b(?:another|other|additional|further|each|per)\b", sentences[1]):
                continue  # "another 300,000 shares" is a second block, not the same one
            if re.search(r"\b(?:an?|one)\s+(?:\$|£|€)?$", text[max(0, last.start - 6) : last.start]):
                continue  # "a 25,000 dlr fine" twice: an indefinite article introduces a second one
            if any(re.search(r"year-earlier|year earlier|a year ago|previous|prior|last year", x) for x in sentences):
                continue  # one figure may be this period's, the other last year's
            if key[2] == "noun" and key[3] in ("series", "model", "class", "type", "version", "list"):
                continue  # "the 400 series" is a name
        base = num(last.text)
        choice = choose_variant(
            last.text,
            lambda v: abs(v - base) > 0.01 * base and all(abs(v * last.scale - x) > 1e-9 for x in value_all),
            "conflict",
            rec.id,
            last.nb,
            prefer=("transposed digits", "mistyped digit"),
        )
        if not choice:
            continue
        v, how = choice
        used.add(last.start)
        out.append(
            Case(
                "conflict",
                rec,
                text,
                last.nb,
                last.ne,
                v,
                "%s stated twice (%s %s); the second -> %s (%s)"
                % (text[first.start : first.end], key[2], key[3], v, how),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# growth: a growth rate stated with its old and new values

EN_UP = r"rose|increased|climbed|jumped|gained|grew|advanced|surged|soared|was up|were up|up|rising|increasing"
EN_DOWN = r"fell|dropped|declined|decreased|slipped|was down|were down|down|falling|slumped|plunged|eased|lost"


def growth_interval(old, new):
    """The change from old to new, in per cent, over the rounding of both."""
    lo = 100 * (new.lo - old.hi) / old.hi
    hi = 100 * (new.hi - old.lo) / old.lo
    return min(lo, hi), max(lo, hi)


def growth_case(rec, clean, x_b, x_e, sign, lo, hi, note, constructed=None):
    x = clean[x_b:x_e]
    half = 0.5 * 10 ** (-decimals(x))
    v0 = sign * num(x)
    if not (lo - half - 1e-9 <= v0 <= hi + half + 1e-9):
        return None
    choice = choose_variant(
        x,
        lambda v: (sign * v > hi + max(1, 0.05 * abs(hi))) or (sign * v < lo - max(1, 0.05 * abs(lo))),
        "growth",
        rec.id,
        x_b,
    )
    if not choice:
        return None
    v, how = choice
    unit = "倍" if clean[x_e : x_e + 1] == "倍" else "%"
    return Case(
        "growth",
        rec,
        clean,
        x_b,
        x_e,
        v,
        "%s: %s%s -> %s%s (%s)" % (note, x, unit, v, unit, how),
        constructed=constructed,
    )


def find_growth(rec):
    text, out, zh = rec.text, [], rec.language == "zh"
    if not zh:
        fig = r"(?:\$|£)?\d[\d,]*(?:\.\d+)?(?: ?(?:mln|million|bln|billion|bn|m)\b)?(?: [a-z]+)?"
        pattern = (
            r"\b("
            + EN_UP
            + "|"
            + EN_DOWN
            + r") (?:by )?(\d+(?:\.\d+)?)(?: pct|%| per cent| percent) (?:to|at) ("
            + fig
            + r") from (?:a |an )?(?:revised |year-earlier |the )?("
            + fig
            + ")"
        )
        for m in re.finditer(pattern, text):
            new = quantities_en(text, m.start(3), m.end(3))
            old = quantities_en(text, m.start(4), m.end(4))
            if len(new) != 1 or len(old) != 1 or new[0].approx or old[0].approx or "%" in (new[0].unit, old[0].unit):
                continue
            if re.match(r" ?(?:pct|%|per cent|percent)", text[m.end(4) : m.end(4) + 9]) or re.match(
                r" ?(?:pct|%)", text[m.end(3) : m.end(3) + 5]
            ):
                continue  # percentage points
            n, o = new[0], old[0]
            if o.scale == 1 and n.scale > 1 and o.value < 1000:
                o.value *= n.scale
                o.lo *= n.scale
                o.hi *= n.scale
                o.scale = n.scale
            if o.value <= 0:
                continue
            sign = -1 if re.fullmatch(EN_DOWN, m.group(1)) else 1
            lo, hi = growth_interval(o, n)
            c = growth_case(
                rec,
                text,
                m.start(2),
                m.end(2),
                sign,
                lo,
                hi,
                "%s %s%% to %s from %s" % (m.group(1), m.group(2), m.group(3).strip(), m.group(4).strip()),
            )
            if c:
                out.append(c)
        return out
    # Chinese: "从B增至A，增长X%"; "从B增长到A，增长X倍"; constructed: "从B增加到A" + "，增长X%"
    verbs_up = r"增长|增加|提高|上升|提升|增|升|扩大|跃升"
    verbs_down = r"下降|减少|降低|降|减"
    year = r"(?:(?:19|20)\d\d年[^，。；\d]{0,4}?的)?"
    pattern = re.compile(
        r"(?:从|由)([^，。；\d]{0,12}?)"
        + year
        + r"(\d+(?:\.\d+)?)(万亿|万|亿)?([^，。；\d]{0,4}?)(?:"
        + verbs_up
        + "|"
        + verbs_down
        + r")(?:到|至)(?:了)?([^，。；\d]{0,12}?)"
        + year
        + r"(\d+(?:\.\d+)?)(万亿|万|亿)?([^，。；\d%]{0,4})"
    )
    for m in pattern.finditer(text):
        if "%" in text[m.end() : m.end() + 1]:
            continue
        unit_old, unit_new = m.group(4).strip("的"), m.group(8)
        if re.match(r"[年月日]", unit_old or "x") or re.match(r"[年月日%个百分点]", unit_new or "x"):
            continue
        if (
            text[m.end(8) : m.end(8) + 1] == "%"
            or text[m.end(6) : m.end(6) + 1] == "%"
            or text[m.end(2) : m.end(2) + 1] == "%"
        ):
            continue
        if (
            re.search(r"(?:多|余|近|约|超|超过|逾|突破)$", m.group(1))
            or re.search(r"(?:多|余|近|约|超|超过|逾|突破)$", m.group(5))
            or re.match(r"多|余", m.group(4))
            or re.match(r"多|余", m.group(8))
        ):
            continue
        if (unit_old and unit_new and not unit_new.startswith(unit_old[:1])) or "级" in unit_old + unit_new:
            continue
        up = not re.search(verbs_down, text[m.end(4) : m.start(5)])

        class Q:
            pass

        o, n = Q(), Q()
        for q, g in ((o, 2), (n, 6)):
            sc = ZH_SCALE[m.group(g + 1) or ""]
            q.value = num(m.group(g)) * sc
            half = 0.5 * 10 ** (-decimals(m.group(g))) * sc
            q.lo, q.hi = q.value - half, q.value + half
        if o.value <= 0 or (up and n.value <= o.value) or (not up and n.value >= o.value):
            continue
        lo, hi = growth_interval(o, n)
        sign = 1 if up else -1
        rest = text[m.end() : m.end() + 16]
        r = re.match(r"[，,]?[^，。；\d]{0,6}?(增长|增幅|增加|提高|上升|下降|减少|降幅|降低)(?:了|为|达)?(近|约)?(\d+(?:\.\d+)?)(%|倍)", rest)
        note = "%s -> %s" % (
            text[m.start(2) : m.end(3) if m.group(3) else m.end(2)],
            text[m.start(6) : m.end(7) if m.group(7) else m.end(6)],
        )
        if r:
            if r.group(2):
                continue
            xb, xe = m.end() + r.start(3), m.end() + r.end(3)
            if r.group(4) == "倍":
                if not up or r.group(1) not in ("增长", "增加", "提高"):
                    continue
                c = growth_case(rec, text, xb, xe, 1, lo / 100, hi / 100, note)
            else:
                c = growth_case(rec, text, xb, xe, sign, lo, hi, note)
            if c:
                out.append(c)
            continue
        if text[m.end() : m.end() + 1] not in ("，", "。", "；") or re.search(r"^[^。；]{0,20}(?:%|倍)", rest):
            continue
        mid = (lo + hi) / 2
        if not (5 <= abs(mid) <= 300) or hi - lo > 5:
            continue
        x = fmt_pct(abs(mid))
        ins = "，" + ("增长" if up else "下降") + x + "%"
        at = m.end()
        clean = text[:at] + ins + text[at:]
        xb = at + ins.index(x)
        c = growth_case(
            rec,
            clean,
            xb,
            xb + len(x),
            sign,
            lo,
            hi,
            note,
            constructed="inserted the correct change '%s' after '%s'" % (ins, text[m.start() : m.end()]),
        )
        if c:
            out.append(c)
    return out


# ---------------------------------------------------------------------------------------------
# headline: a figure in the headline that the body repeats; the headline copy slips

ZH_SCALE_SWAP = {"万": "亿", "亿": "万"}
EN_SCALE_SWAP = {"mln": "billion", "million": "billion", "bln": "mln", "billion": "million", "m": "bn", "bn": "m"}


def find_headline(rec):
    text, out, zh = rec.text, [], rec.language == "zh"
    nl = text.find("\n")
    if nl <= 0:
        return out
    head = text[:nl]
    if zh:
        hq = quantities_zh(head)
        bq = quantities_zh(text, nl)
    else:
        lowered = head.lower() if head.upper() == head else head
        hq = quantities_en(lowered)
        bq = quantities_en(text, nl)
    for q in hq:
        if not q.unit and not (not zh and q.scale > 1):
            continue
        if zh and head[q.end : q.end + 1] == "月":
            continue  # "前11个月" is a period, not a figure
        if q.approx or re.search(
            r"(?:超过|超|逾|突破|近|约|达|上|至少|多达)$|(?:at least|up to|AT LEAST|UP TO) $", head[max(0, q.nb - 9) : q.nb]
        ):
            continue  # "超6.5亿人次": a bound is not contradicted by another bound
        if len(q.text.replace(",", "").replace(".", "").lstrip("0")) < 2 and q.scale == 1 and q.unit != "%":
            continue
        match = [
            b
            for b in bq
            if b.text == q.text
            and abs(b.value - q.value) < 1e-9
            and b.unit == q.unit
            and not b.approx
            and same_story(text, 0, b.start)
        ]
        if not match:
            continue
        if any(abs(b.value - q.value) > 1e-9 and b.unit == q.unit and b.text == q.text for b in bq):
            continue
        body_values = {b.value for b in bq}
        scale_word = (
            (re.match(r"万亿|万|亿", head[q.ne :]) or [None])[0]
            if zh
            else (re.match(r" ?(mln|million|bln|billion|bn|m)\b", head[q.ne :].lower()) or [None])[0]
        )
        options = []
        if scale_word:
            sw = scale_word.strip()
            if zh and sw in ZH_SCALE_SWAP:
                at = q.ne
                options.append((at, at + len(sw), ZH_SCALE_SWAP[sw], "%s -> %s" % (sw, ZH_SCALE_SWAP[sw])))
            elif not zh and sw.lower() in EN_SCALE_SWAP:
                at = q.ne + head[q.ne :].lower().index(sw.lower())
                rep = EN_SCALE_SWAP[sw.lower()]
                if head[at : at + len(sw)].isupper():
                    rep = rep.upper()
                options.append((at, at + len(sw), rep, "%s -> %s" % (head[at : at + len(sw)], rep)))
        variant = choose_variant(
            q.text,
            lambda v: all(abs(v * q.scale - x) > 1e-9 for x in body_values),
            "headline",
            rec.id,
            q.nb,
            prefer=("transposed digits", "mistyped digit"),
        )
        if variant:
            options.append((q.nb, q.ne, variant[0], variant[1]))
        if not options:
            continue
        b, e, new, how = options[0] if (len(options) > 1 and h("headline", rec.id, "scale") % 3 != 0) else options[-1]
        body_fig = match[0]
        out.append(
            Case(
                "headline",
                rec,
                text,
                b,
                e,
                new,
                "headline %s -> %s (%s); the body says %s"
                % (
                    head[q.start : q.end],
                    head[q.start : b] + new + head[e : q.end],
                    how,
                    text[body_fig.start : body_fig.end],
                ),
                span=(min(b, q.nb), max(e, q.ne)) if zh else (min(b, q.start), max(e, q.end)),
            )
        )
    return out[:1]


# ---------------------------------------------------------------------------------------------
# year: years since a start year in the text, against the record's date

ZH_START = re.compile(r"成立|建立|建交|创建|创办|诞生|出生|通车|建成|开通|设立|始建|建站|建队|建校|回归|开馆|创刊|建馆|启动|开业|投产|成立于|设立于")


def find_year(rec):
    text, out, pub = rec.text, [], rec.pub()
    if not pub:
        return out
    if rec.language == "zh":
        starts = []
        for m in re.finditer(r"(?<!\d)((?:18|19|20)\d\d)年", text):
            ctx = text[max(0, m.start() - 12) : m.end() + 14]
            if ZH_START.search(ctx) and not re.match(r"[—\-至到]", text[m.end() : m.end() + 1]):
                starts.append((int(m.group(1)), m))
        for m in re.finditer(r"(?<![\d.])(\d{1,3})(周年|年来|年前|年间|年)(?!代|度|级|期|月|的时间里)", text):
            n = int(m.group(1))
            if n < 2 or re.match(r"[—\-至到]", text[max(0, m.start() - 1) : m.start()]):
                continue
            if m.start() < body_start(text):
                continue  # the headline's copy belongs to the headline kind
            if m.group(2) == "年" and not re.search(
                r"(通车|成立|建交|开通|建成|回归|运营|创建|设立)(?:运营)?$", text[max(0, m.start() - 8) : m.start()]
            ):
                continue
            for y, ym in starts:
                if y + n != pub.year or ym.start() == m.start() or not same_story(text, ym.start(), m.start()):
                    continue
                if m.group(2) == "周年" and re.search(r"明年|去年", text[max(0, m.start() - 20) : m.start()]):
                    continue
                choice = choose_variant(m.group(1), lambda v: abs(v - n) >= 2 and v >= 1, "year", rec.id, m.start())
                if choice:
                    v, how = choice
                    out.append(
                        Case(
                            "year",
                            rec,
                            text,
                            m.start(1),
                            m.end(1),
                            v,
                            "%s ... %s%s (published %s) -> %s%s (%s)"
                            % (ym.group(0), m.group(1), m.group(2), rec.date, v, m.group(2), how),
                        )
                    )
                break
        if out:
            return out
        # Constructed: a real "中斯建交75周年" with no start year in the text gets it:
        # "中斯建交75周年（1949年建交）".
        if starts:
            return out
        for m in re.finditer(r"(成立|建交|建校|建站|建党|建军|建院|建馆|创刊|开通|通车|诞辰|胜利|解放|创建|建成)(\d{1,3})周年", text):
            n = int(m.group(2))
            sb, _ = sentence_bounds(text, m.start(), m.end(), True)
            if n < 2 or m.start() < body_start(text) or re.search(r"明年|去年|后年|前年|将|即将|下一|上一", text[sb : m.start()]):
                continue
            if pub.month == 1 and pub.day < 15:
                continue  # a January story may still look back on last year's anniversary
            y = pub.year - n
            ins = "（%d年%s）" % (y, m.group(1))
            at = m.end()
            if text[at : at + 1] == "（":
                continue
            clean = text[:at] + ins + text[at:]
            choice = choose_variant(m.group(2), lambda v: abs(v - n) >= 2 and v >= 1, "year", rec.id, m.start())
            if choice:
                v, how = choice
                out.append(
                    Case(
                        "year",
                        rec,
                        clean,
                        m.start(2),
                        m.end(2),
                        v,
                        "%s%s周年（%d年%s） (published %s) -> %s周年 (%s)"
                        % (m.group(1), m.group(2), y, m.group(1), rec.date, v, how),
                        constructed="inserted the start year '%s' after '%s'" % (ins, m.group(0)),
                    )
                )
        return out
    # English: constructed from a real "created in 1970" with ", 17 years ago," inserted after the year.
    pattern = (
        r"\b(founded|established|formed|incorporated|created|built|opened|set up|introduced|launched|acquired|joined|"
        r"appointed|elected|named|hired|signed|began|started|bought|purchased|merged|nationalized|privatized|listed|"
        r"discovered|enacted|adopted|introduced|organized|organised|incorporated|took office|went public) in "
        r"(?:(" + EN_MONTH_RE + r") )?((?:19)\d\d)\b(?![\d/-])"
    )
    for m in re.finditer(pattern, text):
        y = int(m.group(3))
        n = pub.year - y
        if n < 3 or m.group(2):
            continue
        if text[m.end() : m.end() + 1] not in (" ", ",", ".") or re.match(
            r"[, ]+(?:\d+ )?years? ago", text[m.end() : m.end() + 16]
        ):
            continue
        word = EN_WORD.get(n) if n <= 12 else None
        nt = word if word else str(n)
        ins = ", " + nt + " years ago" + ("," if text[m.end() : m.end() + 1] == " " else "")
        clean = text[: m.end()] + ins + text[m.end() :]
        nb = m.end() + 2
        if word:
            options = [w for w in (n + 2, n - 2, n + 3, n - 3) if 2 <= w <= 12]
            new_n = pick(options, "year", rec.id, m.start())
            new, how = EN_WORD[new_n], "wrong count"
        else:
            choice = choose_variant(nt, lambda v: abs(v - n) >= 2 and v >= 1, "year", rec.id, m.start())
            if not choice:
                continue
            new, how = choice
        out.append(
            Case(
                "year",
                rec,
                clean,
                nb,
                nb + len(nt),
                new,
                "%s in %d, %s years ago (published %s) -> %s (%s)" % (m.group(1), y, nt, rec.date, new, how),
                constructed="inserted the correct '%s' after '%s'" % (ins, m.group(0)),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# age: an age against a birth year in the text and the record's date


def find_age(rec):
    text, out, pub = rec.text, [], rec.pub()
    if not pub:
        return out
    if rec.language == "zh":
        births = [(int(m.group(1)), m) for m in re.finditer(r"(?<!\d)((?:18|19|20)\d\d)年(?:\d{1,2}月)?(?:出生|生)", text)]
        for m in re.finditer(r"享年(\d{2,3})岁", text):
            for y, bm in births:
                age = int(m.group(1))
                if pub.year - y - 1 <= age <= pub.year - y and same_story(text, bm.start(), m.start()):
                    choice = choose_variant(
                        m.group(1), lambda v: not (pub.year - y - 1 <= v <= pub.year - y + 1), "age", rec.id, m.start()
                    )
                    if choice:
                        out.append(
                            Case(
                                "age",
                                rec,
                                text,
                                m.start(1),
                                m.end(1),
                                choice[0],
                                "%s … 享年%s岁 (published %s) -> %s岁 (%s)"
                                % (bm.group(0), m.group(1), rec.date, choice[0], choice[1]),
                            )
                        )
        if out:
            return out
        # Constructed: "今年70岁的王蕊村" -> "1952年出生、今年70岁的王蕊村"
        for m in re.finditer(r"(今年|已经|现年|年仅|只有|刚满|年满|年近|已)?(?<![\d.—\-~至到])(\d{2,3})岁的(?=[\u4e00-\u9fff])", text):
            age = int(m.group(2))
            if not 12 <= age <= 100 or re.search(r"(年龄|最大|最小|以上|以下|之间)", text[max(0, m.start() - 6) : m.end() + 2]):
                continue
            if births:
                continue  # the article gives a birth year already
            sb, _ = sentence_bounds(text, m.start(), m.end(), True)
            if re.search(r"(?:19|20)\d\d年|当时|那时|那年|时年|曾经|年前|去年|前年", text[sb : m.start()]):
                continue  # an age at some past time, not at publication
            y = pub.year - age
            ins = "%d年出生、" % y
            at = m.start()
            clean = text[:at] + ins + text[at:]
            nb = m.start(2) + len(ins)
            choice = choose_variant(
                m.group(2),
                lambda v: not (pub.year - y - 1 <= v <= pub.year - y + 1) and 5 <= v <= 110,
                "age",
                rec.id,
                at,
            )
            if choice:
                out.append(
                    Case(
                        "age",
                        rec,
                        clean,
                        nb,
                        nb + len(m.group(2)),
                        choice[0],
                        "%d年出生、%s%s岁 (published %s) -> %s岁 (%s)"
                        % (y, m.group(1) or "", m.group(2), rec.date, choice[0], choice[1]),
                        constructed="inserted the correct birth year '%s' before '%s'" % (ins, m.group(0)),
                    )
                )
        return out
    # English: constructed from a real "Johnstone, 54, is" with "who was born in 1932," inserted after the age.
    for m in re.finditer(r"\b([A-Z][a-z]+(?: [A-Z][a-z.]*)*(?: Jr| III| II)?), (\d{2}), (?=[a-z])", text):
        if m.group(1).split()[-1] in EN_MONTHS or m.group(1).split()[0].lower() in EN_MONTHS:
            continue
        age = int(m.group(2))
        if not 18 <= age <= 99:
            continue
        y = pub.year - age - 1
        ins = "who was born in %d, " % y
        at = m.end()
        clean = text[:at] + ins + text[at:]
        choice = choose_variant(
            m.group(2),
            lambda v: not (pub.year - y - 1 <= v <= pub.year - y) and abs(v - age) >= 2 and 18 <= v <= 110,
            "age",
            rec.id,
            at,
        )
        if choice:
            out.append(
                Case(
                    "age",
                    rec,
                    clean,
                    m.start(2),
                    m.end(2),
                    choice[0],
                    "%s, %s, who was born in %d (published %s) -> %s (%s)"
                    % (m.group(1), m.group(2), y, rec.date, choice[0], choice[1]),
                    constructed="inserted the correct birth year '%s' after '%s'" % (ins.strip(), m.group(0).strip()),
                )
            )
    return out


# ---------------------------------------------------------------------------------------------
# Building the set

FINDERS = {
    "rate": "find_rate",
    "enumeration": "find_enumeration",
    "sum": "find_sum",
    "part-whole": "find_part_whole",
    "weekday": "find_weekday",
    "invalid-date": "find_invalid_date",
    "conflict": "find_conflict",
    "growth": "find_growth",
    "headline": "find_headline",
    "year": "find_year",
    "age": "find_age",
}


def select(cases):
    """At most one case per article and kind; the same passage quoted in two records counts once;
    natural cases first, constructed ones only to fill up to PER_LANGUAGE; the choice among
    candidates by a hash of their place, so that it does not depend on the order they were found."""
    seen_context = set()
    per_article = {}
    for c in sorted(cases, key=Case.key):
        context = c.clean[max(0, c.b - 30) : c.e + 30]
        if (c.kind, context) in seen_context:
            continue
        seen_context.add((c.kind, context))
        per_article.setdefault((c.kind, c.rec.source), []).append(c)
    shapes = {}
    pools = {}
    for (kind, source), group in sorted(per_article.items()):
        natural = [c for c in group if not c.constructed]
        chosen = pick(natural or group, kind, source, "one")
        pools.setdefault((kind, chosen.rec.language), []).append(chosen)
    selected = []
    for (kind, language), pool in sorted(pools.items()):
        take = []
        for constructed in (False, True):
            group = sorted(
                [c for c in pool if bool(c.constructed) == constructed], key=lambda c: h(kind, c.rec.source, c.b)
            )
            for c in group:
                if len(take) >= PER_LANGUAGE:
                    break
                # Daily bulletins repeat one sentence with new figures: one case per template.
                sb, se = sentence_bounds(c.clean, c.b, c.e, language == "zh")
                shape = re.sub(r"[\s，,。.、；;：:（）()“”\"']|其中|病例", "", re.sub(r"\d+(?:[.,]\d+)*", "#", c.clean[sb:se]))
                if (kind, shape) in shapes:
                    continue
                shapes[(kind, shape)] = 1
                take.append(c)
        selected.extend(take)
    return sorted(selected, key=lambda c: ([k for k, _ in KINDS].index(c.kind), c.rec.language == "en", c.key()))


def build(corpus):
    records = load_corpus(corpus)
    found = []
    finders = [globals()[FINDERS[kind]] for kind, _ in KINDS]
    for rec in records:
        for finder in finders:
            found.extend(finder(rec))
        _QTY_CACHE.clear()
    cases = select(found)
    counters = {}
    rows = []
    for c in cases:
        lang = c.rec.language
        n = counters[(c.kind, lang)] = counters.get((c.kind, lang), 0) + 1
        cid = "%s/%s/%04d" % (c.kind, lang, n)
        injected = c.injected()
        sb, se = c.injected_span_chars()
        eb = byte_offset(injected, c.b)
        edit = [eb, eb + len(c.new.encode("utf-8"))]
        case = {
            "id": cid,
            "kind": c.kind,
            "language": lang,
            "rules": [RULE[c.kind]],
            "source": c.rec.source,
            "span": [byte_offset(injected, sb), byte_offset(injected, se)],
            "edit": edit,
            "note": c.note,
        }
        if c.constructed:
            case["constructed"] = True
            case["inserted"] = c.constructed
        clean = {"id": cid, "text": c.clean}
        dirty = {"id": cid, "text": injected}
        if c.rec.date:
            clean["date"] = dirty["date"] = c.rec.date
        clean["language"] = dirty["language"] = lang
        rows.append((case, clean, dirty))
    return rows


def dump(objs):
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs).encode("utf-8")


def outputs(rows):
    return {
        "cases.jsonl": dump(r[0] for r in rows),
        "clean.jsonl": dump(r[1] for r in rows),
        "injected.jsonl": dump(r[2] for r in rows),
    }


def table(rows):
    counts = {}
    for case, _, _ in rows:
        k = (case["kind"], case["language"])
        counts.setdefault(k, [0, 0])
        counts[k][0] += 1
        counts[k][1] += 1 if case.get("constructed") else 0
    lines = ["| kind | zh | en | total |", "|---|---:|---:|---:|"]
    tz = te = 0
    for kind, _ in KINDS:
        z = counts.get((kind, "zh"), [0, 0])
        e = counts.get((kind, "en"), [0, 0])

        def cell(x):
            return "%d" % x[0] + (" (%d constructed)" % x[1] if x[1] else "")

        lines.append("| %s | %s | %s | %d |" % (kind, cell(z), cell(e), z[0] + e[0]))
        tz += z[0]
        te += e[0]
    lines.append("| all | %d | %d | %d |" % (tz, te, tz + te))
    return "\n".join(lines)


def write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def self_test(rows):
    """Every case: the span lies inside the injected text and on character boundaries; clean and
    injected are identical outside the span (outside the recorded edit for a dropped list item,
    whose span is the count word, apart from the deletion); the edit changes something."""
    problems = []

    def same_outside(a, b, lo, hi):
        # b[lo:hi] replaced some bytes of a; everything before lo and after hi is a's
        tail = len(b) - hi
        return 0 <= lo <= hi <= len(b) and a[:lo] == b[:lo] and tail <= len(a) - lo and a[len(a) - tail :] == b[hi:]

    for case, clean, dirty in rows:
        a, b = clean["text"].encode("utf-8"), dirty["text"].encode("utf-8")
        sb, se = case["span"]
        eb, ee = case["edit"]
        if not (0 <= sb < se <= len(b)):
            problems.append("%s: span %r outside the text" % (case["id"], case["span"]))
            continue
        if a == b:
            problems.append("%s: clean and injected are the same" % case["id"])
            continue
        if not same_outside(a, b, eb, ee):
            problems.append("%s: texts differ outside the edit %r" % (case["id"], case["edit"]))
        dropped = case["kind"] == "enumeration" and eb == ee
        if dropped:
            if not (se <= eb or sb >= ee):
                problems.append("%s: span overlaps the dropped item" % case["id"])
        elif not (sb <= eb and ee <= se and same_outside(a, b, sb, se)):
            problems.append(
                "%s: span %r does not cover the changed bytes %r" % (case["id"], case["span"], case["edit"])
            )
        for k in ("date", "language"):
            if clean.get(k) != dirty.get(k):
                problems.append("%s: %s differs" % (case["id"], k))
        try:
            b[sb:se].decode("utf-8")
            b[eb:ee].decode("utf-8")
        except UnicodeDecodeError:
            problems.append("%s: span or edit splits a character" % case["id"])
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpus",
        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "corpus"),
    )
    ap.add_argument("--out", help="folder for cases.jsonl, clean.jsonl, injected.jsonl")
    ap.add_argument("--self-test", action="store_true", help="check the built set and its determinism; writes nothing")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.corpus):
        print("inject.py: no corpus folder %s" % args.corpus, file=sys.stderr)
        return 2
    try:
        rows = build(args.corpus)
    except (CorpusError, UnicodeDecodeError, OSError) as e:
        print("inject.py: %s: %s" % (args.corpus, e), file=sys.stderr)
        return 2
    if args.self_test:
        problems = self_test(rows)
        if outputs(build(args.corpus)) != outputs(rows):
            problems.append("two builds from the same corpus differ")
        for p in problems:
            print("FAIL " + p)
        print("%d cases, %d problems" % (len(rows), len(problems)))
        return 1 if problems else 0
    if not args.out:
        ap.error("--out DIR or --self-test is required")
    os.makedirs(args.out, exist_ok=True)
    for name, data in outputs(rows).items():
        write_atomic(os.path.join(args.out, name), data)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
