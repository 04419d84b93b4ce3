// Which tally executable to run, and why none can be: tally.path when the user set it (a path is
// taken only once it names an executable file, so that a half-typed path is never applied), else
// the binary a platform package carries, else `tally` on PATH.
"use strict";
const fs = require("fs");
const path = require("path");
const os = require("os");

function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// `name` looked up in the PATH's folders; null when absent.
function onPath(name, envPath, isExecutable = isExecutableFile) {
  for (const dir of (envPath || "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return null;
}

// setting: tally.path's value; explicit: whether the user set it (in any scope); bundled: the
// packaged binary or null; base: the folder a relative path is relative to (the workspace's).
// Returns {command} or {problem: {kind, message}}; kinds: "bad-path" (tally.path names no
// executable file), "not-on-path" (a bare name PATH does not have), "missing" (nothing set, no
// binary packaged, none on PATH).
function findTally({ setting, explicit, bundled, envPath, base, isExecutable = isExecutableFile, home = os.homedir() }) {
  const value = typeof setting === "string" ? setting.trim() : "";
  if (explicit && value) {
    if (value.includes("/") || value.includes(path.sep)) {
      let file = value.startsWith("~/") ? path.join(home, value.slice(2)) : value;
      if (!path.isAbsolute(file) && base) file = path.join(base, file);
      if (isExecutable(file)) return { command: file };
      return {
        problem: {
          kind: "bad-path",
          message: `tally.path "${value}" is not an executable file`,
        },
      };
    }
    const found = onPath(value, envPath, isExecutable);
    if (found) return { command: found };
    return {
      problem: { kind: "not-on-path", message: `tally.path "${value}" is not found on PATH` },
    };
  }
  if (bundled) return { command: bundled };
  const found = onPath("tally", envPath, isExecutable);
  if (found) return { command: found };
  return {
    problem: {
      kind: "missing",
      message: "No tally executable: this package carries none, tally.path is not set and `tally` is not on PATH",
    },
  };
}

// The notification a problem gets, with its buttons. One text per kind, so that the same cause
// is not announced twice.
const SET_PATH = "Set tally.path";
const INSTALL = "Install instructions";
function problemNotice(problem) {
  const advice =
    problem.kind === "missing"
      ? "Build or install Tally, then set tally.path to the tally executable (or put it on PATH)."
      : "Set tally.path to the tally executable.";
  return { text: `Tally cannot start: ${problem.message}. ${advice}`, buttons: [SET_PATH, INSTALL] };
}

module.exports = { findTally, onPath, isExecutableFile, problemNotice, SET_PATH, INSTALL };
