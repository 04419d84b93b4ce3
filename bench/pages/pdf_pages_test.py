#!/usr/bin/env python3
"""ctest `pdf_pages`: generated pages (pdf_gen.py) scored on the PDF path, and on the text path
through `pdftotext` (its default mode, as ../shared/pages/*.txt were made) when poppler-utils is
installed, each against the floors in pdf_floors.json; then the real pages in ../shared/pages
when present.

usage: pdf_pages_test.py TALLY WORKDIR [--pages N] [--shared DIR]
Exit 0 when every floor holds, 1 when one does not, 77 (skipped) without python3-reportlab.
"""
import json, os, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def main(argv):
    tally, work = argv[0], argv[1]
    pages = int(argv[argv.index("--pages") + 1]) if "--pages" in argv else 200
    shared = argv[argv.index("--shared") + 1] if "--shared" in argv else None
    try:
        import pdf_gen
    except ImportError as e:
        print(f"skipped: pdf_pages needs python3-reportlab ({e}); scripts/setup.sh --test installs it")
        return 77
    import pdf_score
    floors = json.load(open(os.path.join(HERE, "pdf_floors.json")))
    gen = os.path.join(work, "generated")
    shutil.rmtree(gen, ignore_errors=True)
    os.makedirs(gen)
    t0 = time.time()
    pdfs = [pdf_gen.make_page(gen, n, 100003 + n) for n in range(pages)]
    print(f"generated {len(pdfs)} pages in {time.time() - t0:.1f}s")
    failed = False

    def check(name, inputs, floor):
        nonlocal failed
        t = time.time()
        rc = pdf_score.main([tally, *inputs, "--quiet", "--json", os.path.join(work, name + ".json"),
                             "--min-right", str(floor["right"]), "--min-certain", str(floor["certain_right"])])
        print(f"{name}: {time.time() - t:.1f}s, floors right {floor['right']}, certain right {floor['certain_right']}")
        failed |= rc != 0

    check("generated_pdf", pdfs, floors["generated_pdf"])
    # Findings on a PDF say where they are printed: in JSON, and under the line in text.
    found, page = [], None
    for page in pdfs[:40]:
        r = subprocess.run([tally, "check", page, "--format", "json"], capture_output=True, text=True)
        found = json.loads(r.stdout)["files"][0]["findings"]
        if found:
            break
    bad = [f for f in found if not f.get("pdf") or len(f["pdf"]["bbox"]) != 4 or f["pdf"]["page"] != 1]
    text = subprocess.run([tally, "check", page], capture_output=True, text=True).stdout
    if not found or bad or "= page 1, x " not in text:
        print(f"findings without page and box: {bad[:2] or 'no finding on 40 pages'}")
        failed = True
    else:
        print(f"{len(found)} findings on {os.path.basename(page)}, each with page and box")
    if shutil.which("pdftotext"):
        txts = []
        for p in pdfs:
            txt = p[:-4] + ".txt"
            subprocess.run(["pdftotext", "-enc", "UTF-8", p, txt], check=True)
            txts.append(txt)
        check("generated_text", txts, floors["generated_text"])
    else:
        print("text path not scored: pdftotext (poppler-utils) is not installed")
    if shared and os.path.isdir(os.path.join(shared, "pages")):
        real = sorted(os.path.join(shared, "pages", f) for f in os.listdir(os.path.join(shared, "pages"))
                      if f.endswith(".pdf"))
        check("shared_pdf", real, floors["shared_pdf"])
    else:
        print("real pages not scored: ../shared/pages is absent")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
