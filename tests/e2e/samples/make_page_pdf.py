#!/usr/bin/env python3
"""Writes page.pdf beside this script: a small two-page newspaper PDF for the tests of the PDF
interfaces (the HTML report's page images, serve, the C API, the LSP). Its copy is made up here,
no real article: a masthead with the date, two columns of two stories on page 1 and one story
on page 2, with three slips the shipped rules find (a count that does not match its list, a
percentage that does not match its figures, an unbalanced quotation mark).

The PDF is committed, so the tests need no reportlab; run this again (Debian's python3-reportlab,
/usr/bin/python3) only to change it: usage: make_page_pdf.py [OUT.pdf]
"""
import os
import sys

from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

W, H = 595, 842  # A4 in points
MARGIN, GUTTER = 40, 18
COL = (W - 2 * MARGIN - GUTTER) / 2

STORIES = [
    (1, 0, "Council approves transit budget", "By Mara Quill", [
        "The council approved the transit budget on Tuesday after a debate that ran late into "
        "the evening.",
        "The plan covers three towns: Alder Point, Brookmere, Cedar Vale and Dunmore. Each will "
        "get new shelters and a faster service on weekdays.",
        "The first routes open in the spring, the transport office said.",
    ]),
    (1, 1, "Ferry fares rise at Kestrel Bay", "By Tobias Wren", [
        "Fares on the harbour ferry rose from 2.00 to 2.50 dollars, a rise of 30%, the harbour "
        "authority said on Wednesday.",
        "Crossings have been full on most mornings since the bridge closed for repairs in June.",
    ]),
    (2, 0, "Library loans climb again", "By Nadia Ferro", [
        "Loans at the town library climbed for the third year running, staff said.",
        "\"We have waited long enough for the new wing, the librarian said on Monday.",
        "Work on the wing is due to start next year.",
    ]),
]


def masthead(c):
    c.setFont("Helvetica-Bold", 30)
    c.drawString(MARGIN, H - 70, "THE RIVERTON LEDGER")
    c.setFont("Helvetica", 10)
    c.drawString(MARGIN, H - 88, "Thursday, December 3, 2026")
    c.drawRightString(W - MARGIN, H - 88, "Page 1")
    c.setLineWidth(1.2)
    c.line(MARGIN, H - 96, W - MARGIN, H - 96)


def story(c, col, top, headline, byline, paragraphs):
    x = MARGIN + col * (COL + GUTTER)
    y = top
    c.setFont("Helvetica-Bold", 18)
    for line in simpleSplit(headline, "Helvetica-Bold", 18, COL):
        y -= 20
        c.drawString(x, y, line)
    y -= 16
    c.setFont("Helvetica-Oblique", 9)
    c.drawString(x, y, byline)
    y -= 6
    for p in paragraphs:
        y -= 4
        first = True
        for line in simpleSplit(p, "Times-Roman", 10.5, COL - (10 if first else 0)):
            y -= 13
            c.setFont("Times-Roman", 10.5)
            c.drawString(x + (10 if first else 0), y, line)
            first = False


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "page.pdf")
    c = canvas.Canvas(out, pagesize=(W, H), invariant=1)  # invariant: the same bytes every run
    c.setTitle("Tally test page")
    for page in (1, 2):
        if page == 1:
            masthead(c)
            top = H - 110
        else:
            c.setFont("Helvetica", 10)
            c.drawString(MARGIN, H - 50, "THE RIVERTON LEDGER  Thursday, December 3, 2026  Page 2")
            c.line(MARGIN, H - 58, W - MARGIN, H - 58)
            top = H - 70
        for p, col, headline, byline, paragraphs in STORIES:
            if p == page:
                story(c, col, top, headline, byline, paragraphs)
        c.showPage()
    c.save()


main()
