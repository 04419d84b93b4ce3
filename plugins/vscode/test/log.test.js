"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { relabel, sharedChannel } = require("../lib/log");

test("a normal exit is information, a failure stays an error", () => {
  assert.equal(relabel("[Error - 10:02:03] Server process exited with code 0."),
               "[Info  - 10:02:03] Server process exited normally (code 0).");
  assert.equal(relabel("[Error - 10:02:03] Server process exited with code 1."),
               "[Error - 10:02:03] Server process exited with code 1.");
});

test("clients share the channel and cannot dispose of it", () => {
  const got = [];
  let disposed = false;
  const real = { name: "Tally", appendLine: (s) => got.push(s), append: (s) => got.push(s), dispose: () => (disposed = true) };
  const a = sharedChannel(real);
  const b = sharedChannel(real);
  a.appendLine("[Error - 1:00:00] Server process exited with code 0.");
  a.dispose();
  b.appendLine("second");
  assert.equal(a.name, "Tally");
  assert.equal(disposed, false);
  assert.deepEqual(got, ["[Info  - 1:00:00] Server process exited normally (code 0).", "second"]);
});
