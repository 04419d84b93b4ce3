#!/usr/bin/env python3
"""Generate newspaper pages as PDF, with the true article list beside each (NAME.truth.json).

usage: pdf_gen.py OUTDIR [--pages N] [--seed S]

Each page has a masthead (paper name, date line, folio, section label), a grid of 4-6 columns
filled with article modules (kicker, headline over the columns it spans, deck, byline, an
optional picture with its caption, body flowed down the columns, drop caps on some English
leads, a jump line on some; sub-heads, a pull quote between rules or a picture set inside a
column on some), rules between modules, a few modules boxed as sidebars (a ruled box, the
headline over the first column only), and on some pages a briefs strip (a label over short
items that each have a bold heading) or a letters strip (letters running on across columns, a
topic heading over one or two of them, each ending with its writer's name and place), in the
last row or across the page's foot. Half the Chinese pages hang closing punctuation past the
column's edge. Each truth article records its `kind` (story, story+quote, letter, brief...). Chinese and English pages
alternate. The text is made here from templates: no real article is copied. Reportlab draws
exactly the lines it was given, so the truth records what was printed, line for line.
"""
import json, os, random, sys
from reportlab.pdfgen import canvas
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
# Embedded TrueType for Chinese (a CID font left unembedded needs poppler-data to be read):
# the body in one face of the collection, headings in another, as papers set 宋体 and 黑体.
HAVE_HEI = os.path.exists(ZENHEI)
if HAVE_HEI:
    pdfmetrics.registerFont(TTFont("ZenHei", ZENHEI, subfontIndex=0))
    pdfmetrics.registerFont(TTFont("ZenHeiSharp", ZENHEI, subfontIndex=1))

# ---- text made from templates -------------------------------------------------------------
EN_PLACES = ["Riverton", "Port Alder", "Kestrel Bay", "Marrowfield", "Glenhollow", "Stonebridge", "Larkspur",
             "Northwick", "Eastmere", "Caldera Springs", "Fenwick", "Oakhaven", "Brightwater", "Ashford Vale"]
EN_ORGS = ["the city council", "the water board", "the regional health trust", "the harbour authority",
           "the transport office", "the school district", "the farmers' cooperative", "the budget committee",
           "the library service", "the housing agency", "the energy regulator", "the parks department"]
EN_TOPICS = [("bus fares", "fares"), ("clinic waiting times", "waits"), ("rainfall", "rain"), ("rent", "rents"),
             ("wheat harvest", "harvest"), ("bridge repairs", "repairs"), ("school meals", "meals"),
             ("power cuts", "outages"), ("library loans", "loans"), ("ferry crossings", "crossings"),
             ("tree planting", "trees"), ("road accidents", "accidents"), ("tourist arrivals", "visitors")]
EN_NAMES = ["Mara Quill", "Tobias Wren", "Nadia Ferro", "Elias Stone", "Priya Dalton", "Jonah Reyes",
            "Lena Marsh", "Omar Castell", "Ruth Okafor", "Iris Vance", "Felix Harrow", "Hana Brooks"]
