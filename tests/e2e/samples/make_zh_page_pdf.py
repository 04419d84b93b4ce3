#!/usr/bin/env python3
"""Writes zh-page.pdf beside this script: a small one-page Chinese newspaper PDF for the tests of
the PDF interfaces that depend on the page's language (tally serve's pages_html labels). Its copy
is made up here, no real article: a masthead with the date and two stories in two columns, with
two slips the shipped rules find (a count that does not match its list, a date that does not
exist). The text is set in WenQuanYi Zen Hei, embedded (subset), so poppler reads it
without poppler-data.

The PDF is committed, so the tests need no reportlab; run this again (Debian's python3-reportlab
and fonts-wqy-zenhei, /usr/bin/python3) only to change it: usage: make_zh_page_pdf.py [OUT.pdf]
"""
import os
import sys

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
W, H = 595, 842  # A4 in points
MARGIN, GUTTER = 40, 18
COL = (W - 2 * MARGIN - GUTTER) / 2

STORIES = [
    (0, "三地联合开展普法宣传", "本报记者 林晓", [
        "本报讯 记者近日从市司法局获悉，今年共有三地检察机关参加联合普法：北城、南湖、西山、东港。",
        "活动走进中小学校四十余所，发放宣传资料一万余份。",
    ]),
    (1, "轮渡票价上调", "本报记者 周敏", [
        "港务部门表示，轮渡票价由2元调整为2.5元，新票价自2026年2月30日起执行。",
        "大桥维修期间，早高峰班次基本满员，港务部门将增开班次。",
    ]),
]


def wrap(text, font, size, width):
    """Lines of `text` no wider than `width`, broken between any two characters."""
    lines, cur = [], ""
    for ch in text:
        if cur and pdfmetrics.stringWidth(cur + ch, font, size) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return lines + ([cur] if cur else [])


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__),
                                                             "zh-page.pdf")
    pdfmetrics.registerFont(TTFont("ZenHei", ZENHEI, subfontIndex=0))
    c = canvas.Canvas(out, pagesize=(W, H), invariant=1)  # invariant: the same bytes every run
    c.setTitle("Tally test page (zh)")
    c.setFont("ZenHei", 30)
    c.drawString(MARGIN, H - 70, "河湾日报")
    c.setFont("ZenHei", 10)
    c.drawString(MARGIN, H - 88, "2026年12月3日 星期四")
    c.drawRightString(W - MARGIN, H - 88, "第1版")
    c.setLineWidth(1.2)
    c.line(MARGIN, H - 96, W - MARGIN, H - 96)
    for col, headline, byline, paragraphs in STORIES:
        x = MARGIN + col * (COL + GUTTER)
        y = H - 110
        c.setFont("ZenHei", 18)
        for line in wrap(headline, "ZenHei", 18, COL):
            y -= 22
            c.drawString(x, y, line)
        y -= 16
        c.setFont("ZenHei", 9)
        c.drawString(x, y, byline)
        y -= 6
        for p in paragraphs:
            y -= 4
            lines = wrap(p, "ZenHei", 10.5, COL - 21)  # the first line indented two characters
            rest = wrap(p[len(lines[0]):], "ZenHei", 10.5, COL)
            for i, line in enumerate([lines[0]] + rest):
                y -= 15
                c.setFont("ZenHei", 10.5)
                c.drawString(x + (21 if i == 0 else 0), y, line)
    c.showPage()
    c.save()


main()
