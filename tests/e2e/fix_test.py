"""`tally check --fix`, `--diff` and `--fix-rule` (docs/fix.md), and the triage output (`--group`,
the counts at the end of the text output, JSON's summary): exact outputs on small drafts written
here, `--diff` applied with `patch -p0` against `--fix`, a second `--fix` that changes nothing
(samples/, and copies of ../shared/seeds when present), kept permissions, CRLF and BOM.
Usage: fix_test.py TALLY ROOT"""
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

TALLY = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
SEEDS = os.path.join(ROOT, "..", "shared", "seeds")


def tally(*args, cwd=None):
    p = subprocess.run([TALLY, *args], capture_output=True, timeout=120, cwd=cwd)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


# Two half-width commas in Chinese prose, one of them by a closing quote (“回头看”,确认).
SLIPS = "会议指出，要抓好落实,确保实效。\n\n大家对“回头看”,确认了整改成效。\n"
SLIPS_FIXED = "会议指出，要抓好落实，确保实效。\n\n大家对“回头看”，确认了整改成效。\n"


class Fix(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_fix_writes_and_reports(self):
        write(self.path("a.txt"), SLIPS)
        code, out, err = tally("check", "--fix", "a.txt", cwd=self.dir)
        self.assertEqual(read(self.path("a.txt")).decode(), SLIPS_FIXED)
        self.assertEqual(err, "tally: a.txt: 2 fixes written\ntally: 2 fixes written in 1 of 1 file\n")
        self.assertTrue(out.endswith("0 findings in 1 file\n"), out)
        self.assertEqual(code, 0)
        # Nothing left to fix: the second run changes nothing.
        code, out, err = tally("check", "--fix", "a.txt", cwd=self.dir)
        self.assertEqual(err, "tally: 0 fixes written in 0 of 1 file\n")
        self.assertEqual(read(self.path("a.txt")).decode(), SLIPS_FIXED)

    def test_known_findings_are_not_fixed(self):
        # The first slip is in the folder's .tally-ignore (let stand); the second is new.
        first = "会议指出，要抓好落实,确保实效。\n"
        write(self.path("a.txt"), first)
        code, out, err = tally("check", "--write-baseline", ".tally-ignore", "a.txt", cwd=self.dir)
        self.assertEqual((code, err), (0, "tally: wrote .tally-ignore\n"))
        write(self.path("a.txt"), SLIPS)
        kept_first = "会议指出，要抓好落实,确保实效。\n\n大家对“回头看”，确认了整改成效。\n"
        code, out, err = tally("check", "--diff", "a.txt", cwd=self.dir)
        self.assertEqual(out, "--- a.txt\n+++ a.txt\n@@ -1,3 +1,3 @@\n"
                              " 会议指出，要抓好落实,确保实效。\n \n"
                              "-大家对“回头看”,确认了整改成效。\n+大家对“回头看”，确认了整改成效。\n")
        self.assertEqual(err, "tally: 1 fix in 1 of 1 file (not written)\n")
        self.assertEqual(code, 1)
        code, out, err = tally("check", "--fix", "a.txt", cwd=self.dir)
        self.assertEqual(read(self.path("a.txt")).decode(), kept_first)
        self.assertEqual(err, "tally: a.txt: 1 fix written\ntally: 1 fix written in 1 of 1 file\n")
        self.assertTrue(out.endswith("\n0 findings in 1 file, 1 known from the baseline\n"), out)
        self.assertEqual(code, 0)
        # What is known stays as it is on every later run.
        code, out, err = tally("check", "--fix", "a.txt", cwd=self.dir)
        self.assertEqual(err, "tally: 0 fixes written in 0 of 1 file\n")
        self.assertEqual(read(self.path("a.txt")).decode(), kept_first)
        # --baseline FILE is the list instead; --no-tally-ignore fixes everything.
        os.rename(self.path(".tally-ignore"), self.path("known.json"))
        write(self.path("a.txt"), SLIPS)
        code, out, err = tally("check", "--fix", "--baseline", "known.json", "a.txt",
                               cwd=self.dir)
        self.assertEqual(read(self.path("a.txt")).decode(), kept_first)
        os.rename(self.path("known.json"), self.path(".tally-ignore"))
        write(self.path("a.txt"), SLIPS)
        code, out, err = tally("check", "--fix", "--no-tally-ignore", "a.txt", cwd=self.dir)
        self.assertEqual(read(self.path("a.txt")).decode(), SLIPS_FIXED)
        self.assertEqual(err, "tally: a.txt: 2 fixes written\ntally: 2 fixes written in 1 of 1 file\n")

    def test_known_finding_kept_when_its_line_changes(self):
        # Two identical slips on one line, the list knowing one of them (count 1): the other is
        # fixed, which changes the line; the known one is followed into the next pass, not fixed.
        line = "会议指出，要抓好落实,确保实效,不走过场。\n"
        write(self.path("a.txt"), line)
        code, out, err = tally("check", "--write-baseline", ".tally-ignore", "a.txt", cwd=self.dir)
        known = json.loads(read(self.path(".tally-ignore")))
        self.assertEqual([f["count"] for f in known["findings"]], [2])
        known["findings"][0]["count"] = 1
        write(self.path(".tally-ignore"), json.dumps(known))
        code, out, err = tally("check", "--fix", "a.txt", cwd=self.dir)
        self.assertEqual(read(self.path("a.txt")).decode(), "会议指出，要抓好落实,确保实效，不走过场。\n")
        self.assertEqual(err, "tally: a.txt: 1 fix written\ntally: 1 fix written in 1 of 1 file\n")

    def test_diff_exact_and_patch(self):
        write(self.path("a.txt"), SLIPS)
        code, out, err = tally("check", "--diff", "a.txt", cwd=self.dir)
        self.assertEqual(code, 1)
        self.assertEqual(out, "--- a.txt\n+++ a.txt\n@@ -1,3 +1,3 @@\n"
                              "-会议指出，要抓好落实,确保实效。\n+会议指出，要抓好落实，确保实效。\n"
                              " \n-大家对“回头看”,确认了整改成效。\n+大家对“回头看”，确认了整改成效。\n")
        self.assertEqual(err, "tally: 2 fixes in 1 of 1 file (not written)\n")
        self.assertEqual(read(self.path("a.txt")).decode(), SLIPS)  # a dry run writes nothing
        p = subprocess.run(["patch", "-p0", "-s"], input=out.encode(), cwd=self.dir,
                           capture_output=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(read(self.path("a.txt")).decode(), SLIPS_FIXED)
        code, out, err = tally("check", "--diff", "a.txt", cwd=self.dir)
        self.assertEqual((code, out), (0, ""))

    def test_no_newline_at_end(self):
        write(self.path("a.txt"), "要抓好落实,确保实效。")
        code, out, _ = tally("check", "--diff", "a.txt", cwd=self.dir)
        self.assertEqual(out, "--- a.txt\n+++ a.txt\n@@ -1 +1 @@\n-要抓好落实,确保实效。\n"
                              "\\ No newline at end of file\n+要抓好落实，确保实效。\n"
                              "\\ No newline at end of file\n")
        subprocess.run(["patch", "-p0", "-s"], input=out.encode(), cwd=self.dir, check=True)
        self.assertEqual(read(self.path("a.txt")).decode(), "要抓好落实，确保实效。")

    def test_permissions_crlf_bom_kept(self):
        data = ("\ufeff" + SLIPS.replace("\n", "\r\n")).encode()
        write(self.path("a.txt"), data)
        os.chmod(self.path("a.txt"), 0o640)
        code, _, err = tally("check", "--fix", "a.txt", cwd=self.dir)
        self.assertEqual(read(self.path("a.txt")),
                         ("\ufeff" + SLIPS_FIXED.replace("\n", "\r\n")).encode())
        self.assertEqual(stat.S_IMODE(os.stat(self.path("a.txt")).st_mode), 0o640)
        self.assertEqual(os.listdir(self.dir), ["a.txt"])  # no temporary file left

    def test_fix_rule(self):
        write(self.path("a.txt"), "要抓好落实,确保实效。。\n")
        code, out, err = tally("check", "--fix", "--fix-rule", "punct.halfwidth-in-cjk", "a.txt",
                               cwd=self.dir)
        self.assertEqual(read(self.path("a.txt")).decode(), "要抓好落实，确保实效。。\n")
        code, out, err = tally("check", "--diff", "--fix-rule", "punct.halfwdth-in-cjk", "a.txt",
                               cwd=self.dir)
        self.assertEqual(code, 2)
        self.assertIn("tally: --fix-rule: no rule 'punct.halfwdth-in-cjk'; did you mean "
                      "'punct.halfwidth-in-cjk'?", err)

    def test_usage_errors(self):
        write(self.path("a.txt"), SLIPS)
        for args, msg in [(["--fix", "--diff"], "give one of them"),
                          (["--fix-rule", "punct.*"], "--fix-rule chooses the fixes of --fix"),
                          (["--fix", "-"], "standard input has none")]:
            code, _, err = tally("check", *args, "a.txt", cwd=self.dir)
            self.assertEqual(code, 2, args)
            self.assertIn(msg, err)
        self.assertEqual(read(self.path("a.txt")).decode(), SLIPS)

    def test_overlapping_fixes_reported(self):
        rules = self.path("house")
        os.mkdir(rules)
        write(os.path.join(rules, "title.yaml"),
              "id: house.title\nkind: substitution\nseverity: warning\nscope: article\n"
              "swap:\n  公安局长: 公安局局长\nmessage: {zh: \"{match} 应为 {replacement}\", "
              "en: \"{replacement}\"}\n")
        write(os.path.join(rules, "lead.yaml"),
              "id: house.lead\nkind: substitution\nseverity: warning\nscope: article\n"
              "swap:\n  局长说: 局长表示\nmessage: {zh: \"{match} 应为 {replacement}\", "
              "en: \"{replacement}\"}\n")
        write(self.path("a.txt"), "市公安局长说，案件已经办结。\n")
        code, out, err = tally("check", "--rules", rules, "--diff", "a.txt", cwd=self.dir)
        self.assertIn("tally: a.txt:1:4: the fix of [house.lead] overlaps the fix of "
                      "[house.title] at 1:2, applied first; settled by the next pass\n", err)

    def test_doubled_bold_across_lines(self):
        # A bold run doubled by PDF extraction, wrapped over three lines of a column: one fix
        # that deletes the copies and keeps the line breaks.
        page = ("第一版\n\n标题\n\n"
                "司法鉴定更司法鉴定更有精度有精度，，\n组织修订组织修订章程章程，，严把\n"
                "审批关审批关。。\n")
        write(self.path("p.txt"), page)
        code, out, err = tally("check", "--input-format", "page", "--fix", "--fix-rule",
                               "artifact.doubled-text", "p.txt", cwd=self.dir)
        self.assertEqual(read(self.path("p.txt")).decode(),
                         "第一版\n\n标题\n\n司法鉴定更有精度，\n组织修订章程，严把\n审批关。\n")

    def test_samples_idempotent(self):
        for folder in [os.path.join(ROOT, "samples"), SEEDS]:
            if not os.path.isdir(folder):
                continue
            work = os.path.join(self.dir, os.path.basename(folder))
            shutil.copytree(folder, work)
            names = sorted(n for n in os.listdir(work) if n.endswith((".txt", ".md")))
            code, diff, _ = tally("check", "--diff", *names, cwd=work)
            patched = os.path.join(self.dir, "patched")
            shutil.copytree(work, patched)
            subprocess.run(["patch", "-p0", "-s"], input=diff.encode(), cwd=patched, check=True)
            tally("check", "--fix", *names, cwd=work)
            for n in names:
                self.assertEqual(read(os.path.join(work, n)), read(os.path.join(patched, n)), n)
            code, out, err = tally("check", "--fix", *names, cwd=work)
            self.assertTrue(err.startswith("tally: 0 fixes written"), err)
            code, out, _ = tally("check", "--format", "json", *names, cwd=work)
            left = [f for f in json.loads(out)["files"] for f in f["findings"] if f["fix"]]
            self.assertEqual(left, [], folder)
            shutil.rmtree(work)
            shutil.rmtree(patched)


class Triage(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        write(os.path.join(self.dir, "a.txt"),
              "要抓好落实,确保实效。\n\n一是加强领导，二是完善制度,三是强化考核，四是严格问责。\n\n"
              "2025年2月30日开会。\n")

    def tearDown(self):
        self.tmp.cleanup()

    def test_counts_at_end(self):
        # Both rules ship as hints (info; docs/accuracy.md "Which rules are on by default").
        code, out, _ = tally("check", "a.txt", cwd=self.dir)
        self.assertTrue(out.endswith("by rule:\n  2  punct.halfwidth-in-cjk\n  1  date.invalid\n"
                                     "by severity: 0 error, 0 warning, 3 info\n"
                                     "3 findings in 1 file\n"), out)

    def test_json_summary(self):
        write(os.path.join(self.dir, "bad.txt"), b"\xff")
        code, out, _ = tally("check", "--format", "json", "a.txt", "bad.txt", cwd=self.dir)
        doc = json.loads(out)
        self.assertEqual(doc["version"], 2)
        self.assertEqual(doc["summary"], {
            "files": 1, "findings": 3, "baseline": 0, "input_errors": 1, "rule_errors": 0,
            "notices": 1, "by_severity": {"error": 0, "warning": 0, "info": 3},
            "by_rule": {"date.invalid": 1, "punct.halfwidth-in-cjk": 2}})

    def test_group(self):
        code, out, _ = tally("check", "--group", "a.txt", cwd=self.dir)
        self.assertIn("= 2 findings of [punct.halfwidth-in-cjk] in article 1: 1:6, 3:14\n", out)
        self.assertEqual(out.count("[punct.halfwidth-in-cjk]"), 2, out)  # the entry and its fold


class Related(unittest.TestCase):
    """A finding carries the spans it was computed from: the part and whole of a rate."""
    SAMPLE = os.path.join(ROOT, "samples", "zh-page-wrapped.txt")

    def test_text_marks_each(self):
        code, out, _ = tally("check", self.SAMPLE)
        self.assertIn("[percent.recompute] 比率与数据不符：298÷899 = 33.1%，文中为 32%\n"
                      "   10 | 解和解案件298件，调解和解率达32%。\n"
                      "      |                              ^^^\n"
                      "      = 分子 10:6: 298件\n"
                      "   10 | 解和解案件298件，调解和解率达32%。\n"
                      "      |           -----\n"
                      "      = 分母 9:17: 899件\n"
                      "    9 | 复议案件 1293 件，办结案件899件，调\n"
                      "      |                           -----\n", out)

    def test_list_and_earlier_figure(self):
        with tempfile.TemporaryDirectory() as d:
            write(os.path.join(d, "f.txt"), "全年办结案件899件。据统计，全年办结案件989件。\n\n"
                  "包头市、呼和浩特市、鄂尔多斯市、乌海市三地检察机关签订协议。\n")
            _, out, _ = tally("check", "--format", "json", "f.txt", cwd=d)
        got = {f["rule"]: [(r["label"], r["span"]["start"]["line"], r["span"]["start"]["column"],
                            r["span"]["end"]["column"]) for r in f["related"]]
               for f in json.loads(out)["files"][0]["findings"]}
        self.assertEqual(got, {"entity.number-conflict": [("前文", 1, 7, 11)],
                               "count.enumeration": [("列举 4 项", 3, 1, 20)]})

    def test_json_and_sarif(self):
        _, out, _ = tally("check", "--format", "json", self.SAMPLE)
        f = [f for f in json.loads(out)["files"][0]["findings"] if f["rule"] == "percent.recompute"]
        self.assertEqual([(r["label"], r["span"]["start"]["offset"], r["span"]["end"]["offset"],
                           r["span"]["start"]["line"]) for r in f[0]["related"]],
                         [("分子", 276, 282, 10), ("分母", 248, 254, 9)])
        self.assertEqual(sorted(f["rule"] for f in json.loads(out)["files"][0]["findings"]
                                if "related" in f), ["count.enumeration", "percent.recompute"])
        _, out, _ = tally("check", "--format", "sarif", self.SAMPLE)
        res = [r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "percent.recompute"]
        self.assertEqual([(l["id"], l["message"]["text"], l["physicalLocation"]["region"])
                          for l in res[0]["relatedLocations"]],
                         [(1, "分子", {"byteOffset": 276, "byteLength": 6}),
                          (2, "分母", {"byteOffset": 248, "byteLength": 6})])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
