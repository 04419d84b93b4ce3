#!/usr/bin/env bash
# Builds the VS Code extension from a clean copy (npm ci from the lock file), loads it in Node
# with a stand-in `vscode` module to see it start `tally lsp`, and packages a .vsix with
# @vscode/vsce. Usage: vscode_package_test.sh ROOT
set -euo pipefail
root=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root"/plugins/vscode/{package.json,package-lock.json,extension.js,README.md,LICENSE,.vscodeignore} "$work/"
cd "$work"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node --check extension.js

# Activation with stand-ins for the editor API and the client: it must be set to run `tally lsp`.
cat > activate.test.js <<'JS'
const Module = require("module");
const calls = [];
const fakeVscode = {
  workspace: {
    getConfiguration: () => ({ get: (k, d) => (k === "date" ? "2025-08-01" : d) }),
    createFileSystemWatcher: (g) => ({ glob: g }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  commands: { registerCommand: () => ({ dispose() {} }), executeCommand: async () => {} },
};
// The real client needs the whole editor API; what matters here is how the extension calls it.
const fakeClient = {
  TransportKind: { stdio: 0 },
  LanguageClient: class {
    constructor(id, name, server, client) { calls.push({ id, server, client }); }
    async start() {}
    async stop() {}
  },
};
require.resolve("vscode-languageclient/node"); // installed by npm ci
const stubs = { vscode: fakeVscode, "vscode-languageclient/node": fakeClient };
const resolve = Module._resolveFilename;
Module._resolveFilename = function (req, ...rest) {
  return req in stubs ? req : resolve.call(this, req, ...rest);
};
for (const [k, v] of Object.entries(stubs))
  require.cache[k] = { id: k, filename: k, loaded: true, exports: v };
const ext = require("./extension.js");
ext.activate({ subscriptions: [] }).then(() => {
  const c = calls[0];
  const ok = c && c.id === "tally" && c.server.command === "tally" &&
    JSON.stringify(c.server.args) === '["lsp"]' &&
    c.client.initializationOptions.date === "2025-08-01" &&
    c.client.documentSelector.some((s) => s.language === "markdown");
  if (!ok) { console.error("unexpected client:", JSON.stringify(c)); process.exit(1); }
  console.log("activate: starts tally lsp");
});
JS
node activate.test.js

npx --no-install vsce package --out tally.vsix </dev/null >/dev/null
listing=$(unzip -l tally.vsix)
for f in extension/extension.js extension/package.json extension/LICENSE.txt \
         extension/node_modules/vscode-languageclient/package.json; do
  grep -q " $f\$" <<<"$listing" || { echo "missing from the .vsix: $f"; exit 1; }
done
if grep -q "activate.test.js" <<<"$listing"; then echo "test file packaged"; exit 1; fi
echo "vscode: tally.vsix packaged ($(stat -c %s tally.vsix) bytes)"
