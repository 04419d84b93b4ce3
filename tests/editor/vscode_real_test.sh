#!/usr/bin/env bash
# The VS Code extension in a real VS Code: code-server (VS Code 1.100.3 served to a browser) from
# npm, Debian's chromium driven by puppeteer-core. Installs the universal tally.vsix built from
# this checkout, opens drafts in a workspace and checks, with screenshots:
#   1. a first run without any tally: one notification naming the cause, two buttons;
#   2. a bad tally.path (no server, no crash), then a good one: diagnostics without a reload;
#   3. the diagnostics of a draft (as many as `tally check` finds), a quick fix from Ctrl+.
#      ("Apply all" in the same menu) applied and saved: the file on disk changed;
#   4. scope: tally.exclude, "[markdown]": {"tally.enable": false} and .tally.yml's ignore:.
# Too slow for .ci/run (installs ~400 MB the first time, a few minutes); results in
# docs/editors.md.
#
# Usage: tests/editor/vscode_real_test.sh [ROOT] [TALLY] [OUT]
#   ROOT the checkout (default: this one), TALLY the binary (default ROOT/build/tally), OUT the
#   folder for screenshots and logs (default ROOT/build/vscode-real).
#   TOOLS: where code-server, node 20 and puppeteer-core are installed (default
#   ~/.cache/tally-vscode-real; kept between runs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(realpath "${1:-$here/../..}")
tally=$(realpath "${2:-$root/build/tally}")
out=$(realpath -m "${3:-$root/build/vscode-real}")
tools=${TOOLS:-$HOME/.cache/tally-vscode-real}
cs_version=4.100.3
mkdir -p "$out" "$tools"
rm -f "$out"/*.png
log() { echo "vscode-real: $*"; }

# --- tools -----------------------------------------------------------------------------------
need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null || need_apt+=(g++ make)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  apt-get install -y "${need_apt[@]}" >"$out/apt.log" 2>&1
fi

# code-server 4.100.3 runs on Node 20 only: the system's if it is 20, else node@20 from npm
# (a registry package carrying the binary).
node20=$(command -v node)
if [ "$("$node20" -p 'process.versions.node.split(".")[0]')" != 20 ]; then
  if [ ! -x "$tools/node20/node_modules/node/bin/node" ]; then
    log "npm install node@20"
    (mkdir -p "$tools/node20" && cd "$tools/node20" && npm install --no-audit --no-fund node@20 >"$out/node20.log" 2>&1)
  fi
  node20=$tools/node20/node_modules/node/bin/node
fi
export PATH="$(dirname "$node20"):$PATH"
nodedir=$(dirname "$(dirname "$(realpath "$node20")")")  # headers for node-gyp, never downloaded
[ -f "$nodedir/include/node/node_version.h" ] || nodedir=/usr

cs=$tools/cs/node_modules/code-server
if [ ! -f "$tools/cs/.installed-$cs_version" ]; then
  log "installing code-server $cs_version and puppeteer-core (once)"
  mkdir -p "$tools/cs"
  cd "$tools/cs"
  # --ignore-scripts: its postinstall would fetch ripgrep from outside the registries; the same
  # steps are done here with Debian's ripgrep instead.
  npm install --no-audit --no-fund --ignore-scripts "code-server@$cs_version" puppeteer-core@24 >"$out/npm.log" 2>&1
  # code-server's own native module, built here rather than fetched.
  (cd node_modules/argon2 && npm_config_nodedir=$nodedir ../.bin/node-pre-gyp rebuild --build-from-source >>"$out/npm.log" 2>&1)
  cd "$cs/lib/vscode"
  npm install --no-audit --no-fund --omit=dev --ignore-scripts >>"$out/npm.log" 2>&1
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  npm_config_nodedir=$nodedir npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog \
    node-pty @vscode/deviceid >>"$out/npm.log" 2>&1
  # What code-server's postinstall.sh does after its npm install.
  rm -rf node_modules.asar && ln -s node_modules node_modules.asar
  (cd bin/remote-cli && ln -sf code-linux.sh code-server)
  (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
  (cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts >>"$out/npm.log" 2>&1)
  touch "$tools/cs/.installed-$cs_version"
fi

# --- the extension ---------------------------------------------------------------------------
pkg=$(mktemp -d)
state=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "vscode-real: state kept in $state"
cs_pid=
trap '[ -n "$cs_pid" ] && kill $cs_pid 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$pkg" "$state"; true' EXIT
cp -r "$root"/plugins/vscode/{package.json,package-lock.json,extension.js,README.md,.vscodeignore,scripts} "$pkg/"
[ ! -d "$root/plugins/vscode/lib" ] || cp -r "$root/plugins/vscode/lib" "$pkg/"  # (older checkouts: none)
(cd "$pkg" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null &&
  DOCS="$root/docs/rules.md" OUT=tally.vsix sh scripts/package.sh >"$out/package.log" 2>&1)
code_server=("$node20" "$cs/out/node/entry.js")
"${code_server[@]}" --extensions-dir "$state/ext" --user-data-dir "$state/data" \
  --install-extension "$pkg/tally.vsix" >"$out/install-extension.log" 2>&1
log "installed $(ls "$state/ext" | grep tally)"

# --- the workspace -----------------------------------------------------------------------------
ws=$state/ws
mkdir -p "$ws/archive" "$ws/.vscode" "$state/data/User"
cp "$here/drafts/"* "$ws/"
cp "$ws/draft.txt" "$ws/archive/old.txt"
cp "$ws/draft.txt" "$ws/README.md"
cp "$ws/draft.txt" "$ws/notes.md"
printf 'date: 2025-08-01\nignore: ["archive/*"]\n' >"$ws/.tally.yml"
# What `tally check` finds in the draft: the editor must show the same number.
set +e
"$tally" check --format json "$ws/draft.txt" >"$out/draft.check.json"
set -e
want=$("$node20" -e 'console.log(require(process.argv[1]).files[0].findings.length)' "$out/draft.check.json")
cat >"$state/data/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off", "workbench.tips.enabled": false,
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false,
  "update.mode": "none", "window.commandCenter": false, "workbench.enableExperiments": false,
  "editor.autoClosingBrackets": "never", "editor.autoClosingQuotes": "never",
  "editor.autoIndent": "none", "editor.formatOnType": false, "editor.quickSuggestions":
  {"other": "off", "comments": "off", "strings": "off"}, "editor.suggestOnTriggerCharacters": false }
JSON

port=$((20000 + RANDOM % 20000))
# No tally on PATH: the first run must find none.
env PATH="$(dirname "$node20"):/usr/bin:/bin" "${code_server[@]}" --auth none --bind-addr "127.0.0.1:$port" \
  --extensions-dir "$state/ext" --user-data-dir "$state/data" --disable-telemetry \
  --disable-update-check --disable-workspace-trust "$ws" >"$out/code-server.log" 2>&1 &
cs_pid=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.3
done

NODE_PATH=$tools/cs/node_modules "$node20" "$here/vscode_real.js" \
  "http://127.0.0.1:$port/?folder=$ws" "$ws" "$state/data/User/settings.json" "$tally" "$want" "$out" "$root"
log "screenshots in $out"
