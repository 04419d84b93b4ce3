"""No abort, no lost article (docs/robustness.md): a bad archive line, a number too large to
hold, a rule message or fix that is not UTF-8, a file name that is not UTF-8, a rule error with an
absurd line number, and a folder that cannot be read each become an error for that line, that
rule or that folder, with every other line's, rule's and file's findings kept; none of them ends
the run. Usage: no_abort_test.py TALLY ROOT"""
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.dom.minidom

TALLY, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
BAD_DATE = "2025年2月30日开会。"  # one date.invalid finding

RULE = """tally.rule{{
  id = "house.{name}",
  severity = "warning",
  description = {{ zh = "测试", en = "test" }},
  example = "x",
  on_article = function(article, report)
    {body}
  end,
}}
"""


def tally(*args, stdin=None, prefix=()):
    """Exit status, stdout and stderr (stdout as bytes: it must be UTF-8 whatever went in)."""
    p = subprocess.run([*prefix, TALLY, *args], input=stdin, capture_output=True, timeout=300)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def unprivileged():
    """A command prefix under which a folder's permissions hold (root reads anything), or None."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv"):
        return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]
    return None


class NoAbort(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        for root, dirs, _ in os.walk(self.dir):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
        self.tmp.cleanup()

    def write(self, rel, data):
        path = os.path.join(self.dir, rel) if isinstance(rel, str) else os.path.join(
            self.dir.encode(), rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return path

    def rule(self, folder, name, body):
        return self.write(os.path.join(folder, "house", name + ".lua"),
                          RULE.format(name=name, body=body))

    def locked(self, folder):
        """Makes `folder` unreadable; the prefix to run tally with, or skips the test."""
        prefix = unprivileged()
        if prefix is None:
            self.skipTest("running as root without setpriv: no folder is unreadable")
        os.chmod(folder, 0)
        if subprocess.run([*prefix, "ls", folder], capture_output=True).returncode == 0:
            self.skipTest("a folder with mode 000 stays readable here (capabilities)")
        return prefix

    def test_bad_archive_lines_are_errors_of_their_own_lines(self):
        lines = [
            json.dumps({"id": 1, "text": BAD_DATE}, ensure_ascii=False),
            '{"id": 1e400, "text": "x"}',  # a number no double holds: out_of_range, not parse_error
            '{"id": 3, "text": "x", "filename": 5}',
            '{"id": 4, "text": "x", "date": 20250101}',
            json.dumps({"id": 5, "text": BAD_DATE}, ensure_ascii=False),
            # Copying or printing a value recurses: an id a million levels deep would overflow
            # the stack, so text nested deeper than 128 levels is refused before it is parsed.
            '{"text": "x", "id": ' + "[" * 1000000 + "]" * 1000000 + "}",
            json.dumps({"id": 7, "text": BAD_DATE}, ensure_ascii=False),
        ]
        archive = self.write("a.jsonl", "\n".join(lines) + "\n")
        code, out, err = tally("check", "--jsonl", archive)
        self.assertEqual(code, 2, err)
        results = [json.loads(l) for l in out.decode().splitlines()]
        self.assertEqual([r["line"] for r in results], [1, 2, 3, 4, 5, 6, 7])
        self.assertEqual(results[0]["findings"][0]["rule"], "date.invalid")
        self.assertIn("number overflow parsing '1e400'", results[1]["error"]["message"])
        self.assertEqual(results[2]["error"]["message"], "'filename' must be a non-empty string")
        self.assertIn("'date' must be a date as YYYY-MM-DD", results[3]["error"]["message"])
        self.assertEqual(results[4]["findings"][0]["rule"], "date.invalid")
        self.assertEqual(results[5]["error"],
                         {"message": "JSON nested deeper than 128 levels at byte 147",
                          "offset": 147})
        self.assertEqual(results[6]["findings"][0]["rule"], "date.invalid")
        self.assertIn("a.jsonl:2: error: unreadable JSON: ", err)
        self.assertIn("3 findings in 3 articles, 4 bad lines", err)

    def test_an_archive_that_cannot_be_read(self):
        # libstdc++'s filebuf throws on a read error (here: a folder); it ended the run with an
        # abort. The lines read before it are kept; the run says why it stopped and exits 2.
        code, out, err = tally("check", "--jsonl", self.dir)
        self.assertEqual(code, 2, err)
        self.assertIn("tally: %s: cannot read past line 0: " % self.dir, err)
        self.assertIn("Is a directory", err)

    def test_a_folder_given_as_config_or_baseline(self):
        # Read through a filebuf, both threw std::ios_base::failure past every handler (abort).
        draft = self.write("d.txt", BAD_DATE + "\n")
        code, out, err = tally("check", "--baseline", self.dir, draft)
        self.assertEqual(code, 2, err)
        self.assertEqual(err, "tally: %s: cannot read baseline: is a folder\n" % self.dir)
        code, out, err = tally("check", "--config", self.dir, draft)
        self.assertEqual(code, 2, err)
        self.assertIn("%s: error: config: %s: cannot read: is a folder" % (draft, self.dir), err)

    def test_a_message_or_fix_that_is_not_utf8_is_its_rules_error(self):
        rules = os.path.join(self.dir, "rules")
        self.rule(rules, "badmsg",
                  'report{ at = { begin = 0, ["end"] = 1 }, message = "bad \\255\\254 bytes" }')
        self.rule(rules, "badfix",
                  'report{ at = { begin = 0, ["end"] = 1 }, message = "ok", fix = "\\255" }')
        self.rule(rules, "good", 'report{ at = { begin = 0, ["end"] = 1 }, message = "好的" }')
        draft = self.write("d.txt", BAD_DATE + "\n")
        for fmt in ("text", "json", "jsonl", "sarif", "junit", "checkstyle", "github"):
            with self.subTest(format=fmt):
                code, out, err = tally("check", "--rules", rules, "--format", fmt, draft)
                self.assertEqual(code, 2, err)
                text = out.decode("utf-8")  # strict: nothing invalid reaches the output
                if fmt in ("json", "sarif"):
                    json.loads(text)
                elif fmt == "jsonl":
                    for l in text.splitlines():
                        json.loads(l)
                elif fmt in ("junit", "checkstyle"):
                    xml.dom.minidom.parseString(out)
                    text = html.unescape(text)
                both = text + err
                self.assertIn("date.invalid", both)
                self.assertIn("house.good", both)
                self.assertIn("report: 'message' is not valid UTF-8 (byte 0xFF at offset 4)", both)
                self.assertIn("report: the fix's text is not valid UTF-8 (byte 0xFF at offset 0)",
                              both)
        archive = self.write("a.jsonl", json.dumps({"id": 1, "text": BAD_DATE}) + "\n")
        code, out, err = tally("check", "--rules", rules, "--jsonl", archive)
        self.assertEqual(code, 2, err)
        r = json.loads(out.decode("utf-8"))
        self.assertEqual(sorted(f["rule"] for f in r["findings"]), ["date.invalid", "house.good"])
        self.assertEqual(sorted(e["rule"] for e in r["rule_errors"]),
                         ["house.badfix", "house.badmsg"])

    def test_a_rule_description_that_is_not_utf8(self):
        rules = os.path.join(self.dir, "rules")
        self.write(os.path.join("rules", "house", "desc.lua"),
                   'tally.rule{ id = "house.desc", severity = "warning",\n'
                   '  description = { zh = "测试\\255", en = "test\\255" }, example = "x",\n'
                   '  on_article = function(article, report) end }\n')
        code, out, err = tally("rules", "--rules", rules, "--format", "json")
        self.assertEqual(code, 0, err)
        rule = next(r for r in json.loads(out.decode("utf-8"))["rules"] if r["id"] == "house.desc")
        self.assertEqual(rule["description"], {"zh": "测试\ufffd", "en": "test\ufffd"})

    def test_a_rule_error_with_an_absurd_line_number(self):
        rules = os.path.join(self.dir, "rules")
        path = os.path.join(rules, "house", "lineno.lua")
        self.rule(rules, "lineno", 'error("%s:99999999999999: boom", 0)' % path)
        code, out, err = tally("check", "--rules", rules, self.write("d.txt", BAD_DATE + "\n"))
        self.assertEqual(code, 2, err)
        self.assertIn("boom", out.decode() + err)
        self.assertIn("[date.invalid]", out.decode())

    def test_a_file_name_that_is_not_utf8(self):
        draft = self.write(b"bad\xff.txt", BAD_DATE + "\n")
        for fmt in ("json", "jsonl", "sarif", "junit", "checkstyle"):
            with self.subTest(format=fmt):
                code, out, err = tally("check", "--format", fmt, draft)
                self.assertEqual(code, 1, err)
                text = out.decode("utf-8")
                self.assertIn("date.invalid", text)
                if fmt in ("json", "sarif"):
                    json.loads(text)
                elif fmt in ("junit", "checkstyle"):
                    xml.dom.minidom.parseString(out)
        code, out, err = tally("check", "--format", "json", draft)
        self.assertTrue(json.loads(out)["files"][0]["path"].endswith("bad\ufffd.txt"))

    def test_an_unreadable_rule_folder_is_an_error_naming_it(self):
        rules = os.path.join(self.dir, "rules")
        for sub in ("a", "b", "c"):
            self.rule(os.path.join(rules, sub), "rule_" + sub,
                      'report{ at = { begin = 0, ["end"] = 1 }, message = "ran" }')
        secret = self.rule(os.path.join(rules, "d"), "rule_d",
                           'report{ at = { begin = 0, ["end"] = 1 }, message = "ran" }')
        prefix = self.locked(os.path.join(rules, "b"))
        os.chmod(secret, 0)
        code, out, err = tally("check", "--rules", rules, self.write("d.txt", BAD_DATE + "\n"),
                               prefix=prefix)
        self.assertEqual(code, 2, err)
        both = out.decode() + err
        self.assertIn(os.path.join(rules, "b") + ": cannot read the folder: Permission denied",
                      both)
        self.assertIn(secret + ": cannot read the file: Permission denied", both)
        # Every rule the walk could read still runs, before and after the folder in any order.
        self.assertIn("[house.rule_a]", both)
        self.assertIn("[house.rule_c]", both)
        self.assertIn("[date.invalid]", both)

    def test_an_unreadable_draft_folder_is_an_error_naming_it(self):
        drafts = os.path.join(self.dir, "drafts")
        for name in ("a.txt", "locked/b.txt", "z/c.txt"):
            self.write(os.path.join("drafts", name), BAD_DATE + "\n")
        prefix = self.locked(os.path.join(drafts, "locked"))
        code, out, err = tally("check", drafts, prefix=prefix)
        self.assertEqual(code, 2, err)
        self.assertIn(os.path.join(drafts, "locked") + ": error: cannot read directory: "
                      "Permission denied", err)
        self.assertIn(os.path.join(drafts, "a.txt") + ":1:1: info [date.invalid]", out.decode())
        self.assertIn(os.path.join(drafts, "z", "c.txt") + ":1:1: info [date.invalid]",
                      out.decode())


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
