"""`tally check --edition` (docs/edition.md): the edition rules' findings name both places, in
the text, JSON and SARIF output; exact spans and messages on small editions written here, in
Chinese and English; the five seed pages plus tests/e2e/edition-review.txt (when ../shared/seeds
is present) give the one cross-page finding and nothing else of the edition rules.
Usage: edition_test.py TALLY ROOT"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

TALLY = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
SEEDS = os.path.join(ROOT, "..", "shared", "seeds")


def tally(*args, cwd=None):
    p = subprocess.run([TALLY, *args], capture_output=True, timeout=300, cwd=cwd)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


PAGE1 = "城市书房\n\n包头市今年新建城市书房120个，覆盖全部旗县区。\n"
PAGE2 = "书房建设\n\n包头市今年新建城市书房210个，覆盖全部旗县区。\n"
EN1 = "The third Grassland Culture Festival opened in Baotou on July 18 with a parade.\n"
EN2 = "Festival news\n\nThe third Grassland Culture Festival opened in Baotou on July 19 with a parade.\n"


class Edition(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="tally-edition-")
        self.addCleanup(shutil.rmtree, self.dir)

    def edition(self, *pages):
        for i, text in enumerate(pages):
            write(os.path.join(self.dir, "p%d.txt" % (i + 1)), text)
        return self.dir

    def edition_findings(self, out):
        return [f for file in json.loads(out)["files"] for f in file["findings"]
                if f["rule"].startswith("edition.")]

    def test_text_names_both_places(self):
        d = self.edition(PAGE1, PAGE2)
        code, out, err = tally("check", "--edition", "--color", "never", "p1.txt", "p2.txt", cwd=d)
        self.assertEqual(code, 1, err)
        self.assertIn(
            "p2.txt:3:12: warning [edition.figure-conflict] 各版数据不一：“包头市今年新建城市书房”"
            "此处为 210个，第1版（p1.txt）为 120个\n", out)
        self.assertIn("      = 第1版 p1.txt:3:12: 120个\n"
                      "    3 | 包头市今年新建城市书房120个，覆盖全部旗县区。\n"
                      "      |                       -----\n", out)
        self.assertIn("1 finding in 2 files", out)

    def test_json_related_file(self):
        d = self.edition(PAGE1, PAGE2)
        code, out, err = tally("check", "--edition", "--format", "json", "p1.txt", "p2.txt", cwd=d)
        found = self.edition_findings(out)
        self.assertEqual(len(found), 1, out)
        f = found[0]
        self.assertEqual(f["span"]["start"], {"offset": 47, "line": 3, "column": 12, "utf16": 11})
        self.assertEqual(f["related"], [{
            "file": "p1.txt", "label": "第1版",
            "span": {"start": {"offset": 47, "line": 3, "column": 12, "utf16": 11},
                     "end": {"offset": 53, "line": 3, "column": 16, "utf16": 15}}}])

    def test_sarif_related_location_in_the_other_file(self):
        d = self.edition(PAGE1, PAGE2)
        code, out, err = tally("check", "--edition", "--format", "sarif", "p1.txt", "p2.txt", cwd=d)
        results = [r for r in json.loads(out)["runs"][0]["results"]
                   if r["ruleId"] == "edition.figure-conflict"]
        self.assertEqual(len(results), 1, out)
        loc = results[0]["locations"][0]["physicalLocation"]
        self.assertEqual(loc["artifactLocation"]["uri"], "p2.txt")
        rel = results[0]["relatedLocations"][0]["physicalLocation"]
        self.assertEqual(rel["artifactLocation"]["uri"], "p1.txt")
        self.assertEqual(rel["region"], {"byteOffset": 47, "byteLength": 6})
        self.assertEqual(results[0]["relatedLocations"][0]["message"]["text"], "第1版")

    def test_english_dates(self):
        d = self.edition(EN1, EN2)
        code, out, err = tally("check", "--edition", "--color", "never", "p1.txt", "p2.txt", cwd=d)
        self.assertIn(
            "p2.txt:3:58: warning [edition.date-conflict] Dates differ across the edition: the same "
            "event is dated July 19 here, July 18 on page 1 (p1.txt)\n", out)
        self.assertIn("= page 1 p1.txt:1:58: July 18\n", out)

    def test_only_with_edition(self):
        d = self.edition(PAGE1, PAGE2)
        code, out, err = tally("check", "--format", "json", "p1.txt", "p2.txt", cwd=d)
        self.assertEqual(self.edition_findings(out), [])

    def test_not_with_fix(self):
        d = self.edition(PAGE1, PAGE2)
        code, out, err = tally("check", "--edition", "--fix", "p1.txt", "p2.txt", cwd=d)
        self.assertEqual(code, 2)
        self.assertIn("--edition reports across files; it does not go with --fix or --diff", err)

    def house(self, body):
        rules = os.path.join(self.dir, "rules", "house")
        os.makedirs(rules)
        write(os.path.join(rules, "pages.lua"),
              'tally.rule{ id = "house.pages", message = "m", on_edition = function(edition, report)\n'
              + body + '\nend }\n')
        return os.path.join(self.dir, "rules")

    def test_house_rule_sees_every_article_with_its_page(self):
        rules = self.house(
            "local a, b = edition.articles[1], edition.articles[#edition.articles]\n"
            "report{ page = b.page, article = b.index, at = b.blocks[1],\n"
            "  message = string.format('%d pages, %d articles, %s', edition.pages,\n"
            "    #edition.articles, edition.files[b.page]),\n"
            "  related = { { page = a.page, at = a.blocks[1], label = 'first' } } }")
        d = self.edition(PAGE1, PAGE2)
        code, out, err = tally("check", "--edition", "--rules", rules, "--format", "json",
                               "p1.txt", "p2.txt", cwd=d)
        found = [(x["path"], f) for x in json.loads(out)["files"] for f in x["findings"]
                 if f["rule"] == "house.pages"]
        self.assertEqual(len(found), 1, out + err)
        path, f = found[0]
        self.assertEqual(path, "p2.txt")
        self.assertEqual(f["message"], "2 pages, 2 articles, p2.txt")
        self.assertEqual((f["span"]["start"]["line"], f["span"]["start"]["column"]), (1, 1))
        self.assertEqual(f["related"][0]["file"], "p1.txt")
        self.assertEqual(f["related"][0]["label"], "first")

    def test_house_rule_naming_no_page_is_a_rule_error(self):
        rules = self.house("report{ page = 9, at = edition.articles[1].blocks[1] }")
        d = self.edition(PAGE1, PAGE2)
        code, out, err = tally("check", "--edition", "--rules", rules, "p1.txt", "p2.txt", cwd=d)
        self.assertEqual(code, 2, out + err)
        self.assertIn("rule house.pages: report: in on_edition, 'page' (or at.page) must be a "
                      "page of the edition", out + err)

    def test_seed_pages_and_a_contradicting_page(self):
        seeds = sorted(glob.glob(os.path.join(SEEDS, "*.txt")))
        if len(seeds) < 5:
            self.skipTest("needs ../shared/seeds")
        for s in seeds:
            shutil.copy(s, self.dir)
        shutil.copy(os.path.join(ROOT, "tests", "e2e", "edition-review.txt"),
                    os.path.join(self.dir, "005_review.txt"))
        code, out, err = tally("check", "--edition", "--format", "json", ".", cwd=self.dir)
        found = [(file["path"], f) for file in json.loads(out)["files"]
                 for f in file["findings"] if f["rule"].startswith("edition.")]
        self.assertEqual(len(found), 1, found)
        path, f = found[0]
        self.assertEqual(path, "./005_review.txt")
        self.assertEqual(f["rule"], "edition.figure-conflict")
        self.assertEqual(f["message"], EXPECTED_SEED_MESSAGE)
        self.assertEqual(f["related"][0]["file"], "./000_7687abc50c4ea6bf.txt")
        self.assertEqual((f["related"][0]["span"]["start"]["line"],
                          f["related"][0]["span"]["start"]["column"]), (8, 1))


EXPECTED_SEED_MESSAGE = ("各版数据不一：“2024 年，全市行政机关败诉率为”此处为 16.36%，"
                         "第1版（000_7687abc50c4ea6bf.txt）为 13.66%")

if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
