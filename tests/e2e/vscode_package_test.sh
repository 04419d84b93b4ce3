#!/usr/bin/env bash
# Builds the VS Code extension from a clean copy (npm ci from the lock file), bundles it with
# esbuild and packages it with @vscode/vsce twice: a universal .vsix and a linux-x64 platform
# .vsix carrying the tally binary. Checks what each carries (the bundle, no node_modules, the
# binary only in the platform package, executable), then loads the bundled extension from the
# unpacked platform package, far from any node_modules, with a stand-in `vscode` module and a
# stand-in client, to see it start the packaged `tally lsp` (or tally.path when that is set),
# and runs the packaged binary. Usage: vscode_package_test.sh ROOT TALLY
set -euo pipefail
root=$(realpath "$1")
tally=$(realpath "$2")
work=$(mktemp -d)
unpacked=$(mktemp -d)
trap 'rm -rf "$work" "$unpacked"' EXIT
cp -r "$root"/plugins/vscode/{package.json,package-lock.json,extension.js,README.md,.vscodeignore,scripts,lib,test} "$work/"
cd "$work"
npm ci --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null  # the cache first: no revalidation round trips
node --check extension.js
export DOCS="$root/docs/rules.md"  # package.sh's default is ../../docs, not there in this copy

OUT=tally.vsix sh scripts/package.sh >/dev/null
TALLY="$tally" OUT=tally-linux-x64.vsix sh scripts/package.sh linux-x64 >/dev/null

# Listings are read whole first: `unzip | grep -q` would fail under pipefail when grep stops early.
# Case-insensitive: vsce 2 keeps README.md, vsce 3 writes readme.md.
has() {  # vsix, path
  grep -qi " $2\$" <<<"$(unzip -l "$1")"
}
for vsix in tally.vsix tally-linux-x64.vsix; do
  for f in extension/dist/extension.js extension/package.json extension/readme.md; do
    has "$vsix" "$f" || { echo "missing from $vsix: $f"; exit 1; }
  done
  listing=$(unzip -l "$vsix")
  if grep -qE " extension/(node_modules/|extension\.js$|scripts/|lib/|test/|\.gitignore)|\.test\.js" <<<"$listing"; then
    echo "$vsix carries what the bundle replaces:"; unzip -l "$vsix"; exit 1
  fi
done
has tally-linux-x64.vsix extension/bin/linux-x64/tally || { echo "no binary in the platform package"; exit 1; }
if grep -q " extension/bin/" <<<"$(unzip -l tally.vsix)"; then echo "binary in the universal package"; exit 1; fi
grep -q '^-rwxr-xr-x' <<<"$(unzip -Z tally-linux-x64.vsix extension/bin/linux-x64/tally)" ||
  { echo "the packaged binary is not executable"; exit 1; }
grep -q 'TargetPlatform="linux-x64"' <<<"$(unzip -p tally-linux-x64.vsix extension.vsixmanifest)" ||
  { echo "the platform package does not name its target"; exit 1; }

# The packaged binary runs: the sample's two findings (exit 1).
(cd "$unpacked" && unzip -q "$work/tally-linux-x64.vsix" && mkdir universal &&
  cd universal && unzip -q "$work/tally.vsix")
set +e
"$unpacked/extension/bin/linux-x64/tally" check "$root/samples/zh-lines.txt" >"$work/check.out"
status=$?
set -e
[ "$status" = 1 ] && grep -q "\[date.invalid\] 日期不存在：2025年2月30日" "$work/check.out" ||
  { echo "the packaged tally did not check the sample (exit $status)"; cat "$work/check.out"; exit 1; }

