#!/usr/bin/env bash
# The Neovim pictures of docs/editors.md, taken from a real terminal: Neovim in a tmux pane with
# plugins/nvim attached to `tally lsp`, the self-written page whose paragraph of bold type PDF
# extraction doubled (tests/e2e/samples/zh-doubled-bold.txt), the cursor on it and the code
# action menu open (vim.lsp.buf.code_action); then the first action taken. Each pane is captured
# with its colours (tmux capture-pane -e), written out as HTML and photographed by headless
# chromium. Not a test (ctest `nvim` checks the same fix); run by hand to refresh the pictures. Needs
# tmux (not in scripts/setup.sh: apt-get install tmux) besides neovim and chromium.
# Usage: tests/editor/nvim_screenshot.sh TALLY ROOT OUTDIR   (writes nvim-menu.png, nvim-fixed.png)
set -euo pipefail
tally=$(realpath "$1") root=$(realpath "$2") out=$(realpath -m "$3")
mkdir -p "$out"
work=$(mktemp -d)
session="tally-shot-$$"
cleanup() { tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cp "$root/tests/e2e/samples/zh-doubled-bold.txt" "$work/column.txt"
cat >"$work/init.lua" <<LUA
vim.opt.runtimepath:append("$root/plugins/nvim")
vim.opt.termguicolors = true
vim.opt.number = true
vim.opt.signcolumn = "yes"
vim.cmd("colorscheme default")
require("tally").setup({ cmd = { "$tally", "lsp" }, init_options = { date = "2026-03-18" } })
LUA
cd "$work"
tmux -f /dev/null new-session -d -s "$session" -x 96 -y 34 \
  "TERM=tmux-256color nvim --clean -u init.lua column.txt"
tmux set-option -t "$session" status off >/dev/null
# Wait for the diagnostics (the sign column fills in).
for _ in $(seq 1 100); do
  tmux capture-pane -p -t "$session" | grep -q "W " && break
  sleep 0.2
done
sleep 1
tmux send-keys -t "$session" "10G" ""
sleep 0.5
tmux send-keys -t "$session" ":lua vim.lsp.buf.code_action()" Enter
sleep 2
tmux capture-pane -e -p -t "$session" >"$work/menu.ansi"
tmux send-keys -t "$session" "1" Enter
sleep 2
tmux send-keys -t "$session" "gg" ""
sleep 1
tmux capture-pane -e -p -t "$session" >"$work/fixed.ansi"
for shot in menu fixed; do
  python3 "$root/tests/editor/ansi_html.py" <"$work/$shot.ansi" >"$work/$shot.html"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=880,660 \
    --screenshot="$out/nvim-$shot.png" "file://$work/$shot.html" 2>/dev/null
done
echo "nvim_screenshot: $out/nvim-menu.png $out/nvim-fixed.png"
