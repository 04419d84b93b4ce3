"""tally.dask on a real Dask LocalCluster (worker processes on this machine): an archive split
into several partitions gives the same results, in the same order, as one `tally check --jsonl`
process on the same input. Usage: test_dask.py TALLY"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
import warnings

# Debian's tornado and distributed disagree about event loops; the warning says nothing here.
warnings.filterwarnings("ignore", category=DeprecationWarning, module="tornado")

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from tally.dask import check_archive, check_records  # noqa: E402

TALLY = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def archive_lines():
    samples = sorted(n for n in os.listdir(os.path.join(ROOT, "samples")) if n.endswith(".txt"))
    lines = []
    for i in range(240):
        name = samples[i % len(samples)]
        with open(os.path.join(ROOT, "samples", name), encoding="utf-8") as f:
            record = {"id": "%s#%d" % (name, i), "text": f.read()}
        if i % 50 == 7:
            record["date"] = "2025-01-01"
        lines.append(json.dumps(record, ensure_ascii=False))
        if i == 100:
            lines.append("{broken")
        if i == 150:
            lines.append(json.dumps({"id": "typo", "txt": "x"}))
            lines.append(json.dumps({"id": "bad-date", "text": "x", "date": "2025-02-30"}))
            lines.append("   ")
            lines.append(json.dumps(["a list"]))
        if i == 200:
            lines.append(json.dumps({"id": "no-text"}))
            lines.append(json.dumps({"id": "binary", "text": "a\u0000b"}))
    return lines


BAD = 6  # the bad lines archive_lines() adds (and one blank line, skipped)


class DaskTest(unittest.TestCase):
    def test_local_cluster_equals_single_process(self):
        from dask.distributed import Client, LocalCluster

        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "archive.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(archive_lines()) + "\n")
            cli = subprocess.run([TALLY, "check", "--jsonl", path, "--jobs", "1"],
                                 capture_output=True, text=True)
            self.assertEqual(cli.returncode, 2, cli.stderr)  # findings and bad lines
            want = [json.loads(l) for l in cli.stdout.splitlines()]
            for w in want:
                w.pop("line")

            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                bag = check_archive(path, blocksize="16KiB")
                self.assertGreaterEqual(bag.npartitions, 4)
                got = bag.compute()
                workers = client.run(lambda: os.getpid())
            self.assertEqual(len(workers), 2)

        self.assertEqual(len(got), 240 + BAD)
        self.assertEqual([g["id"] for g in got], [w["id"] for w in want])
        # Equal, bad lines included: the same message and offset for each.
        for g, w in zip(got, want):
            self.assertEqual(g, w, w["id"])
        self.assertGreater(sum(len(g["findings"]) for g in got), 200)
        self.assertEqual(sum(1 for g in got if g["error"]), BAD)

    def test_single_process_helper(self):
        lines = archive_lines()[:5] + ["", "   "]
        results = check_records(lines)
        self.assertEqual(len(results), 5)
        self.assertEqual([r["error"] for r in results], [None] * 5)

    def test_bad_lines_equal_the_cli_without_a_cluster(self):
        lines = ["{broken", json.dumps({"id": 1, "txt": "x"}), "[1]", "",
                 json.dumps({"id": 2, "text": "x", "language": "fr"}),
                 json.dumps({"id": 3, "text": "2099年8月3日，该院召开了推进会。"}) + "\r",
                 json.dumps({"id": 4, "text": "2099年8月3日，该院召开了推进会。",
                             "date": "2025-07-22"})]
        cli = subprocess.run([TALLY, "check", "--jsonl", "-"], input="\n".join(lines) + "\n",
                             capture_output=True, text=True)
        want = [json.loads(l) for l in cli.stdout.splitlines()]
        for w in want:
            w.pop("line")
        got = check_records(lines)
        self.assertEqual(got, want)
        self.assertEqual(got[0]["error"]["offset"], 1)
        self.assertEqual(got[1]["error"]["message"],
                         "unknown field 'txt'; did you mean 'text'? (a request has id, text, "
                         "filename, language, date, input_format, rules, disable, enable)")
        self.assertEqual(got[4]["notices"][0]["rules"], ["date.future"])
        self.assertEqual([f["rule"] for f in got[5]["findings"]], ["date.future"])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