# Activation of the bundle, loaded from the unpacked package: any module other than Node's own
# and `vscode` would have to come from node_modules, and there are none; asking for one fails.
cat > "$work/activate.test.js" <<'JS'
const Module = require("module");
const path = require("path");
const [unpacked, tally] = process.argv.slice(2);
function load(dir, settings) {
  const calls = [];
  const notices = [];
  // What the extension calls, and for the rest (classes the bundled client extends as it
  // loads: CompletionItem, CodeLens, …) an empty class each.
  const known = {
    workspace: {
      getConfiguration: () => ({
        get: (k, d) => (k in settings ? settings[k] : d),
        inspect: (k) => ({ key: "tally." + k, defaultValue: k === "path" ? "tally" : undefined,
                           globalValue: settings[k] }),
      }),
      createFileSystemWatcher: (g) => ({ glob: g }),
      onDidChangeConfiguration: () => ({ dispose() {} }),
      workspaceFolders: undefined,
    },
    window: {
      createOutputChannel: (name) => ({ name, append() {}, appendLine() {}, dispose() {} }),
      showWarningMessage: async (text, ...buttons) => { notices.push({ text, buttons }); },
    },
    commands: { registerCommand: () => ({ dispose() {} }), executeCommand: async () => {} },
  };
  const fakeVscode = new Proxy(known, {
    get: (t, k) => (k in t ? t[k] : typeof k === "string" ? (t[k] = class {}) : undefined),
  });
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (req, ...rest) {
    if (req === "vscode") return req;
    if (Module.isBuiltin(req) || req.startsWith("/") || req.startsWith(".")) return resolve.call(this, req, ...rest);
    throw new Error("the bundle requires a module from node_modules: " + req);
  };
  require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: fakeVscode };
  const file = path.join(dir, "extension", "dist", "extension.js");
  delete require.cache[file];
  const ext = require(file);
  Module._resolveFilename = resolve;
  // The real client needs the whole editor API; what matters is how the extension calls it.
  ext.deps.LanguageClient = class {
    constructor(id, name, server, client) { calls.push({ id, server, client }); }
    async start() {}
    async stop() {}
  };
  return ext.activate({ subscriptions: [], extensionPath: path.join(dir, "extension") })
    .then(() => Object.assign(calls[0] || {}, { notices }));
}
function expect(c, command, what) {
  const ok = c && c.id === "tally" && c.server.command === command &&
    JSON.stringify(c.server.args) === '["lsp"]' &&
    c.client.initializationOptions.date === "2025-08-01" &&
    c.client.synchronize.fileEvents.glob === "**/{.tally.yml,*.yaml,*.yml,*.lua}" &&
    c.client.documentSelector.some((s) => s.language === "markdown");
  if (!ok) { console.error(what + ": unexpected client:", JSON.stringify(c)); process.exit(1); }
}
(async () => {
  const packaged = path.join(unpacked, "extension", "bin", "linux-x64", "tally");
  const platform = await load(unpacked, { date: "2025-08-01" });
  expect(platform, packaged, "platform package, tally.path unset");
  // The docs it carries are what explanation links open.
  if (platform.client.initializationOptions.docsBase !== "file://" + path.join(unpacked, "extension") + "/") {
    console.error("docsBase is not the package's own docs:", platform.client.initializationOptions); process.exit(1);
  }
  expect(await load(unpacked, { date: "2025-08-01", path: tally }), tally, "tally.path set");
  // A tally.path that names no executable file is never started.
  const bad = await load(unpacked, { date: "2025-08-01", path: "/opt/tally/bin/tal" });
  if (bad.server || bad.notices.length !== 1) { console.error("bad tally.path:", JSON.stringify(bad)); process.exit(1); }
  process.env.PATH = path.dirname(tally) + ":" + process.env.PATH;
  expect(await load(path.join(unpacked, "universal"), { date: "2025-08-01" }), tally,
         "universal package, tally on PATH");
  // First run of the universal package with no tally anywhere: no client, one notice, two ways out.
  process.env.PATH = "/nonexistent";
  const none = await load(path.join(unpacked, "universal"), { date: "2025-08-01" });
  if (none.server || none.notices.length !== 1 ||
      JSON.stringify(none.notices[0].buttons) !== '["Set tally.path","Install instructions"]' ||
      !none.notices[0].text.startsWith("Tally cannot start: No tally executable")) {
    console.error("first run without tally:", JSON.stringify(none)); process.exit(1);
  }
  console.log("activate: the bundle starts the packaged tally lsp, tally.path when it is an " +
              "executable, else PATH's; without any, one notice with two buttons");
})();
JS
node "$work/activate.test.js" "$unpacked" "$tally"
echo "vscode: tally.vsix ($(stat -c %s tally.vsix) bytes), tally-linux-x64.vsix ($(stat -c %s tally-linux-x64.vsix) bytes)"
