"""The Python binding against the real library: findings, fixes, errors, threads, reload,
notices, JSON-lines records, and the README's examples run as they are written."""
import contextlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import tally  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SAMPLE = os.path.join(ROOT, "samples", "zh-lines.txt")
PAGE_PDF = os.path.join(ROOT, "tests", "e2e", "samples", "page.pdf")
README = os.path.join(ROOT, "plugins", "python", "README.md")


# Where count.enumeration's span ("three towns") is printed on page.pdf, as the C ABI rounds it.
BOX0 = (119.7, 211.8, 168.4, 221.3)


class BindingTest(unittest.TestCase):
    def setUp(self):
        self.engine = tally.Engine()

    def tearDown(self):
        self.engine.close()

    def test_abi_version(self):
        self.assertEqual(tally.abi_version(), 1)

    def test_sample_findings_exact(self):
        with open(SAMPLE, encoding="utf-8") as f:
            text = f.read()
        r = self.engine.check(text, filename="zh-lines.txt", date="2025-08-01")
        self.assertEqual([(f.rule, f.line, f.column, f.utf16_column, f.offset, f.length)
                          for f in r.findings],
                         [("count.sum-mismatch", 7, 18, 17, 272, 6),
                          ("date.invalid", 9, 1, 0, 408, 16)])
        self.assertEqual(r.findings[0].message, "各部分之和与总数不符：139人 + 429人 + 107人 + 74人 ≠ 658人")
        self.assertEqual(r.findings[1].message, "日期不存在：2025年2月30日")
        self.assertEqual(r.json["path"], "zh-lines.txt")
        self.assertEqual([f["rule"] for f in r.json["findings"]],
                         ["count.sum-mismatch", "date.invalid"])
        self.assertEqual(r.rule_errors, [])

    def test_a_pdf_page(self):
        with open(PAGE_PDF, "rb") as f:
            pdf = f.read()
        r = self.engine.check_pdf(pdf, filename="page.pdf", date="2026-12-03")
        text = r.text.encode()
        self.assertEqual([(f.rule, text[f.offset:f.offset + f.length].decode(), f.page)
                          for f in r.findings],
                         [("count.enumeration", "three towns", 1), ("growth.recompute", "30%", 1),
                          ("quote.unbalanced", '"', 2)])
        self.assertEqual(r.findings[0].bbox, BOX0)
        self.assertEqual(list(r.findings[0].bbox), r.json["findings"][0]["pdf"]["bbox"])
        self.assertEqual(r.json["path"], "page.pdf")
        # A text's findings have no page.
        plain = self.engine.check("2025年2月30日，该院召开专题会议。\n")
        self.assertEqual([(f.rule, f.page, f.bbox) for f in plain.findings],
                         [("date.invalid", None, None)])
        self.assertIsNone(plain.text)
        with self.assertRaises(tally.TallyError) as e:
            self.engine.check_pdf(b"%PDF-1.7\nno objects\n", filename="bad.pdf")
        self.assertEqual(str(e.exception), "TALLY_E_INPUT: bad.pdf: not a readable PDF")

    def test_fix_applies(self):
        text = "包头市检察院,昆都仑区检察院联合办案。\n"
        (f,) = self.engine.check(text).findings
        self.assertEqual((f.rule, f.fix, f.fix_offset, f.fix_length),
                         ("punct.halfwidth-in-cjk", "，", 18, 1))
        self.assertEqual(tally.apply_fix(text, f), "包头市检察院，昆都仑区检察院联合办案。\n")

    def test_engine_fix_as_the_command_does(self):
        # Every fix, passes and all (tally_fix), or only some rules' fixes.
        text = "包头市检察院,昆都仑区检察院联合办案。。\n"
        self.assertEqual(self.engine.fix(text), ("包头市检察院，昆都仑区检察院联合办案。\n", 2))
        self.assertEqual(self.engine.fix(text, rules=["punct.halfwidth-in-cjk"]),
                         ("包头市检察院，昆都仑区检察院联合办案。。\n", 1))
        self.assertEqual(self.engine.fix(text.encode(), rules=["artifact.*"]), (text.encode(), 0))

    def test_engine_fix_leaves_what_a_known_list_lets_stand(self):
        # tally_fix_with: the comma a baseline or .tally-ignore lets stand is not fixed, as
        # `tally check --fix` leaves it; the doubled stop is.
        text = "包头市检察院,昆都仑区检察院联合办案。。\n"
        entry = {"path": "draft.txt", "rule": "punct.halfwidth-in-cjk", "text": ",",
                 "line": "包头市检察院,昆都仑区检察院联合办案。。", "count": 1}
        known = {"version": 1, "findings": [entry]}
        kept = ("包头市检察院,昆都仑区检察院联合办案。\n", 1)
        self.assertEqual(self.engine.fix(text, filename="draft.txt", known=known), kept)
        self.assertEqual(self.engine.fix(text, filename="other.txt", known=known),
                         ("包头市检察院，昆都仑区检察院联合办案。\n", 2))
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, ".git"))  # the .tally-ignore search stops here
            named = os.path.join(d, "draft.txt")
            listed = os.path.join(d, "known.json")
            with open(listed, "w", encoding="utf-8") as f:
                f.write(json.dumps(known))
            self.assertEqual(self.engine.fix(text, filename=named, baseline=listed), kept)
            self.assertEqual(self.engine.fix(text, filename=named, tally_ignore=True)[1], 2)
            os.rename(listed, os.path.join(d, ".tally-ignore"))
            self.assertEqual(self.engine.fix(text, filename=named, tally_ignore=True), kept)
            self.assertEqual(self.engine.fix(text, filename=named)[1], 2)  # asked for only
        with self.assertRaises(tally.TallyError) as e:
            self.engine.fix(text, known="[]")
        self.assertEqual(str(e.exception), "TALLY_E_ARGUMENT: fix_options.known: not a tally "
                         "baseline (version 1 with a findings list)")

    def test_grouped_fix_applies_every_edit(self):
        # One finding for copy set with ASCII marks throughout; the C API gives its edits as one
        # replacement of their extent, so apply_fix repairs every mark.
        text = "会议指出,要坚持问题导向;各地要抓好落实,确保实效。\n"
        (f,) = self.engine.check(text).findings
        self.assertEqual(f.rule, "punct.halfwidth-in-cjk")
        self.assertEqual(tally.apply_fix(text, f), "会议指出，要坚持问题导向；各地要抓好落实，确保实效。\n")

    def test_english_message(self):
        r = self.engine.check("Officials from three cities took part: Leeds, York, Hull and Bath.\n")
        self.assertEqual([f.rule for f in r.findings], ["count.enumeration"])
        self.assertEqual(r.findings[0].message,
                         'Count does not match: "three cities", but 4 items are listed')

    def test_invalid_utf8_is_an_error(self):
        with self.assertRaises(tally.TallyError) as cm:
            self.engine.check(b"abc\xff\n")
        self.assertEqual(cm.exception.status, "TALLY_E_INPUT")
        self.assertIn("offset 3", str(cm.exception))

    def test_bad_date_and_language(self):
        with self.assertRaises(tally.TallyError) as cm:
            self.engine.check("x", date="2025-02-30")
        self.assertEqual(cm.exception.status, "TALLY_E_ARGUMENT")
        with self.assertRaises(tally.TallyError) as cm:
            self.engine.check("x", language="fr")
        self.assertEqual(cm.exception.status, "TALLY_E_ARGUMENT")

    def test_broken_rule_folder_and_user_rule(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "bad.yaml"), "w") as f:
                f.write("id: house.bad\nkind: nosuchkind\nmessage: x\n")
            with self.assertRaises(tally.TallyError) as cm:
                tally.Engine(rules=[d])
            self.assertEqual(cm.exception.status, "TALLY_E_RULES")
            self.assertIn("bad.yaml:2", str(cm.exception))
            os.remove(os.path.join(d, "bad.yaml"))
            with open(os.path.join(d, "word.yaml"), "w") as f:
                f.write("id: house.word\nkind: pattern\npattern: '旁听庭'\nmessage: seen\n")
            with tally.Engine(rules=[d]) as e:
                self.assertEqual([f.rule for f in e.check("邀请旁听庭审。\n").findings],
                                 ["house.word"])
                with open(os.path.join(d, "word.yaml"), "w") as f:
                    f.write("id: house.word\nkind: pattern\npattern: '庭审'\nmessage: again\n")
                e.reload()
                self.assertEqual([f.message for f in e.check("邀请旁听庭审。\n").findings],
                                 ["again"])

    def test_threads_share_one_engine(self):
        text = "包头市检察院,昆都仑区检察院联合办案。\n"
        counts = []

        def work():
            counts.append(sum(len(self.engine.check(text).findings) for _ in range(5)))

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(counts, [5, 5, 5, 5])

    def test_notices_name_the_rules_that_could_not_run(self):
        r = self.engine.check("The forum was held on 3 May 2099 in the city hall.\n")
        self.assertEqual(r.findings, [])
        self.assertEqual(r.notices, [tally.Notice(
            "no-publication-date", "publication_date",
            "No publication date, so these rules did not run: date.future "
            "(give one with --date or date: in .tally.yml)", ["date.future"])])
        self.assertEqual(r.json["notices"][0]["id"], "no-publication-date")
        r = self.engine.check("The forum was held on 3 May 2099 in the city hall.\n",
                              date="2025-08-01")
        self.assertEqual(([f.rule for f in r.findings], r.notices), (["date.future"], []))

    def test_check_record(self):
        e = self.engine
        self.assertIsNone(e.check_record("  \n"))
        r = e.check_record({"id": 7, "text": "2025年2月30日，该院召开专题会议。"}, date="2025-03-01")
        self.assertEqual((r["id"], r["error"], r["publication_date"]), (7, None, "2025-03-01"))
        self.assertNotIn("line", r)
        self.assertEqual([f["rule"] for f in r["findings"]], ["date.invalid"])
        r = e.check_record('{"id": 8, "text": "x", "date": "soon"}')
        self.assertEqual(r, {"id": 8, "findings": [], "error": {
            "message": "'date' must be a date as YYYY-MM-DD, got \"soon\"", "offset": 0}})
        with self.assertRaises(tally.TallyError) as cm:
            e.check_record("{}", date="2025-02-30")
        self.assertEqual(cm.exception.status, "TALLY_E_ARGUMENT")

    def test_closed_engine(self):
        self.engine.close()
        with self.assertRaises(ValueError):
            self.engine.check("x")