EN_VERBS = ["rose", "fell", "climbed", "dropped", "edged up", "slipped"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def en_sentence(r, topic, place, org, name):
    n1, n2 = r.randint(2, 95), r.randint(100, 9000)
    t = r.choice([
        f"The figures published by {org} show that {topic[0]} {r.choice(EN_VERBS)} by {n1} per cent over the year.",
        f"In {place}, about {n2} households were affected, according to {org}.",
        f"{name} said the change had been expected for months and that residents would see it first in {place}.",
        f"Officials plan to review the {topic[1]} again in {r.choice(EN_MONTHS)}, when new data arrive.",
        f"Critics argue that the plan leaves smaller towns behind, while supporters point to {n1} new posts.",
        f"A survey of {n2} people found that {n1} per cent wanted faster action on {topic[0]}.",
        f"The cost is put at {n1}.{r.randint(1, 9)} million, spread over {r.randint(2, 6)} years.",
        f"\u201cWe have heard the concerns,\u201d {name.split()[0]} said, \u201cand we will publish every number.\u201d",
        f"Neighbouring districts reported smaller changes, and none matched the pace seen in {place}.",
        f"The next meeting of {org} is set for {r.choice(EN_DAYS)}, and the public may attend.",
        f"Local traders said {topic[1]} had shaped their plans since the spring.",
        f"Figures for the last quarter were revised from {n1} to {n1 + r.randint(1, 9)}.",
    ])
    return t


def en_article(r):
    topic, place, org, name = r.choice(EN_TOPICS), r.choice(EN_PLACES), r.choice(EN_ORGS), r.choice(EN_NAMES)
    head = r.choice([f"{topic[0].capitalize()} {r.choice(EN_VERBS)} in {place}",
                     f"{place} weighs new plan on {topic[0]}",
                     f"Why {topic[0]} matter to {place}",
                     f"{org.replace('the ', '').capitalize()} backs review of {topic[0]}",
                     f"A hard year for {topic[0]} in {place}"])
    dek = f"{org.capitalize()} says the figures will be checked again before {r.choice(EN_MONTHS)}"
    kicker = r.choice(["LOCAL", "CITY", "ECONOMY", "HEALTH", "TRANSPORT", "ENVIRONMENT"])
    byline = f"By {r.choice(EN_NAMES)}"
    paras = []
    for _ in range(r.randint(5, 14)):
        paras.append(" ".join(en_sentence(r, topic, place, org, name) for _ in range(r.randint(2, 4))))
    caption = f"{name} at the meeting in {place} on {r.choice(EN_DAYS)}."
    return dict(headline=head, dek=dek, kicker=kicker, byline=byline, paras=paras, caption=caption,
                jump=f"Continued on page {r.randint(2, 12)}", brief_heads=[f"{place} {topic[1]} review",
                                                                           f"New {topic[1]} rules"])


ZH_PLACES = ["青石镇", "白沙湾", "南岭县", "东湖区", "北川市", "西山港", "柳溪村", "金川镇", "云台区", "清河县", "海角市", "松林乡"]
ZH_ORGS = ["市交通局", "县卫生院", "区教育局", "港口管理处", "水务公司", "农业合作社", "市图书馆", "能源监管所", "住房服务中心", "园林所"]
ZH_TOPICS = ["公交票价", "门诊等候时间", "降雨量", "房屋租金", "小麦收成", "桥梁维修", "学生午餐", "停电次数", "图书借阅", "渡轮班次",
             "植树面积", "交通事故", "游客人数"]
ZH_NAMES = ["李文涛", "王秀芝", "张建国", "刘晓燕", "陈志远", "杨丽华", "赵明辉", "黄佳怡", "周海峰", "吴雪梅"]


def zh_sentence(r, topic, place, org, name):
    n1, n2 = r.randint(2, 95), r.randint(100, 9000)
    return r.choice([
        f"据{org}发布的数据，今年{place}的{topic}同比变化{n1}%。",
        f"{place}约有{n2}户居民受到影响，{org}已安排专人跟进。",
        f"{name}表示，这一变化在意料之中，{place}的居民会最先感受到。",
        f"有关部门计划在{r.randint(1, 12)}月再次评估{topic}，届时将有新的数据。",
        f"一项覆盖{n2}人的调查显示，{n1}%的受访者希望加快改进{topic}。",
        f"项目总投资约{n1}.{r.randint(1, 9)}亿元，分{r.randint(2, 6)}年投入。",
        f"“我们听到了大家的意见，”{name}说，“每一个数字都会公开。”",
        f"周边地区的变化较小，没有一处赶上{place}的速度。",
        f"{org}下一次会议定于下周召开，市民可以旁听。",
        f"当地商户说，{topic}的变化影响了他们今年的安排。",
        f"上季度的数字由{n1}修订为{n1 + r.randint(1, 9)}。",
    ])


def zh_article(r):
    topic, place, org, name = r.choice(ZH_TOPICS), r.choice(ZH_PLACES), r.choice(ZH_ORGS), r.choice(ZH_NAMES)
    head = r.choice([f"{place}{topic}出现新变化", f"{org}启动{topic}专项评估", f"{place}着力改善{topic}",
                     f"聚焦{topic}：{place}的一年", f"{place}公布{topic}最新数据"])
    dek = f"——{org}表示将在年底前再次核实相关数字"
    kicker = r.choice(["民生关注", "本地新闻", "经济观察", "城市建设"])
    byline = f"本报记者 {r.choice(ZH_NAMES)}"
    paras = []
    for _ in range(r.randint(4, 10)):
        paras.append("".join(zh_sentence(r, topic, place, org, name) for _ in range(r.randint(2, 5))))
    caption = f"{name}在{place}现场查看情况。 本报记者 {r.choice(ZH_NAMES)} 摄"
    return dict(headline=head, dek=dek, kicker=kicker, byline=byline, paras=paras, caption=caption,
                jump="（下转第二版）", brief_heads=[f"{place}{topic}调整", f"{org}发布通知"])


# ---- layout ---------------------------------------------------------------------------------
class Page:
    def __init__(self, r, lang, path):
        self.r, self.lang = r, lang
        self.hang = False
        self.W, self.H = r.choice([(842, 1191), (792, 1224), (900, 1300)])
        self.c = canvas.Canvas(path, pagesize=(self.W, self.H))
        self.margin = 36
        self.cols = r.choice([4, 5, 6]) if lang == "en" else r.choice([4, 5, 6])
        self.gutter = r.choice([10, 12, 14])
        self.colw = (self.W - 2 * self.margin - (self.cols - 1) * self.gutter) / self.cols
        self.body = r.choice([8.5, 9, 9.5, 10]) if lang == "en" else r.choice([9, 9.5, 10])
        self.lead = self.body * r.choice([1.18, 1.25, 1.3])
        if lang == "en":
            self.f_body, self.f_bold, self.f_head, self.f_ital = r.choice(
                [("Times-Roman", "Times-Bold", "Times-Bold", "Times-Italic"),
                 ("Helvetica", "Helvetica-Bold", "Helvetica-Bold", "Helvetica-Oblique"),
                 ("Times-Roman", "Times-Bold", "Helvetica-Bold", "Times-Italic")])
        else:
            if not HAVE_HEI:
                raise SystemExit(f"pdf_gen.py: Chinese pages need {ZENHEI} (fonts-wqy-zenhei)")
            self.f_body, self.f_bold, self.f_head, self.f_ital = "ZenHei", "ZenHeiSharp", "ZenHeiSharp", "ZenHei"

    def width(self, s, font, size):
        return pdfmetrics.stringWidth(s, font, size)

    def wrap(self, text, font, size, width, first_indent=0.0):
        """Lines of `text` fitting `width` (the first narrower by first_indent)."""
        lines, cur = [], ""
        if self.lang == "en":
            for w in text.split(" "):
                cand = (cur + " " + w) if cur else w
                lim = width - (first_indent if not lines else 0)
                if self.width(cand, font, size) <= lim or not cur:
                    cur = cand
                else:
                    lines.append(cur)
                    cur = w
        else:
            for ch in text:
                lim = width - (first_indent if not lines else 0)
                if self.width(cur + ch, font, size) <= lim or not cur:
                    cur += ch
                elif ch in "，。、；：！？”）" and self.hang:
                    cur += ch  # closing punctuation hung past the column's edge
                elif ch in "，。、；：！？”）" and len(cur) > 1:
                    # Closing punctuation never starts a line: the character before it goes down
                    # with it (the other way papers set it).
                    lines.append(cur[:-1])
                    cur = cur[-1] + ch
                else:
                    lines.append(cur)
                    cur = ch
        if cur:
            lines.append(cur)
        return lines

    def draw(self, x, y, s, font, size):
        self.c.setFont(font, size)
        self.c.drawString(x, self.H - y, s)

    def hrule(self, x0, x1, y, w=0.6):
        self.c.setLineWidth(w)
        self.c.line(x0, self.H - y, x1, self.H - y)

    def joined(self, parts):
        return (" " if self.lang == "en" else "").join(parts)


def masthead(p, r, date, folio):
    names = ["The Meridian Courier", "Harbour Daily Record", "The Valley Ledger"] if p.lang == "en" else \
        ["南岭日报", "海角晚报", "青河时报"]
    name = r.choice(names)
    size = r.choice([34, 40, 46])
    w = p.width(name, p.f_head, size)
    y = p.margin + size
    p.draw((p.W - w) / 2, y, name, p.f_head, size)
    if p.lang == "en":
        dl = f"{EN_DAYS[r.randrange(7)]}, {EN_MONTHS[date[1] - 1]} {date[2]}, {date[0]}"
        sec = r.choice(["Nation", "Region", "City", "Opinion"])
    else:
        dl = f"{date[0]}年{date[1]}月{date[2]}日 星期{'一二三四五六日'[r.randrange(7)]}"
        sec = r.choice(["要闻", "本地", "综合", "民生"])
    p.draw(p.margin, y + 16, dl, p.f_body, 8)
    p.draw(p.W - p.margin - p.width(str(folio), p.f_head, 14), y + 16, str(folio), p.f_head, 14)
    p.draw(p.W / 2 - p.width(sec, p.f_bold, 10) / 2, y + 16, sec, p.f_bold, 10)
    p.hrule(p.margin, p.W - p.margin, y + 22, 1.5)
    return y + 34, [name, dl, str(folio), sec]


def module(p, r, art, x, y, span, height, aid, truth, boxed=False):
    """Lays one article out in `span` columns from (x, y), at most `height` tall. Records what
    was printed. A boxed module (a sidebar) is drawn inside a ruled box, its headline set over
    its first column only."""
    en = p.lang == "en"
    w = span * p.colw + (span - 1) * p.gutter
    bottom = y + height
    rec = dict(id=aid, headline="", kicker="", dek="", body=[], extra=[], kind="sidebar" if boxed else "story")
    cy = y
    if r.random() < 0.3:
        ks = p.body + 1
        p.draw(x, cy + ks, art["kicker"], p.f_bold, ks)
        rec["kicker"] = art["kicker"]
        cy += ks * 1.6
    hs = r.choice([18, 22, 26, 30]) if span > 1 else r.choice([15, 17, 19])
    if boxed:
        hs = min(hs, 19)
        p.c.setLineWidth(0.7)
        p.c.rect(x - p.gutter * 0.35, p.H - (y + height + 3), w + p.gutter * 0.7, height + 7,
                 stroke=1, fill=0)
    hl = p.wrap(art["headline"], p.f_head, hs, p.colw if boxed else w)[:3]
    for line in hl:
        cy += hs * 1.05
        p.draw(x, cy, line, p.f_head, hs)
    rec["headline"] = p.joined(hl)
    cy += hs * 0.35
    if r.random() < 0.45:
        ds = round(max(p.body * 1.25, hs * 0.55), 1)
        dl = p.wrap(art["dek"], p.f_body, ds, w)[:2]
        for line in dl:
            cy += ds * 1.15
            p.draw(x, cy, line, p.f_body, ds)
        rec["dek"] = p.joined(dl)
        cy += ds * 0.4
    cy += p.body * 0.6
    if r.random() < 0.6:
        cy += p.body * 1.2
        p.draw(x, cy, art["byline"], p.f_bold, p.body * 0.95)
        rec["extra"].append(art["byline"])
        cy += p.body * 0.6
    if r.random() < 0.35 and height > 260:
        ph = r.choice([80, 110, 140])
        p.c.setFillGray(0.85)
        p.c.rect(x, p.H - (cy + ph), w, ph, stroke=0, fill=1)
        p.c.setFillGray(0)
        cy += ph + 9
        cs = p.body * 0.85
        cl = p.wrap(art["caption"], p.f_ital, cs, w)[:2]
        for line in cl:
            p.draw(x, cy, line, p.f_ital, cs)
            cy += cs * 1.2
        rec["extra"].append(p.joined(cl))
        cy += p.body * 0.6
    # Body: paragraphs flowed down the columns; the last line may be a jump line. Opinion
    # pieces and long stories carry sub-heads between paragraphs, a pull quote or a picture set
    # inside a column with the text running on below it.
    x2 = p.x
    jump = r.random() < 0.15
    limit = bottom - (p.lead * 1.5 if jump else 0)
    col, ly = 0, cy + p.body
    drop = en and r.random() < 0.4
    subheads = set()
    if span >= 2 and x2.random() < 0.35:
        subheads = set(x2.sample(range(2, max(3, len(art["paras"]))), k=min(2, max(1, len(art["paras"]) - 2))))
    insets = {}  # column -> (y where it goes, kind)
    if span >= 2 and x2.random() < 0.4:
        c = x2.randrange(1, span)
        insets[c] = (cy + (limit - cy) * x2.uniform(0.25, 0.55), x2.choice(["quote", "picture"]))
    printed = []
    done = False

    def inset(kind, lx, ly):
        """Draws a pull quote or a picture with its caption across the column at ly; returns
        the y where the text runs on."""
        if kind == "quote":
            qs = round(p.body * x2.choice([1.3, 1.5]), 1)
            sent = en_sentence(x2, r.choice(EN_TOPICS), r.choice(EN_PLACES), r.choice(EN_ORGS),
                               r.choice(EN_NAMES)) if en else zh_sentence(
                x2, r.choice(ZH_TOPICS), r.choice(ZH_PLACES), r.choice(ZH_ORGS), r.choice(ZH_NAMES))
            ql = p.wrap(sent, p.f_ital if en else p.f_body, qs, p.colw)[:6]
            p.hrule(lx, lx + p.colw, ly - p.body * 0.2, 0.8)
            qy = ly + qs * 0.9
            for line in ql:
                p.draw(lx, qy, line, p.f_ital if en else p.f_body, qs)
                qy += qs * 1.15
            p.hrule(lx, lx + p.colw, qy - qs * 0.5, 0.8)
            rec["extra"].append(p.joined(ql))
            rec["kind"] = "story+quote"
            return qy + p.body
        ph = x2.choice([60, 80, 100])
        p.c.setFillGray(0.85)
        p.c.rect(lx, p.H - (ly - p.body + ph), p.colw, ph, stroke=0, fill=1)
        p.c.setFillGray(0)
        qy = ly - p.body + ph + 9
        cs = p.body * 0.85
        cl = p.wrap(art["caption"], p.f_ital, cs, p.colw)[:3]
        for line in cl:
            p.draw(lx, qy, line, p.f_ital, cs)
            qy += cs * 1.2
        rec["extra"].append(p.joined(cl))
        rec["kind"] = "story+picture"
        return qy + p.body * 0.8

    for pi, para in enumerate(art["paras"]):
        indent = 0 if pi == 0 else p.body * (1.0 if en else 2.0)
        if pi in subheads and not done:
            head = art["brief_heads"][pi % 2]
            if ly + p.lead * 3 > limit:
                col += 1
                ly = cy + p.body
                if col >= span:
                    break
            ly += p.lead * 0.4
            lx = x + col * (p.colw + p.gutter)
            sl = p.wrap(head, p.f_bold, p.body, p.colw)[:2]
            for line in sl:
                p.draw(lx, ly, line, p.f_bold, p.body)
                ly += p.lead
            rec["extra"].append(p.joined(sl))
            rec["kind"] += "+subhead"
            indent = 0
        dc_w = 0
        text = para
        if pi == 0 and drop:
            dcs = p.lead * 2 + p.body * 0.9
            dc_w = p.width(para[0], p.f_head, dcs) + 3
            text = para[1:]
        lines = p.wrap(text, p.f_body, p.body, p.colw, first_indent=indent)
        if pi == 0 and drop:
            lines = p.wrap(text, p.f_body, p.body, p.colw - dc_w)
            first2, rest = lines[:2], " ".join(lines[2:])
            lines = first2 + (p.wrap(rest, p.f_body, p.body, p.colw) if rest else [])
        got = []
        for li, line in enumerate(lines):
            if col in insets and ly >= insets[col][0]:
                ly = inset(insets.pop(col)[1], x + col * (p.colw + p.gutter), ly)
            if ly > limit:
                col += 1
                ly = cy + p.body
                if col >= span:
                    done = True
                    break
            lx = x + col * (p.colw + p.gutter)
            if pi == 0 and drop and li < 2:
                if li == 0:
                    p.draw(lx, ly + p.lead, para[0], p.f_head, dcs)
                lx += dc_w
            elif li == 0:
                lx += indent
            p.draw(lx, ly, line, p.f_body, p.body)
            got.append(line)
            ly += p.lead
        if got:
            t = p.joined(got)
            if pi == 0 and drop:
                t = para[0] + t
            printed.append(t)
        if done:
            break
        ly += p.lead * 0.2 if r.random() < 0.3 else 0
    rec["body"] = printed
    if jump:
        lx = x + (span - 1) * (p.colw + p.gutter)
        p.draw(lx, bottom - p.lead * 0.3, art["jump"], p.f_ital, p.body * 0.9)
        rec["extra"].append(art["jump"])
    truth["articles"].append(rec)


def briefs(p, r, arts, x, y, span, height, ids, truth):
    """A labelled strip of short items, each with a bold heading at body size."""
    w = span * p.colw + (span - 1) * p.gutter
    label = r.choice(["IN BRIEF", "LETTERS TO THE EDITOR"]) if p.lang == "en" else r.choice(["简讯", "读者来信"])
    ls = p.body * 1.6
    p.draw(x, y + ls, label, p.f_bold, ls)
    truth["furniture"].append(label)
    p.hrule(x, x + w, y + ls * 1.5)
    top = y + ls * 2.2
    col = 0
    ly = top + p.body
    for k, art in enumerate(arts):
        if col >= span:
            break
        rec = dict(id=ids[k], headline="", kicker="", dek="", body=[], extra=[], kind="brief")
        lx = x + col * (p.colw + p.gutter)
        if ly + p.lead * 5 > y + height:
            col += 1
            ly = top + p.body
            if col >= span:
                break
            lx = x + col * (p.colw + p.gutter)
        hl = p.wrap(art["brief_heads"][0], p.f_bold, p.body, p.colw)[:2]
        for line in hl:
            p.draw(lx, ly, line, p.f_bold, p.body)
            ly += p.lead
        rec["headline"] = p.joined(hl)
        text = p.joined([art["paras"][0], art["paras"][1]]) if r.random() < 0.5 else art["paras"][0]
        got = []
        for line in p.wrap(text, p.f_body, p.body, p.colw):
            if ly > y + height:
                break
            p.draw(lx, ly, line, p.f_body, p.body)
            got.append(line)
            ly += p.lead
        rec["body"] = [p.joined(got)] if got else []
        ly += p.lead * 1.2
        if got:
            truth["articles"].append(rec)


def letters(p, r, gen, x, y, span, height, aid, truth):
    """A letters strip: a label over letters that run on from the foot of one column to the
    head of the next. A topic heading (bold, at or a little under the letters' size) stands
    over one or more letters; each letter ends with its writer's name and place, set smaller.
    Each letter is an article; a letter after another under the same heading has no headline.
    Returns the next article number."""
    x2 = p.x
    en = p.lang == "en"
    label = "LETTERS TO THE EDITOR" if en else "读者来信"
    ls = p.body * 1.5
    p.draw(x, y + ls, label, p.f_bold, ls)
    truth["furniture"].append(label)
    p.hrule(x, x + span * p.colw + (span - 1) * p.gutter, y + ls * 1.5)
    ts = p.body + x2.choice([0, 0.5])  # the letters' type, often a little larger than news text
    hs = x2.choice([p.body, ts])  # topic heading
    lead = ts * 1.2
    top = y + ls * 2.3 + ts
    bottom = y + height
    pos = dict(col=0, ly=top)

    def room(n):
        return pos["ly"] + lead * (n - 1) <= bottom

    def advance():
        pos["col"] += 1
        pos["ly"] = top
        return pos["col"] < span

    def put(line, font, size, step):
        if pos["ly"] > bottom and not advance():
            return False
        p.draw(x + pos["col"] * (p.colw + p.gutter), pos["ly"], line, font, size)
        pos["ly"] += step
        return True

    full = False
    while not full:
        art = gen(r)
        # A heading is not left alone at a column's foot: it goes over the next column.
        if not room(4) and not advance():
            break
        heading = p.wrap(art["brief_heads"][x2.randrange(2)], p.f_bold, hs, p.colw)[:2]
        for line in heading:
            put(line, p.f_bold, hs, lead)
        pos["ly"] += lead * 0.15
        for k in range(x2.choice([1, 1, 2])):
            aid += 1
            rec = dict(id=f"A{aid}", headline=p.joined(heading) if k == 0 else "", kicker="", dek="",
                       body=[], extra=[], kind="letter")
            for para in art["paras"][k * 2:k * 2 + x2.choice([1, 2])]:
                got = []
                for line in p.wrap(para, p.f_body, ts, p.colw):
                    if not put(line, p.f_body, ts, lead):
                        full = True
                        break
                    got.append(line)
                if got:
                    rec["body"].append(p.joined(got))
                if full:
                    break
            if not full:
                who = r.choice(EN_NAMES if en else ZH_NAMES)
                where = r.choice(EN_PLACES if en else ZH_PLACES)
                sign = [(who + ("," if en else ""), p.f_bold, ts * 0.9), (where, p.f_body, ts * 0.85)]
                for line, font, size in sign:
                    if not put(line, font, size, size * 1.2):
                        full = True
                        break
                    rec["extra"].append(line)
            if rec["body"]:
                truth["articles"].append(rec)
            pos["ly"] += lead * 0.8
            if full:
                break
    return aid


def make_page(outdir, n, seed):
    r = random.Random(seed)
    lang = "en" if n % 2 == 0 else "zh"
    name = f"gen-{lang}-{n:04d}"
    path = os.path.join(outdir, name + ".pdf")
    p = Page(r, lang, path)
    # The layouts added later (letters, pull quotes, sub-heads, pictures inside a column) draw
    # from their own stream, so the pages made before them keep their layout otherwise.
    p.x = random.Random(seed * 7 + 1)
    # Boxed modules (added later still) draw from a stream of their own too.
    boxes = random.Random(seed * 13 + 5)
    p.hang = p.x.random() < 0.5
    date = (r.randint(2019, 2026), r.randint(1, 12), r.randint(1, 28))
    truth = dict(page=name, language=lang, date="%04d-%02d-%02d" % date, articles=[], furniture=[])
    y, furn = masthead(p, r, date, r.randint(1, 24))
    truth["furniture"] += furn
    gen = en_article if lang == "en" else zh_article
    aid = 0
    bottom = p.H - p.margin
    rows = r.choice([2, 3, 3, 4])
    heights = [r.random() + 0.6 for _ in range(rows)]
    # Some pages end in a letters strip across the whole width, under the last row.
    strip_h = (bottom - y) * p.x.uniform(0.16, 0.24) if p.x.random() < 0.25 else 0
    total = bottom - y - strip_h
    for ri in range(rows):
        h = total * heights[ri] / sum(heights) - 14
        spans = []
        left = p.cols
        while left:
            s = r.choice([s for s in (1, 2, 3, 4, 5, 6) if s <= left])
            spans.append(s)
            left -= s
        x = p.margin
        briefs_here = ri == rows - 1 and r.random() < 0.35
        # A strip takes the last module of such a row: it is never boxed.
        boxed = [2 <= s <= 4 and boxes.random() < 0.15 and not (briefs_here and si == len(spans) - 1)
                 for si, s in enumerate(spans)]
        for si, s in enumerate(spans):
            if briefs_here and si == len(spans) - 1 and s >= 2 and p.x.random() < 0.5:
                aid = letters(p, r, gen, x, y, s, h, aid, truth)
            elif briefs_here and si == len(spans) - 1 and s >= 2:
                arts = [gen(r) for _ in range(6)]
                ids = [f"A{aid + k + 1}" for k in range(6)]
                briefs(p, r, arts, x, y, s, h, ids, truth)
                aid += 6
            else:
                aid += 1
                module(p, r, gen(r), x, y, s, h, f"A{aid}", truth, boxed[si])
            x += s * p.colw + s * p.gutter
            # A column rule between modules, but none beside a box (its side is the rule).
            if si < len(spans) - 1 and not boxed[si] and not boxed[si + 1]:
                p.c.setLineWidth(0.4)
                p.c.line(x - p.gutter / 2, p.H - y, x - p.gutter / 2, p.H - (y + h))
        y += h + 14
        if ri < rows - 1:
            p.hrule(p.margin, p.W - p.margin, y - 7)
    if strip_h:
        aid = letters(p, r, gen, p.margin, y, p.cols, strip_h - 14, aid, truth)
    p.c.showPage()
    p.c.save()
    json.dump(truth, open(os.path.join(outdir, name + ".truth.json"), "w", encoding="utf-8"),
              ensure_ascii=False, indent=1)
    return path


def main(argv):
    outdir = argv[0]
    pages = int(argv[argv.index("--pages") + 1]) if "--pages" in argv else 200
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 1
    os.makedirs(outdir, exist_ok=True)
    for n in range(pages):
        make_page(outdir, n, seed * 100003 + n)


if __name__ == "__main__":
    main(sys.argv[1:])
