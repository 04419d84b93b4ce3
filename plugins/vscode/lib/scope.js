// Which documents the extension hands to the server: tally.enable (per workspace, folder or
// language: "[markdown]": {"tally.enable": false}), then tally.include / tally.exclude globs on
// the path relative to the workspace folder. Files a .tally.yml `ignore:` names are left out by
// the server itself, so both apply.
"use strict";

// A glob as a RegExp over "/"-separated paths: `**` any folders, `*` and `?` within one name,
// `{a,b}` alternatives, `[...]` a class. A glob without "/" names a file in any folder.
function globToRegExp(glob) {
  let g = glob.replace(/\\/g, "/");
  if (g.startsWith("./")) g = g.slice(2);
  if (!g.includes("/")) g = "**/" + g;
  let re = "";
  let depth = 0; // inside {…}
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === "*") {
      if (g[i + 1] === "*") {
        // "**/" any folders (none included), a trailing "**" anything
        if (g[i + 2] === "/") {
          re += "(?:[^/]*/)*";
          i += 2;
        } else {
          re += ".*";
          i += 1;
        }
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "{") {
      depth++;
      re += "(?:";
    } else if (c === "}" && depth > 0) {
      depth--;
      re += ")";
    } else if (c === "," && depth > 0) re += "|";
    else if (c === "[") {
      const close = g.indexOf("]", i + 1);
      if (close < 0) re += "\\[";
      else {
        re += "[" + g.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\") + "]";
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\]/g, "\\$&");
  }
  return new RegExp("^" + re + "(?:/.*)?$"); // a folder's glob covers what is inside it
}

function matchesAny(globs, rel) {
  return (globs || []).some((g) => typeof g === "string" && g && globToRegExp(g).test(rel));
}

// doc: {scheme, fsPath, folder (the workspace folder's path, or "")}; settings: {enable,
// include, exclude} as read for that document. Untitled drafts follow tally.enable only.
function inScope(doc, settings) {
  if (settings.enable === false) return false;
  if (doc.scheme !== "file") return true;
  const p = doc.fsPath.replace(/\\/g, "/");
  const folder = (doc.folder || "").replace(/\\/g, "/").replace(/\/$/, "");
  const rel = folder && p.startsWith(folder + "/") ? p.slice(folder.length + 1) : p.replace(/^\//, "");
  const include = (settings.include || []).filter((g) => typeof g === "string" && g);
  if (include.length && !matchesAny(include, rel)) return false;
  return !matchesAny(settings.exclude, rel);
}

// Rule and config files whose change makes the server reload: the server's own watcher globs
// (plugins/lsp/server.cpp register_watchers), .yml included.
const WATCH_GLOB = "**/{.tally.yml,*.yaml,*.yml,*.lua}";

module.exports = { globToRegExp, inScope, WATCH_GLOB };