def readme_blocks():
    with open(README, encoding="utf-8") as f:
        return re.findall(r"^```python\n(.*?)^```$", f.read(), re.S | re.M)


class ReadmeExamples(unittest.TestCase):
    """Every ```python block of plugins/python/README.md runs as written, in a folder with the
    draft.txt, page.pdf and house-rules/ it names; a print whose line ends in a comment must print that
    (a comment ending in "…" gives the start)."""

    def run_block(self, code):
        with tempfile.TemporaryDirectory() as d:
            shutil.copy(SAMPLE, os.path.join(d, "draft.txt"))
            shutil.copy(PAGE_PDF, os.path.join(d, "page.pdf"))
            os.mkdir(os.path.join(d, "house-rules"))
            out = io.StringIO()
            cwd = os.getcwd()
            os.chdir(d)
            try:
                with contextlib.redirect_stdout(out):
                    scope = {"__name__": "readme"}
                    exec(compile(code, README, "exec"), scope)
            finally:
                os.chdir(cwd)
        return out.getvalue().splitlines(), scope

    def test_every_block_runs_and_prints_what_it_says(self):
        blocks = readme_blocks()
        self.assertEqual(len(blocks), 4)
        for code in blocks:
            printed, scope = self.run_block(code)
            said = [m.group(1) for m in re.finditer(r"print\(.*\)\s+#\s*(.+)$", code, re.M)]
            if not said:
                continue
            self.assertEqual(len(printed), len(said), code)
            for got, want in zip(printed, said):
                if want.endswith("…"):
                    self.assertTrue(got.startswith(want[:-1]), (got, want))
                else:
                    self.assertEqual(got, want)

    def test_the_first_example_lists_the_drafts_findings(self):
        printed, scope = self.run_block(readme_blocks()[0])
        self.assertEqual(printed, ["7:18 error [count.sum-mismatch] 各部分之和与总数不符：139人 + 429人 + 107人 + 74人 ≠ 658人",
                                   "9:1 info [date.invalid] 日期不存在：2025年2月30日"])
        self.assertEqual(scope["fixed"], scope["text"])  # the draft's findings have no fix


if __name__ == "__main__":
    unittest.main()
