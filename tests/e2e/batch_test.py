"""Batch checking: `tally check --jobs N` gives the same output in the same order whatever N,
and `tally check --jsonl` streams one result per article, in input order, with bad lines
reported by line number while the stream goes on, in memory that does not grow with the input.
Usage: batch_test.py TALLY ROOT"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

TALLY, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SAMPLES = sorted(f for f in os.listdir(os.path.join(ROOT, "samples")) if f.endswith((".txt", ".md")))


def sample(name):
    with open(os.path.join(ROOT, "samples", name), encoding="utf-8") as f:
        return f.read()


def run(*args, stdin=None, cwd=ROOT):
    p = subprocess.run([TALLY, "check", *args], cwd=cwd, input=stdin, capture_output=True,
                       text=True)
    return p.returncode, p.stdout, p.stderr


def jsonl(records):
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                   for r in records)


class Jobs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # 60 files: the samples over and over, and one that cannot be read, in the middle.
        cls.dir = tempfile.mkdtemp()
        for i in range(60):
            name = SAMPLES[i % len(SAMPLES)]
            ext = os.path.splitext(name)[1]
            with open(os.path.join(cls.dir, "d%02d%s" % (i, ext)), "w", encoding="utf-8") as f:
                f.write(sample(name))
        with open(os.path.join(cls.dir, "d30.txt"), "wb") as f:
            f.write(b"bad \xff byte\n")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def test_same_output_in_the_same_order_whatever_the_thread_count(self):
        for fmt in ["text", "json", "sarif"]:
            outs = [run("--format", fmt, "--jobs", str(j), self.dir) for j in (1, 2, 8)]
            self.assertEqual(outs[0][0], 2)
            for code, out, err in outs[1:]:
                self.assertEqual((code, out, err), outs[0], fmt)
        code, out, err = outs[0][0], *run("--format", "json", "-j", "4", self.dir)[1:]
        paths = [f["path"] for f in json.loads(out)["files"]]
        self.assertEqual(paths, sorted(paths))
        self.assertEqual(len(paths), 60)
        bad = next(f for f in json.loads(out)["files"] if f["path"].endswith("d30.txt"))
        self.assertEqual(bad["error"], {"message": "invalid UTF-8: byte 0xFF at offset 4", "offset": 4})

    def test_default_is_one_thread_per_core_with_equal_results(self):
        self.assertEqual(run(self.dir)[1], run("-j", "1", self.dir)[1])


class JsonLines(unittest.TestCase):
    def test_one_result_per_article_in_input_order(self):
        records = [{"id": "a%d" % i, "text": sample(SAMPLES[i % len(SAMPLES)])} for i in range(40)]
        code, out, err = run("--jsonl", "-", "-j", "4", stdin=jsonl(records))
        self.assertEqual(code, 1, err)
        lines = [json.loads(l) for l in out.splitlines()]
        self.assertEqual([l["id"] for l in lines], [r["id"] for r in records])
        self.assertEqual([l["line"] for l in lines], list(range(1, 41)))
        total = sum(len(l["findings"]) for l in lines)
        # Every sample but the page with a dated header lacks a publication date: date.future
        # did not run on it, and each of those lines says so.
        undated = [l for l, r in zip(lines, records) if r["text"] != sample("zh-page-wrapped.txt")]
        self.assertEqual(len(undated), 34)
        for l in lines:
            self.assertEqual([n["rules"] for n in l["notices"]], [["date.future"]] if l in undated else [])
        self.assertEqual(SAMPLES[:2], ["clean-zh.txt", "en-draft.md"])
        self.assertEqual(lines[0]["notices"][0]["message"],
                         "没有出版日期，以下规则未运行：date.future（用 --date 或 .tally.yml 的 date: "
                         "指定出版日期）")
        self.assertEqual(lines[1]["notices"][0]["message"],
                         "No publication date, so these rules did not run: date.future "
                         "(give one with --date or date: in .tally.yml)")
        self.assertEqual(err, "tally: %d findings in 40 articles, 34 notices\n" % total)
        # Each line's findings are what checking that text as a file gives.
        with tempfile.TemporaryDirectory() as d:
            for name in SAMPLES:
                if not name.endswith(".txt"):
                    continue
                path = os.path.join(d, name)
                shutil.copy(os.path.join(ROOT, "samples", name), path)
                want = json.loads(run("--format", "json", path)[1])["files"][0]
                got = next(l for l, r in zip(lines, records) if r["text"] == sample(name))
                self.assertEqual(got["findings"], want["findings"], name)
                self.assertEqual(got["notices"], want["notices"], name)

    def test_bad_lines_are_reported_and_the_stream_goes_on(self):
        text = "2025年2月30日，该院召开专题会议。"
        records = [
            {"id": 1, "text": text},
            "{not json",
            {"id": 2, "txt": text},
            "",
            {"id": 3, "text": text, "date": "2025-13-01"},
            {"id": 4, "text": text, "language": "fr"},
            ["a list"],
            {"id": 5, "text": "abc\u0000def"},
            {"id": 6, "text": "The forum was held on 3 May 2026.", "date": "2026-04-01", "language": "en"},
            {"id": 7, "text": text, "disable": ["date.invalid"]},
            {"id": 8, "text": text, "rules": ["date.inavlid"]},
            {"id": 9, "text": text, "filename": 3},
        ]
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "archive.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write(jsonl(records))
            code, out, err = run("--jsonl", path, "-j", "2")
        self.assertEqual(code, 2)
        lines = [json.loads(l) for l in out.splitlines()]
        self.assertEqual([(l["line"], l["id"]) for l in lines],
                         [(1, 1), (2, None), (3, 2), (5, 3), (6, 4), (7, None), (8, 5), (9, 6),
                          (10, 7), (11, 8), (12, 9)])
        errors = {l["line"]: l["error"]["message"] for l in lines if l["error"]}
        self.assertTrue(errors[2].startswith("not JSON: "), errors[2])
        self.assertIn("line 1, column 3", errors[2])
        # An unknown field is an error, as POST /v1/check makes it (one reader for both).
        self.assertEqual(errors[3], "unknown field 'txt'; did you mean 'text'? (a request has "
                                    "id, text, filename, language, date, input_format, rules, disable, enable)")
        self.assertEqual(errors[5], "'date' must be a date as YYYY-MM-DD, got \"2025-13-01\"")
        self.assertEqual(errors[6], "'language' must be \"zh\", \"en\" or \"auto\"")
        self.assertEqual(errors[7], "a check request must be a JSON object {\"text\": …}")
        self.assertEqual(errors[8], "text: binary file (NUL byte at offset 3)")
        self.assertEqual(errors[11], "'rules': no rule 'date.inavlid'; did you mean 'date.invalid'? "
                                     "(`tally rules` and GET /v1/rules list them)")
        self.assertEqual(errors[12], "'filename' must be a non-empty string")
        self.assertEqual(lines[0]["findings"][0]["message"], "日期不存在：2025年2月30日")
        self.assertEqual(lines[7]["error"], None)
        self.assertEqual([f["rule"] for f in lines[7]["findings"]], ["date.future"])
        self.assertEqual(lines[7]["publication_date"], "2026-04-01")
        self.assertEqual(lines[7]["notices"], [])
        self.assertEqual((lines[8]["error"], lines[8]["findings"]), (None, []))  # disabled
        self.assertIn("archive.jsonl:2: error: not JSON: ", err)
        self.assertIn("archive.jsonl:3: error: unknown field 'txt'; did you mean 'text'?", err)
        self.assertIn("archive.jsonl:8: error: text: binary file (NUL byte at offset 3)\n", err)
        self.assertTrue(err.endswith("tally: 2 findings in 3 articles, 8 bad lines, 2 notices\n"),
                        err)

    def test_fail_on_and_clean_input(self):
        records = [{"id": "c", "text": sample("clean-zh.txt")}]
        self.assertEqual(run("--jsonl", "-", stdin=jsonl(records))[0], 0)
        records = [{"id": "q", "text": "他说：“我们会来。\n"}]  # one warning
        self.assertEqual(run("--jsonl", "-", stdin=jsonl(records))[0], 1)
        self.assertEqual(run("--jsonl", "-", "--fail-on", "error", stdin=jsonl(records))[0], 0)

    def test_usage_errors(self):
        code, _, err = run("--jsonl", "-", "samples")
        self.assertEqual(code, 2)
        self.assertIn("--jsonl reads its own input", err)
        code, _, err = run("--jsonl", "/nonexistent/a.jsonl")
        self.assertEqual((code, err), (2, "tally: /nonexistent/a.jsonl: cannot open\n"))
        code, _, err = run()
        self.assertEqual(code, 2)
        self.assertIn("give files or folders", err)

    def test_memory_does_not_grow_with_the_archive(self):
        record = jsonl([{"id": "x", "text": sample("zh-page-wrapped.txt")}])

        def peak_rss_mb(mb):
            with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
                f.write(record * (mb * 1024 * 1024 // len(record.encode())))
            try:
                # GNU time: a small parent, so the figure is tally's own peak.
                p = subprocess.run(["/usr/bin/time", "-f", "%M", TALLY, "check", "--jsonl", f.name,
                                    "-j", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   text=True)
                self.assertEqual(p.returncode, 1)
                return int(p.stderr.strip().splitlines()[-1]) / 1024
            finally:
                os.unlink(f.name)

        small, large = peak_rss_mb(1), peak_rss_mb(6)
        self.assertLess(large, small + 16, "peak RSS %.1f MB for 1 MB, %.1f MB for 6 MB" % (small, large))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
