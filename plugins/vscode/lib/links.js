// "Explanation" links. The server sends docs/rules.md#<anchor> resolved against a docs base
// (tally.docsBase, else the docs packaged with the extension, else the server's own choice).
// A web base keeps the anchor; a file:// link would open at line 1 in the editor, so its anchor
// becomes the line of the rule's own section (#L402), which VS Code opens at.
"use strict";
const fs = require("fs");
const { fileURLToPath, pathToFileURL } = require("url");

// GitHub's heading slug: lower case, punctuation dropped, spaces to hyphens.
function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

// The 1-based line of `anchor` in a Markdown text: an explicit <a id|name="…"> first, else a
// heading with that slug; 0 when absent.
function anchorLine(markdown, anchor) {
  const lines = markdown.split(/\r?\n/);
  const idRe = new RegExp(`<a\\s+(?:id|name)=["']${anchor.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']`);
  for (let i = 0; i < lines.length; i++) if (idRe.test(lines[i])) return i + 1;
  for (let i = 0; i < lines.length; i++) {
    const h = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (h && slug(h[1].replace(/`/g, "")) === anchor) return i + 1;
  }
  return 0;
}

// href with a file:// anchor turned into a line ("#L402"); any other href as it is.
// read(path) gives a file's text (cached by the caller); a missing file or anchor leaves it.
function localLink(href, read = (p) => fs.readFileSync(p, "utf8")) {
  const hash = href.indexOf("#");
  if (!href.startsWith("file://") || hash < 0) return href;
  const anchor = decodeURIComponent(href.slice(hash + 1));
  if (!anchor || /^L?\d+(,\d+)?$/.test(anchor)) return href;
  try {
    const line = anchorLine(read(fileURLToPath(href.slice(0, hash))), anchor);
    return line ? `${href.slice(0, hash)}#L${line}` : href;
  } catch {
    return href;
  }
}

// Every Markdown link target in `md` passed through localLink.
function localLinksIn(md, read) {
  return md.replace(/\]\((file:\/\/[^)\s]+)\)/g, (_, href) => `](${localLink(href, read)})`);
}

// The docsBase the server is started with, or undefined to leave it to the server:
// tally.docsBase (a URL, or a folder holding docs/rules.md), else the extension's own docs/.
function docsBaseOption(setting, extensionPath, exists = fs.existsSync) {
  const v = typeof setting === "string" ? setting.trim() : "";
  if (v) {
    if (v.includes("://")) return v.endsWith("/") ? v : v + "/";
    const url = pathToFileURL(v).href;
    return url.endsWith("/") ? url : url + "/";
  }
  if (extensionPath && exists(`${extensionPath}/docs/rules.md`)) {
    const url = pathToFileURL(extensionPath).href;
    return url.endsWith("/") ? url : url + "/";
  }
  return undefined;
}

// A reader that reads each file once per session.
function cachedReader(read = (p) => fs.readFileSync(p, "utf8")) {
  const cache = new Map();
  return (p) => {
    if (!cache.has(p)) cache.set(p, read(p));
    return cache.get(p);
  };
}

module.exports = { slug, anchorLine, localLink, localLinksIn, docsBaseOption, cachedReader };
