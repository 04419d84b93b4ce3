"""`tally check` output for CI: SARIF validated against the 2.1.0 schema, JUnit and checkstyle
parsed as XML, GitHub workflow commands compared as exact strings, --fail-on exit codes, and
baselines that survive edits above the known findings. Usage: ci_formats_test.py TALLY ROOT"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

try:
    import jsonschema
except ImportError:  # a missing validator is a failure, never a skip
    sys.exit("ci_formats_test: python3-jsonschema is missing (scripts/setup.sh --test installs it)")

TALLY, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SAMPLES = ["samples/zh-lines.txt", "samples/en-draft.md"]
NOTICE_ZH = "没有出版日期，以下规则未运行：date.future（用 --date 或 .tally.yml 的 date: 指定出版日期）"
NOTICE_EN = ("No publication date, so these rules did not run: date.future "
             "(give one with --date or date: in .tally.yml)")


def run(*args, cwd=ROOT):
    p = subprocess.run([TALLY, "check", *args], cwd=cwd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


class Formats(unittest.TestCase):
    def test_json_matches_its_schema(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "bad.txt"), "wb") as f:
                f.write(b"abc\xff\n")
            code, out, _ = run("--format", "json", "samples", d)
        self.assertEqual(code, 2)
        doc = json.loads(out)
        with open(os.path.join(ROOT, "tests/schemas/tally-check.schema.json")) as f:
            jsonschema.validate(doc, json.load(f))
        self.assertEqual(doc["summary"]["input_errors"], 1)
        self.assertEqual(doc["files"][-1]["error"]["offset"], 3)

    def test_jsonl_is_json_s_files_a_line_each(self):
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, "bad.txt")
            with open(bad, "wb") as fh:
                fh.write(b"ab\xffcd")
            code, whole, _ = run("--format", "json", *SAMPLES, bad)
            code2, lines, _ = run("--format", "jsonl", *SAMPLES, bad)
        self.assertEqual(code, code2)
        rows = [json.loads(line) for line in lines.splitlines()]
        self.assertEqual(rows, json.loads(whole)["files"])
        self.assertEqual(len(rows), len(SAMPLES) + 1)
        self.assertEqual(rows[-1]["error"]["offset"], 2)

    def test_unknown_format_is_an_error(self):
        code, out, err = run("--format", "xml", "samples/en-draft.md")
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertIn("xml", err)

    def test_sarif_is_valid_and_complete(self):
        code, out, _ = run("--format", "sarif", *SAMPLES)
        self.assertEqual(code, 1)
        doc = json.loads(out)
        with open(os.path.join(ROOT, "tests/schemas/sarif-2.1.0.json")) as f:
            schema = json.load(f)
        jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())
        run0 = doc["runs"][0]
        rules = [r["id"] for r in run0["tool"]["driver"]["rules"]]
        self.assertEqual(len(rules), 26)
        self.assertIn("percent.recompute", rules)
        results = [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                    r["locations"][0]["physicalLocation"]["region"]["startLine"],
                    r["locations"][0]["physicalLocation"]["region"]["startColumn"], r["level"])
                   for r in run0["results"]]
        self.assertEqual(results, [
            ("count.sum-mismatch", "samples/zh-lines.txt", 7, 18, "error"),
            ("date.invalid", "samples/zh-lines.txt", 9, 1, "note"),  # a hint by default
            ("count.enumeration", "samples/en-draft.md", 8, 17, "error"),
            ("quote.unbalanced", "samples/en-draft.md", 11, 1, "warning")])
        for r in run0["results"]:
            self.assertEqual(rules[r["ruleIndex"]], r["ruleId"])

    def test_sarif_fix_and_bad_input(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "a b.txt"), "w") as f:
                f.write("包头市检察院,昆都仑区检察院联合办案。\n")
            with open(os.path.join(d, "bad.txt"), "wb") as f:
                f.write(b"abc\xff\n")
            code, out, _ = run("--format", "sarif", d)
            self.assertEqual(code, 2)
            doc = json.loads(out)
            with open(os.path.join(ROOT, "tests/schemas/sarif-2.1.0.json")) as f:
                jsonschema.validate(doc, json.load(f))
            run0 = doc["runs"][0]
            (r,) = run0["results"]
            self.assertTrue(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                            .endswith("a%20b.txt"))
            change = r["fixes"][0]["artifactChanges"][0]["replacements"][0]
            self.assertEqual(change["deletedRegion"], {"byteOffset": 18, "byteLength": 1})
            self.assertEqual(change["insertedContent"]["text"], "，")
            inv = run0["invocations"][0]
            self.assertFalse(inv["executionSuccessful"])
            (error,) = [n for n in inv["toolExecutionNotifications"] if n["level"] == "error"]
            self.assertIn("invalid UTF-8", error["message"]["text"])

    def test_grouped_fix_in_every_format(self):
        # Copy set with ASCII marks throughout: one finding whose fix has an edit per mark.
        text = "会议指出,要坚持问题导向;各地要抓好落实,确保实效。\n"
        marks = [text.encode().index(m.encode()) for m in (",", ";", ",确")]
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "a.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            _, out, _ = run("--format", "json", path)
            doc = json.loads(out)
            with open(os.path.join(ROOT, "tests/schemas/tally-check.schema.json")) as f:
                jsonschema.validate(doc, json.load(f))
            (f,) = doc["files"][0]["findings"]
            self.assertEqual(f["message"], "本文中文行文通篇使用半角标点，共 3 处（“,” 2 处、“;” 1 处），应改为全角")
            self.assertEqual([(e["span"]["start"]["offset"], e["replacement"]) for e in f["fix"]["edits"]],
                             list(zip(marks, ["，", "；", "，"])))
            self.assertEqual((f["fix"]["span"]["start"]["offset"], f["fix"]["replacement"]), (marks[0], "，"))
            _, lines, _ = run("--format", "jsonl", path)
            self.assertEqual(json.loads(lines), doc["files"][0])
            _, out, _ = run("--format", "sarif", path)
            sarif = json.loads(out)
            with open(os.path.join(ROOT, "tests/schemas/sarif-2.1.0.json")) as f:
                jsonschema.validate(sarif, json.load(f))
            (r,) = sarif["runs"][0]["results"]
            changes = r["fixes"][0]["artifactChanges"][0]["replacements"]
            self.assertEqual([(c["deletedRegion"]["byteOffset"], c["insertedContent"]["text"]) for c in changes],
                             list(zip(marks, ["，", "；", "，"])))
            _, out, _ = run("--format", "text", "--color", "never", path)
            self.assertIn("= fix: 3 edits: , → ， (2), ; → ； (1)\n", out)

    def test_github_commands_exact(self):
        code, out, _ = run("--format", "github", *SAMPLES)
        self.assertEqual(code, 1)
        self.assertEqual(out.splitlines(), [
            "::error file=samples/zh-lines.txt,line=7,col=18,endLine=7,endColumn=22,"
            "title=count.sum-mismatch::各部分之和与总数不符：139人 + 429人 + 107人 + 74人 ≠ 658人",
            "::notice file=samples/zh-lines.txt,line=9,col=1,endLine=9,endColumn=11,"
            "title=date.invalid::日期不存在：2025年2月30日",
            "::notice file=samples/zh-lines.txt,title=tally no-publication-date::" + NOTICE_ZH,
            "::error file=samples/en-draft.md,line=8,col=17,endLine=8,endColumn=29,"
            "title=count.enumeration::Count does not match: \"three cities\", but 4 items are listed",
            "::warning file=samples/en-draft.md,line=11,col=1,endLine=11,endColumn=2,"
            "title=quote.unbalanced::Unbalanced quotation mark: \" has no matching \"",
            "::notice file=samples/en-draft.md,title=tally no-publication-date::" + NOTICE_EN])

    def test_junit_parses(self):
        code, out, _ = run("--format", "junit", "samples/zh-lines.txt", "samples/clean-zh.txt")
        self.assertEqual(code, 1)
        root = ET.fromstring(out)
        suite = root.find("testsuite")
        self.assertEqual((suite.get("tests"), suite.get("failures"), suite.get("errors")),
                         ("2", "1", "0"))
        cases = {c.get("name"): c for c in suite.findall("testcase")}
        self.assertEqual(set(cases), {"samples/zh-lines.txt", "samples/clean-zh.txt"})
        failure = cases["samples/zh-lines.txt"].find("failure")
        self.assertEqual(failure.get("message"), "2 findings")
        self.assertIn("samples/zh-lines.txt:9:1: info [date.invalid] 日期不存在：2025年2月30日",
                      failure.text)
        self.assertIsNone(cases["samples/clean-zh.txt"].find("failure"))

    def test_checkstyle_parses(self):
        code, out, _ = run("--format", "checkstyle", "samples/en-draft.md")
        root = ET.fromstring(out)
        errors = [(e.get("line"), e.get("column"), e.get("severity"), e.get("source"),
                   e.get("message")) for e in root.find("file").findall("error")]
        self.assertEqual(errors, [
            ("8", "17", "error", "tally.count.enumeration",
             'Count does not match: "three cities", but 4 items are listed'),
            ("11", "1", "warning", "tally.quote.unbalanced",
             'Unbalanced quotation mark: " has no matching "')])

    def test_fail_on(self):
        self.assertEqual(run("--fail-on", "error", "samples/en-draft.md")[0], 1)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "w.md")
            with open(path, "w") as f:  # only a warning: an unbalanced quote
                f.write("She said “yes.\n")
            self.assertEqual(run(path)[0], 1)
            self.assertEqual(run("--fail-on", "warning", path)[0], 1)
            self.assertEqual(run("--fail-on", "error", path)[0], 0)


class Notices(unittest.TestCase):
    """A draft without a publication date: date.future does not run, and every format says so
    (docs/notices.md)."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp()
        for name, text in [("a.txt", "2099年8月3日，该院召开了推进会。\n"),
                           ("a2.txt", "该院召开推进会，部署下一步工作。\n"),
                           ("b.txt", "The forum was held on 3 May 2099 in the city hall.\n")]:
            with open(os.path.join(cls.dir, name), "w", encoding="utf-8") as f:
                f.write(text)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def check(self, *args):
        return run(*args, "a.txt", "a2.txt", "b.txt", cwd=self.dir)

    def test_text_footer(self):
        code, out, _ = self.check()
        self.assertEqual(code, 0)
        self.assertEqual(out, "notice: " + NOTICE_ZH + "\n  in a.txt, a2.txt\n"
                              "b.txt: notice: " + NOTICE_EN + "\n0 findings in 3 files\n")
        code, out, _ = self.check("--date", "2025-07-22")
        self.assertEqual(code, 1)
        self.assertNotIn("notice", out)
        self.assertEqual(out.count("[date.future]"), 2)
        code, out, _ = self.check("--disable", "date.future")
        self.assertEqual((code, out), (0, "0 findings in 3 files\n"))

    def test_json(self):
        code, out, _ = self.check("--format", "json")
        doc = json.loads(out)
        with open(os.path.join(ROOT, "tests/schemas/tally-check.schema.json")) as f:
            jsonschema.validate(doc, json.load(f))
        zh = {"id": "no-publication-date", "requirement": "publication_date",
              "message": NOTICE_ZH, "rules": ["date.future"]}
        self.assertEqual([f["notices"] for f in doc["files"]],
                         [[zh], [zh], [dict(zh, message=NOTICE_EN)]])
        self.assertEqual(doc["summary"]["notices"], 3)
        doc = json.loads(self.check("--format", "json", "--date", "2025-07-22")[1])
        self.assertEqual([f["notices"] for f in doc["files"]], [[], [], []])
        self.assertEqual(doc["summary"]["notices"], 0)

    def test_sarif_notifications(self):
        code, out, _ = self.check("--format", "sarif")
        self.assertEqual(code, 0)
        doc = json.loads(out)
        with open(os.path.join(ROOT, "tests/schemas/sarif-2.1.0.json")) as f:
            jsonschema.validate(doc, json.load(f))
        inv = doc["runs"][0]["invocations"][0]
        self.assertTrue(inv["executionSuccessful"])
        self.assertEqual(inv["toolExecutionNotifications"], [
            {"level": "note", "message": {"text": text}, "descriptor": {"id": "no-publication-date"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
             "properties": {"requirement": "publication_date", "rules": ["date.future"]}}
            for uri, text in [("a.txt", NOTICE_ZH), ("a2.txt", NOTICE_ZH), ("b.txt", NOTICE_EN)]])

    def test_github_notice(self):
        code, out, _ = self.check("--format", "github")
        self.assertEqual(code, 0)
        self.assertEqual(out.splitlines(), [
            "::notice file=a.txt,title=tally no-publication-date::" + NOTICE_ZH,
            "::notice file=a2.txt,title=tally no-publication-date::" + NOTICE_ZH,
            "::notice file=b.txt,title=tally no-publication-date::" + NOTICE_EN])

    def test_junit_system_out(self):
        code, out, _ = self.check("--format", "junit")
        self.assertEqual(code, 0)
        suite = ET.fromstring(out).find("testsuite")
        self.assertEqual((suite.get("tests"), suite.get("failures"), suite.get("errors")),
                         ("3", "0", "0"))
        cases = suite.findall("testcase")
        self.assertEqual([c.find("system-out").text for c in cases], [
            "a.txt: notice [no-publication-date] " + NOTICE_ZH + "\n",
            "a2.txt: notice [no-publication-date] " + NOTICE_ZH + "\n",
            "b.txt: notice [no-publication-date] " + NOTICE_EN + "\n"])
        self.assertEqual([c.find("failure") for c in cases], [None] * 3)

    def test_checkstyle_has_no_place_for_it(self):
        code, out, _ = self.check("--format", "checkstyle")
        self.assertEqual(code, 0)
        files = ET.fromstring(out).findall("file")
        self.assertEqual([(f.get("name"), len(f)) for f in files],
                         [("a.txt", 0), ("a2.txt", 0), ("b.txt", 0)])


class BaselineTest(unittest.TestCase):
    def test_known_findings_stay_known_after_edits_above(self):
        with tempfile.TemporaryDirectory() as d:
            draft = os.path.join(d, "draft.txt")
            shutil.copy(os.path.join(ROOT, "samples/zh-lines.txt"), draft)
            base = os.path.join(d, "baseline.json")
            code, _, err = run("--write-baseline", base, draft)
            self.assertEqual(code, 0, err)
            with open(base) as f:
                recorded = json.load(f)
            self.assertEqual(sorted(x["rule"] for x in recorded["findings"]),
                             ["count.sum-mismatch", "date.invalid"])
            self.assertEqual(recorded["findings"][0]["path"], "draft.txt")
            # Lines added above move every finding down; the baseline still knows them.
            with open(draft, encoding="utf-8") as f:
                text = f.read()
            with open(draft, "w", encoding="utf-8") as f:
                f.write("新增的导语。\n\n另一段。\n" + text + "\n2024年13月1日召开会议。\n")
            code, out, _ = run("--baseline", base, draft)
            self.assertEqual(code, 1)
            self.assertIn("[date.invalid] 日期不存在：2024年13月1日", out)
            self.assertNotIn("2025年2月30日", out)
            self.assertIn("1 finding in 1 file, 2 known from the baseline", out)
            code, out, _ = run("--baseline", base, "--format", "json", draft)
            self.assertEqual(json.loads(out)["summary"]["baseline"], 2)
            # Run from another folder: paths are matched relative to the baseline.
            code, out, _ = run("--baseline", base, "draft.txt", cwd=d)
            self.assertIn("2 known from the baseline", out)

    def test_bad_baseline_is_a_usage_error(self):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "b.json")
            with open(p, "w") as f:
                f.write("{not json")
            code, _, err = run("--baseline", p, "samples/zh-lines.txt")
            self.assertEqual(code, 2)
            self.assertIn("b.json", err)


