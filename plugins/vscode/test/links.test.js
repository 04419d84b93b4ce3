"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");
const { slug, anchorLine, localLink, localLinksIn, docsBaseOption } = require("../lib/links");

const RULES = ["# Rules", "", "## `.tally.yml`", "", "### Ids, families and where a rule lives", "",
  "| id | what |", "| --- | --- |",
  '| <a id="dateinvalid"></a>`date.invalid` | A month out of range |',
  '| <a id="puncthalfwidth-in-cjk"></a>`punct.halfwidth-in-cjk` | ASCII marks |'].join("\n");
const read = (p) => {
  if (p !== "/opt/tally/docs/rules.md") throw new Error("ENOENT");
  return RULES;
};

test("an anchor is found by its <a id> or its heading's slug", () => {
  assert.equal(anchorLine(RULES, "dateinvalid"), 9);
  assert.equal(anchorLine(RULES, "puncthalfwidth-in-cjk"), 10);
  assert.equal(anchorLine(RULES, "ids-families-and-where-a-rule-lives"), 5);
  assert.equal(anchorLine(RULES, "tallyyml"), 3);
  assert.equal(anchorLine(RULES, "nowhere"), 0);
  assert.equal(slug("Lua rules"), "lua-rules");
});

test("a file:// explanation opens at the rule's own line; web links keep their anchor", () => {
  assert.equal(localLink("file:///opt/tally/docs/rules.md#dateinvalid", read), "file:///opt/tally/docs/rules.md#L9");
  assert.equal(localLink("https://example.org/tally/docs/rules.md#dateinvalid", read),
               "https://example.org/tally/docs/rules.md#dateinvalid");
  assert.equal(localLink("file:///opt/tally/docs/rules.md#L3", read), "file:///opt/tally/docs/rules.md#L3");
  assert.equal(localLink("file:///opt/tally/docs/rules.md#nowhere", read), "file:///opt/tally/docs/rules.md#nowhere");
  assert.equal(localLink("file:///elsewhere/rules.md#dateinvalid", read), "file:///elsewhere/rules.md#dateinvalid");
});

test("hover Markdown has its file links rewritten, the rest untouched", () => {
  const md = "**date.invalid** (error)\n\n日期不存在\n\n[Explanation](file:///opt/tally/docs/rules.md#dateinvalid)";
  assert.equal(localLinksIn(md, read),
               "**date.invalid** (error)\n\n日期不存在\n\n[Explanation](file:///opt/tally/docs/rules.md#L9)");
});

test("the shipped rules' links all resolve to a line of docs/rules.md", () => {
  const root = path.resolve(__dirname, "../../..");
  const docs = path.join(root, "docs", "rules.md");
  const links = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|lua)$/.test(e.name) && !e.name.endsWith(".test.yaml")) {
        // YAML `link: docs/rules.md#x`, Lua `link = "docs/rules.md#x"`
        const m = /^\s*link\s*[:=]\s*"?docs\/rules\.md#([^"\s]+)/m.exec(fs.readFileSync(p, "utf8"));
        if (m) links.push(m[1]);
      }
    }
  };
  walk(path.join(root, "rules"));
  assert.ok(links.length > 20, `${links.length} links`);
  const url = pathToFileURL(docs).href;
  for (const a of links) assert.match(localLink(`${url}#${a}`), /#L\d+$/, a);
});

test("docsBase: the setting (URL or folder), else the extension's own docs, else the server's", () => {
  assert.equal(docsBaseOption("https://example.org/tally", "/ext"), "https://example.org/tally/");
  assert.equal(docsBaseOption("/srv/tally", "/ext"), "file:///srv/tally/");
  assert.equal(docsBaseOption("", "/ext", (p) => p === "/ext/docs/rules.md"), "file:///ext/");
  assert.equal(docsBaseOption("", "/ext", () => false), undefined);
});
