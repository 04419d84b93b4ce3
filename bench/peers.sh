#!/usr/bin/env bash
# tally beside a peer on the same copy (issue 19): autocorrect (its Rust core, through the npm
# package autocorrect-node, which ships the CLI) and `tally check` with every shipped rule read
# the same plain text files, one article a file, in turn; the bench prints each one's MB/s per
# core (bytes over CPU time) and the ratio. docs/performance.md reports speed as that ratio.
#
# Usage: bench/peers.sh [RUNS [LANG...]]   (default 5 runs, zh and en; TALLY=path/to/tally to
# bench another binary)
# Needs: build/tally (scripts/build.sh), node and npm, ../shared/corpus (skipped without it).
# autocorrect is installed into bench/peers/ (git-ignored), never into the build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
langs=("$@")
[ ${#langs[@]} -gt 0 ] || langs=(zh en)
peers=bench/peers
corpus=../shared/corpus
autocorrect_version=2.14.0

bin=${TALLY:-build/tally}
[ -x "$bin" ] || { echo "peers.sh: $bin missing: run scripts/build.sh" >&2; exit 2; }
if [ ! -d "$corpus" ]; then
  echo "peers.sh: skipped: $corpus not present"
  exit 0
fi
command -v npm >/dev/null || { echo "peers.sh: npm missing (apt-get install npm)" >&2; exit 2; }

ac=$peers/node/node_modules/.bin/autocorrect
if ! [ -x "$ac" ] || [ "$("$ac" --version 2>/dev/null)" != "AutoCorrect $autocorrect_version" ]; then
  mkdir -p "$peers/node"
  npm install --no-audit --no-fund --no-save --prefix "$peers/node" \
    "autocorrect-node@$autocorrect_version" >&2
fi
"$ac" --version

# The text files go outside the checkout: autocorrect skips whatever a .gitignore names, and
# bench/peers/ is git-ignored (it would lint nothing and look infinitely fast).
text=$(mktemp -d "${TMPDIR:-/tmp}/tally-peers.XXXXXX")
trap 'rm -rf "$text"' EXIT
python3 bench/peers_corpus.py "$text/zh" "$corpus/zh-cctv.jsonl"
python3 bench/peers_corpus.py "$text/en" "$corpus/en-reuters.jsonl" "$corpus/en-bbc.jsonl"

# One thread each, so CPU time and wall time tell the same story; every file in one process.
# --no-ignore: no ignore file decides what tally reads either; --format json: the findings are
# all written, as autocorrect's --format json writes its own.
tally=("$bin" check -j1 --format json --no-ignore)
peer=("$ac" --lint --format json --threads 1 -q)
for lang in "${langs[@]}"; do
  python3 bench/peers_time.py "$lang" "$text/$lang" "$runs" -- "${tally[@]}" -- "${peer[@]}"
done
