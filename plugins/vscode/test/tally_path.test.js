"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { findTally, problemNotice, SET_PATH, INSTALL } = require("../lib/tally_path");

// A real folder: an executable tally, a file without the x bit, a folder.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tally-path-"));
const exe = path.join(dir, "tally");
fs.writeFileSync(exe, "#!/bin/sh\n");
fs.chmodSync(exe, 0o755);
const plain = path.join(dir, "notes.txt");
fs.writeFileSync(plain, "");
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a path is taken only once it names an executable file", () => {
  assert.deepEqual(findTally({ setting: exe, explicit: true }), { command: exe });
  for (const half of [exe.slice(0, -2), dir, plain, dir + "/"]) {
    const r = findTally({ setting: half, explicit: true, bundled: "/ext/bin/tally" });
    assert.equal(r.problem.kind, "bad-path", half);
    assert.equal(r.problem.message, `tally.path "${half}" is not an executable file`);
  }
});

test("a relative path is the workspace's, ~/ the home folder's", () => {
  assert.deepEqual(findTally({ setting: "./tally", explicit: true, base: dir }), { command: exe });
  assert.deepEqual(findTally({ setting: "~/tally", explicit: true, home: dir }), { command: exe });
});

test("a bare name is looked up on PATH", () => {
  assert.deepEqual(findTally({ setting: "tally", explicit: true, envPath: `/nonexistent:${dir}` }), { command: exe });
  assert.equal(findTally({ setting: "tally", explicit: true, envPath: "/nonexistent" }).problem.kind, "not-on-path");
});

test("unset: the packaged binary, else PATH's, else the missing-binary problem", () => {
  assert.deepEqual(findTally({ setting: "tally", explicit: false, bundled: "/ext/bin/tally", envPath: dir }),
                   { command: "/ext/bin/tally" });
  assert.deepEqual(findTally({ setting: "tally", explicit: false, bundled: null, envPath: dir }), { command: exe });
  const r = findTally({ setting: "tally", explicit: false, bundled: null, envPath: "/nonexistent" });
  assert.equal(r.problem.kind, "missing");
});

test("the first-run notice names the cause and offers both ways out", () => {
  const n = problemNotice(findTally({ setting: "tally", explicit: false, envPath: "" }).problem);
  assert.equal(n.text, "Tally cannot start: No tally executable: this package carries none, tally.path is not set " +
    "and `tally` is not on PATH. Build or install Tally, then set tally.path to the tally executable (or put it on PATH).");
  assert.deepEqual(n.buttons, [SET_PATH, INSTALL]);
  assert.deepEqual(n.buttons, ["Set tally.path", "Install instructions"]);
});