COMMA = "包头市检察院,昆都仑区检察院联合办案。\n"
# Copy otherwise set full-width, so that each ASCII comma is a slip of its own (one finding each).
FULL = "包头市检察院，昆都仑区检察院，东河区检察院，青山区检察院，九原区检察院联合办案。\n"


class Suppression(unittest.TestCase):
    def findings(self, path, *args):
        code, out, err = run("--format", "json", *args, path)
        self.assertIn(code, (0, 1), err)
        return [(f["rule"], f["span"]["start"]["line"])
                for f in json.loads(out)["files"][0]["findings"]]

    def test_markdown_comments(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "a.md")
            with open(path, "w", encoding="utf-8") as f:
                f.write("# 标题\n\n" + COMMA +                                   # 3: reported
                        "<!-- tally-disable-next-line punct.halfwidth-in-cjk -->\n" + COMMA +  # 5
                        "<!-- tally-disable punct.* -->\n" + COMMA +             # 7: off
                        COMMA + "他说：“好\n" +                                   # 8, 9: quote still on
                        "<!-- tally-enable punct.* -->\n" + COMMA +              # 11: on again
                        COMMA.rstrip("\n") + " <!-- tally-disable-line -->\n" +  # 12: all off here
                        "<!-- tally-disable-next-line count.enumeration -->\n" + COMMA +  # 14: other rule
                        FULL + FULL)  # 15, 16: the copy is set full-width, the commas are slips
            self.assertEqual(self.findings(path), [
                ("punct.halfwidth-in-cjk", 3), ("quote.unbalanced", 9),
                ("punct.halfwidth-in-cjk", 11), ("punct.halfwidth-in-cjk", 14)])

    def test_grouped_finding_leaves_suppressed_marks_alone(self):
        # Copy set with ASCII marks throughout: one finding, whose fix skips the lines where
        # the rule is off, and which moves to the first mark left when its own is off.
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "a.md")
            with open(path, "w", encoding="utf-8") as f:
                f.write("<!-- tally-disable-next-line punct.halfwidth-in-cjk -->\n" + COMMA +  # 2
                        COMMA + COMMA + COMMA.rstrip("\n") + " <!-- tally-disable-line -->\n")
            code, out, err = run("--format", "json", path)
            self.assertEqual(code, 1, err)
            (f,) = json.loads(out)["files"][0]["findings"]
            self.assertEqual((f["rule"], f["span"]["start"]["line"]), ("punct.halfwidth-in-cjk", 3))
            self.assertEqual([e["span"]["start"]["line"] for e in f["fix"]["edits"]], [3, 4])

    def test_comments_do_nothing_in_plain_text(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "a.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write("<!-- tally-disable -->\n" + COMMA)
            self.assertEqual(self.findings(path), [("punct.halfwidth-in-cjk", 2)])

    def test_config_ignores_rules_by_path(self):
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, "wires"))
            for name in ("wires/w.txt", "own.txt"):
                with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                    f.write(COMMA)
            with open(os.path.join(d, ".tally.yml"), "w") as f:
                f.write("ignore:\n  - path: 'wires/*.txt'\n    rules: [punct.*]\n")
            self.assertEqual(self.findings(os.path.join(d, "wires/w.txt")), [])
            self.assertEqual(self.findings(os.path.join(d, "own.txt")),
                             [("punct.halfwidth-in-cjk", 1)])
            with open(os.path.join(d, ".tally.yml"), "w") as f:
                f.write("ignore:\n  - path: 'wires/*.txt'\n    rulez: [x]\n")
            code, _, err = run(os.path.join(d, "own.txt"))
            self.assertEqual(code, 2)
            self.assertIn(".tally.yml:3:5: an ignore entry has 'path' and a list of 'rules', not 'rulez'", err)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
