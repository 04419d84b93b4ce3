"""Nothing written half (docs/robustness.md, "Writing files"): `--write-baseline` replaces the
file whole or leaves the old one untouched, says "wrote" only after success and exits 2 with the
cause otherwise: on a full filesystem (a 64 KiB tmpfs, mounted in a private mount namespace when
the test runs as root with unshare; skipped otherwise), on /dev/full, in a folder it may not write.
Usage: atomic_write_test.py TALLY"""
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

TALLY = os.path.abspath(sys.argv[1])
BAD_DATE = "2025年2月30日开会。"


def tally(*args, prefix=(), cwd=None):
    p = subprocess.run([*prefix, TALLY, *args], capture_output=True, text=True, timeout=300,
                       cwd=cwd)
    return p.returncode, p.stdout, p.stderr


def read(path):
    with open(path, "rb") as f:
        return f.read()


class WriteBaseline(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = cls.tmp.name
        cls.few = os.path.join(cls.dir, "few.txt")
        with open(cls.few, "w", encoding="utf-8") as f:
            f.write(BAD_DATE + "\n")
        # 3,000 findings on distinct lines: a baseline of about 600 KB, past the tmpfs below.
        cls.two = os.path.join(cls.dir, "two.txt")  # a small baseline, other than few's
        with open(cls.two, "w", encoding="utf-8") as f:
            f.write("一、" + BAD_DATE + "\n二、" + BAD_DATE + "\n")
        cls.many = os.path.join(cls.dir, "many.txt")
        with open(cls.many, "w", encoding="utf-8") as f:
            for i in range(3000):
                f.write("第%d条：%s\n" % (i, BAD_DATE))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def folder(self):
        d = tempfile.mkdtemp(dir=self.dir)
        self.addCleanup(lambda: (os.chmod(d, 0o755), shutil.rmtree(d)))
        return d

    def assert_failed_with(self, code, err, cause):
        self.assertEqual(code, 2, err)
        self.assertIn("tally: cannot write the baseline: ", err)
        self.assertIn(cause, err)
        self.assertNotIn("wrote", err)

    def test_success_keeps_permissions_and_links_and_leaves_no_temporary_file(self):
        d = self.folder()
        base = os.path.join(d, "base.json")
        code, _, err = tally("check", "--write-baseline", base, self.few)
        self.assertEqual(code, 0, err)
        self.assertEqual(err, "tally: wrote %s\n" % base)
        os.chmod(base, 0o640)
        os.symlink("base.json", os.path.join(d, "link.json"))
        code, _, err = tally("check", "--write-baseline", os.path.join(d, "link.json"), self.many)
        self.assertEqual(code, 0, err)
        self.assertTrue(os.path.islink(os.path.join(d, "link.json")))
        self.assertEqual(stat.S_IMODE(os.stat(base).st_mode), 0o640)
        self.assertEqual(len(json.loads(read(base))["findings"]), 3000)
        self.assertEqual(sorted(os.listdir(d)), ["base.json", "link.json"])

    def test_dev_full(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full here")
        code, _, err = tally("check", "--write-baseline", "/dev/full", self.few)
        self.assert_failed_with(code, err, "/dev/full: No space left on device")

    def test_a_folder_as_target(self):
        d = self.folder()
        code, _, err = tally("check", "--write-baseline", d, self.few)
        self.assert_failed_with(code, err, d + ": is a folder")

    def test_a_read_only_file(self):
        d = self.folder()
        base = os.path.join(d, "base.json")
        tally("check", "--write-baseline", base, self.few)
        old = read(base)
        os.chmod(base, 0o444)
        prefix = self.unprivileged()
        code, _, err = tally("check", "--write-baseline", base, self.many, prefix=prefix)
        self.assert_failed_with(code, err, base + ": Permission denied")
        self.assertEqual(read(base), old)
        self.assertEqual(os.listdir(d), ["base.json"])

    def unprivileged(self):
        """A prefix under which permissions hold (root ignores them), or skips the test."""
        if os.geteuid() != 0:
            return []
        if not shutil.which("setpriv"):
            self.skipTest("running as root without setpriv: permissions do not hold")
        return ["setpriv", "--bounding-set=-dac_override", "--"]

    def test_a_folder_it_may_not_write(self):
        d = self.folder()
        base = os.path.join(d, "base.json")
        tally("check", "--write-baseline", base, self.few)
        old = read(base)
        os.chmod(d, 0o555)
        prefix = self.unprivileged()
        if subprocess.run([*prefix, "touch", os.path.join(d, "x")],
                          capture_output=True).returncode == 0:
            self.skipTest("a folder with mode 0555 stays writable here (capabilities)")
        code, _, err = tally("check", "--write-baseline", base, self.many, prefix=prefix)
        self.assert_failed_with(code, err, "Permission denied")
        self.assertEqual(read(base), old)
        self.assertEqual(os.listdir(d), ["base.json"])

    def test_full_filesystem(self):
        if os.geteuid() != 0 or not shutil.which("unshare"):
            self.skipTest("a full filesystem needs root and unshare to mount a small tmpfs")
        mnt, out = self.folder(), self.folder()
        # In a private mount namespace, so that nothing stays mounted whatever happens. First a
        # valid baseline; then (1) the disk already full, (2) room for part of the new file only.
        script = r"""
            mount -t tmpfs -o size=64k tmpfs "$MNT" || exit 77
            cd "$MNT"
            "$TALLY" check --write-baseline base.json "$FEW" 2>"$OUT/setup.err" || exit 3
            cp base.json "$OUT/old.json"
            dd if=/dev/zero of=fill bs=4096 2>/dev/null
            "$TALLY" check --write-baseline base.json "$TWO" 2>"$OUT/full.err"
            echo $? >"$OUT/full.rc"
            cp base.json "$OUT/full.json"
            rm fill
            "$TALLY" check --write-baseline base.json "$MANY" 2>"$OUT/part.err"
            echo $? >"$OUT/part.rc"
            cp base.json "$OUT/part.json"
            ls -A >"$OUT/ls"
        """
        env = dict(os.environ, MNT=mnt, OUT=out, TALLY=TALLY, FEW=self.few, TWO=self.two,
                   MANY=self.many)
        p = subprocess.run(["unshare", "-m", "sh", "-c", script], env=env, capture_output=True,
                           text=True, timeout=300)
        if p.returncode == 77 or (p.returncode != 0 and "unshare" in p.stderr):
            self.skipTest("cannot mount a tmpfs here: " + p.stderr.strip())
        self.assertEqual(p.returncode, 0, p.stderr)
        old = read(os.path.join(out, "old.json"))
        json.loads(old)
        for case in ("full", "part"):
            with self.subTest(case=case):
                with open(os.path.join(out, case + ".err"), encoding="utf-8") as f:
                    err = f.read()
                with open(os.path.join(out, case + ".rc")) as f:
                    code = int(f.read())
                self.assertEqual(read(os.path.join(out, case + ".json")), old)
                self.assert_failed_with(code, err, "base.json: No space left on device")
        with open(os.path.join(out, "ls")) as f:
            self.assertEqual(f.read().split(), ["base.json"])  # no temporary file left


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
