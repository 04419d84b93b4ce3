"""Hostile inputs, each with a clear error or findings, in bounded time (ctest's timeout) and
bounded memory (peak RSS measured by GNU time), never a crash: a 100 MB file, a single 10 MB
line, a 100 MB archive line, invalid UTF-8, a binary file, deeply nested Markdown, a YAML alias
bomb and a YAML file that used to hang yaml-cpp as rule files, and Lua rules that loop or
allocate forever. Usage: robustness_test.py TALLY ROOT"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

TALLY, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])


def run(*args, stdin=None):
    """Exit status, stdout, stderr and peak RSS in MB of one `tally` run."""
    p = subprocess.run(["/usr/bin/time", "-f", "%M", TALLY, *args], input=stdin,
                       capture_output=True, timeout=600)
    err = p.stderr.decode("utf-8", "replace").splitlines()
    rss = int(err[-1]) / 1024
    return p.returncode, p.stdout.decode("utf-8", "replace"), "\n".join(err[:-1]), rss


class Hostile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = cls.tmp.name
        with open(os.path.join(ROOT, "samples", "zh-lines.txt"), encoding="utf-8") as f:
            cls.sample = f.read()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_100_mb_file_is_refused_before_reading(self):
        with open(self.path("huge.txt"), "wb") as f:
            f.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
        code, out, err, rss = run("check", self.path("huge.txt"), self.path("../nonexistent"),
                                  os.path.join(ROOT, "samples", "zh-lines.txt"))
        self.assertEqual(code, 2)
        self.assertIn("huge.txt: error: larger than the 8 MiB limit for one document "
                      "(archives: tally check --jsonl)", err)
        self.assertIn("[date.invalid]", out)  # the other file is still checked
        self.assertLess(rss, 100)

    def test_single_10_mb_line(self):
        line = self.sample.replace("\n", "")
        with open(self.path("line.txt"), "w", encoding="utf-8") as f:
            f.write(line * (10 * 1024 * 1024 // len(line.encode()) + 1))
        code, _, err, rss = run("check", self.path("line.txt"))
        self.assertEqual(code, 2)
        self.assertIn("larger than the 8 MiB limit", err)
        self.assertLess(rss, 100)

    def test_long_single_line_under_the_limit_is_checked(self):
        line = self.sample.replace("\n", "")
        with open(self.path("line1.txt"), "w", encoding="utf-8") as f:
            f.write(line * (512 * 1024 // len(line.encode())))
        code, out, err, rss = run("check", self.path("line1.txt"))
        self.assertIn(code, (1, 2))  # findings; heavy rules may stop at their budget
        self.assertIn("[date.invalid]", out)
        self.assertLess(rss, 400, "peak RSS %.0f MB" % rss)
        # Each finding shows a window of the line, not the half-megabyte line itself.
        self.assertLess(max(len(l) for l in out.splitlines()), 1000)

    def test_archive_line_over_the_limit_is_skipped_in_bounded_memory(self):
        small = '{"id": "a", "text": "2025年2月30日开会。"}\n'
        big = '{"id": "big", "text": "' + "好" * (14 * 1024 * 1024) + '"}\n'  # 42 MB
        data = (small + big + small.replace('"a"', '"b"')).encode()
        # Relative to the same run without the big line: sanitizer builds start ~30 MB higher.
        _, _, _, base = run("check", "--jsonl", "-", stdin=small.encode())
        code, out, err, rss = run("check", "--jsonl", "-", stdin=data)
        self.assertEqual(code, 2)
        lines = out.splitlines()
        self.assertEqual(len(lines), 3)
        self.assertIn('"line longer than the 8 MiB limit for one article"', lines[1])
        self.assertIn("date.invalid", lines[2])
        # At most the 8 MiB that showed the line too long is held (ASan adds its quarantine),
        # never the 42 MB line.
        self.assertLess(rss - base, 40, "peak RSS %.0f MB over %.0f MB" % (rss, base))

    def test_invalid_utf8_and_binary(self):
        with open(self.path("bad.txt"), "wb") as f:
            f.write("正文".encode() + b"\xc3\x28 rest\n")
        with open(self.path("bin.md"), "wb") as f:
            f.write(b"\x7fELF\x02\x01\x01\x00" + os.urandom(4096))
        code, _, err, _ = run("check", self.path("bad.txt"), self.path("bin.md"))
        self.assertEqual(code, 2)
        self.assertIn("bad.txt: error: invalid UTF-8: byte 0xC3 at offset 6", err)
        self.assertIn("bin.md: error: binary file (NUL byte at offset 7)", err)

    def test_deeply_nested_markdown(self):
        depth = 50000
        cases = {
            "quotes.md": "> " * depth + "2025年2月30日开会。\n",
            "lists.md": "".join("  " * i + "- 项\n" for i in range(2000)) + "\n2025年2月30日开会。\n",
            "brackets.md": "[" * depth + "2025年2月30日开会。" + "]" * depth + "\n",
            "emphasis.md": "*" * depth + "2025年2月30日开会。" + "*" * depth + "\n",
        }
        for name, text in cases.items():
            with open(self.path(name), "w", encoding="utf-8") as f:
                f.write(text)
            code, out, err, rss = run("check", self.path(name))
            self.assertIn(code, (0, 1, 2), name)
            self.assertNotIn("Sanitizer", err, name)
            self.assertLess(rss, 400, "%s: %.0f MB" % (name, rss))
        code, out, _, _ = run("check", self.path("quotes.md"))
        self.assertIn("[date.invalid]", out)

    def rules_dir(self, files):
        d = tempfile.mkdtemp(dir=self.dir)
        for name, text in files.items():
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(text)
        return d

    def test_yaml_bomb_and_parser_hang_as_rule_files(self):
        bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for prev, c in zip("abcdefghi", "bcdefghij"):
            bomb += "%s: &%s [%s]\n" % (c, c, ", ".join(["*" + prev] * 10))
        d = self.rules_dir({"bomb.yaml": bomb, "hang.yaml": "!nu'exll?   a\n\n?  \n",
                            "comma.yaml": ",\n"})
        code, out, err, rss = run("check", "--rules", d, os.path.join(ROOT, "samples", "zh-lines.txt"))
        self.assertEqual(code, 2)
        self.assertIn("bomb.yaml:6:", err)
        self.assertIn("aliases expand to more than 200000 nodes", err)
        self.assertIn("hang.yaml:3:1: unexpected token at the top level of the document", err)
        self.assertIn("comma.yaml:1:1: ", err)
        self.assertIn("[date.invalid]", out)  # the shipped rules still ran
        self.assertLess(rss, 100)

    def test_deeply_nested_rule_file_is_refused_with_its_position(self):
        # 80,000 flow levels (320 KB): libyaml took 41 s to refuse it as a bad file (issue 22).
        d = self.rules_dir({"deep.yaml": "id: deep.rule\nwhen: " + "{a: " * 80000 + "1" +
                            "}" * 80000 + "\n"})
        code, out, err, rss = run("check", "--rules", d, os.path.join(ROOT, "samples", "zh-lines.txt"))
        self.assertEqual(code, 2)
        self.assertIn("deep.yaml:2:259: nesting deeper than 64 levels", err)
        self.assertIn("[date.invalid]", out)  # the shipped rules still ran
        self.assertLess(rss, 100)

    def test_unclosed_brackets_stop_at_the_finding_cap_with_a_notice(self):
        # 12,000 unclosed brackets: 10,000 findings and a notice naming the rule and the rest.
        with open(self.path("brackets.txt"), "w", encoding="utf-8") as f:
            f.write("（甲" * 12000 + "\n")
        code, out, err, rss = run("check", "--format", "json", self.path("brackets.txt"))
        self.assertEqual(code, 1)
        doc = json.loads(out)["files"][0]
        rules = [f["rule"] for f in doc["findings"]]
        self.assertEqual(rules.count("bracket.unbalanced"), 10000)
        capped = [n for n in doc["notices"] if n["id"] == "findings-capped"]
        self.assertEqual(capped, [{
            "id": "findings-capped", "requirement": "findings_per_rule",
            "message": "规则 bracket.unbalanced 在本文档中只报告前 10000 处，另有 2000 处未列出",
            "rules": ["bracket.unbalanced"]}])
        self.assertEqual(doc["rule_errors"], [])

    def test_page_of_figure_lines_keeps_every_rule_within_its_budget(self):
        # 256 KB of results lines, one a paragraph: on 70b28f3 and c8320eb percent.recompute
        # walked every quantity of the article for every rate and stopped on its instruction
        # budget (findings lost); each rate now looks at its own paragraph's figures.
        lines = []
        for i in range(4000):
            lines.append("第%d名 %d人，占%d.%d%%，比上年增长%d.%d%%，%d年%d月%d日。" % (
                i % 50 + 1, 100 + i * 7 % 9000, i % 90 + 1, i % 10, i % 30, i % 7,
                2000 + i % 25, i % 12 + 1, i % 28 + 1))
            lines.append("Team %d: %d votes, %d.%d per cent, up %d%% from %d in %d." % (
                i % 90, 1000 + i * 13 % 9000, i % 90 + 1, i % 10, i % 40, 100 + i % 900,
                1990 + i % 30))
        with open(self.path("figures.txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(lines) + "\n")
        code, out, err, rss = run("check", "--format", "json", self.path("figures.txt"))
        doc = json.loads(out)["files"][0]
        self.assertEqual(doc["rule_errors"], [])
        self.assertIn(code, (0, 1))

    def test_lua_rules_that_loop_or_allocate_forever(self):
        d = self.rules_dir({
            "loop.lua": "tally.rule{ id = 'house.loop', on_article = function(a, report)\n"
                        "  while true do end\nend }\n",
            "hog.lua": "tally.rule{ id = 'house.hog', on_article = function(a, report)\n"
                       "  local t = {}\n  local s = 'x'\n"
                       "  while true do s = s .. s; t[#t + 1] = s end\nend }\n",
        })
        code, out, err, rss = run("check", "--rules", d, os.path.join(ROOT, "samples", "zh-lines.txt"))
        self.assertEqual(code, 2)
        self.assertIn("loop.lua:2: rule house.loop: instruction budget exceeded", err)
        self.assertRegex(err, r"hog\.lua:4: rule house\.hog: .*memory")
        self.assertIn("[date.invalid]", out)
        self.assertLess(rss, 400)

    def test_lua_escapes_end_in_rule_errors_not_hangs(self):
        # Each of these hung tally check (main at 70b28f3), or flooded stderr: issue 22.
        body = {
            "gc": "setmetatable({}, {__gc = function() while true do end end}); collectgarbage()",
            "xpcall": "xpcall(function() while true do end end, function() while true do end end)",
            "pattern": "string.find(('a'):rep(40), ('a*'):rep(20) .. 'b')",
            "printer": "while true do print(('p'):rep(100)) end",
        }
        d = self.rules_dir({
            name + ".lua": "tally.rule{ id = 'house.%s', on_article = function(a, report)\n"
                           "  %s\nend }\n" % (name, code) for name, code in body.items()
        })
        code, out, err, rss = run("check", "--rules", d, os.path.join(ROOT, "samples", "zh-lines.txt"))
        self.assertEqual(code, 2)
        self.assertIn("gc.lua:2: rule house.gc: setmetatable: rules may not set __gc", err)
        self.assertIn("xpcall.lua:2: rule house.xpcall: instruction budget exceeded", err)
        self.assertIn("pattern.lua:2: rule house.pattern: instruction budget exceeded", err)
        # Printing is slow per instruction, so on a loaded machine the wall-clock limit may stop
        # the printer before its instruction budget does; either way it ends in a rule error.
        self.assertRegex(err, r"printer\.lua:2: rule house\.printer: (instruction budget|time limit) exceeded")
        # print: 64 KB per rule per document, then one line saying so.
        self.assertEqual(err.count("output truncated"), 1)
        self.assertLess(len(err), 80_000)
        self.assertIn("[date.invalid]", out)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
