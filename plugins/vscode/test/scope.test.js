"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { globToRegExp, inScope, WATCH_GLOB } = require("../lib/scope");

const doc = (rel) => ({ scheme: "file", fsPath: "/ws/" + rel, folder: "/ws" });

test("globs: ** across folders, * within a name, {a,b}, a bare name anywhere, a folder's contents", () => {
  const m = (g, p) => globToRegExp(g).test(p);
  assert.ok(m("drafts/**", "drafts/a/b.md"));
  assert.ok(m("**/*.md", "a.md") && m("**/*.md", "x/y/a.md"));
  assert.ok(!m("*.txt", "a.md"));
  assert.ok(m("README.md", "docs/README.md"));
  assert.ok(m("docs", "docs/rules.md"));
  assert.ok(m("copy/*.{txt,md}", "copy/a.md") && !m("copy/*.{txt,md}", "copy/x/a.md"));
  assert.ok(m("draft-?.txt", "draft-1.txt") && !m("draft-?.txt", "draft-12.txt"));
  assert.ok(m("[ab].txt", "b.txt") && !m("[!ab].txt", "b.txt"));
  assert.ok(!m("a.md", "a-md") && !m("a+b.md", "aab.md"));
});

test("enable false (for the workspace or the language) leaves every document out", () => {
  assert.equal(inScope(doc("a.md"), { enable: false }), false);
  assert.equal(inScope({ scheme: "untitled", fsPath: "Untitled-1" }, { enable: false }), false);
  assert.equal(inScope({ scheme: "untitled", fsPath: "Untitled-1" }, { enable: true, include: ["drafts/**"] }), true);
});

test("include names what is checked, exclude wins over it", () => {
  const s = { enable: true, include: ["drafts/**"], exclude: ["**/*.notes.md"] };
  assert.equal(inScope(doc("drafts/today.md"), s), true);
  assert.equal(inScope(doc("README.md"), s), false);
  assert.equal(inScope(doc("drafts/today.notes.md"), s), false);
  assert.equal(inScope(doc("docs/rules.md"), { enable: true, exclude: ["docs/**", "README.md"] }), false);
  assert.equal(inScope(doc("sub/README.md"), { enable: true, exclude: ["README.md"] }), false);
  assert.equal(inScope(doc("copy.txt"), { enable: true, include: [], exclude: [] }), true);
});

test("outside any workspace folder the globs see the absolute path", () => {
  const s = { enable: true, exclude: ["tmp/**"] };
  assert.equal(inScope({ scheme: "file", fsPath: "/tmp/x.txt", folder: "" }, s), false);
  assert.equal(inScope({ scheme: "file", fsPath: "/home/x.txt", folder: "" }, s), true);
});

test("the rule-file watcher sees what the server watches, .yml included", () => {
  const m = (p) => globToRegExp(WATCH_GLOB).test(p);
  for (const p of [".tally.yml", "sub/.tally.yml", "rules/a.yaml", "rules/house/b.yml", "rules/c.lua"]) assert.ok(m(p), p);
  for (const p of ["a.md", "a.txt", "a.yml.bak"]) assert.ok(!m(p), p);
});
