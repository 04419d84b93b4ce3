#!/usr/bin/env bash
# Whether two tally binaries report the same: `check --format json` on samples/, the seeds and
# the pages' text of ../shared, and `check --jsonl` on each corpus file of ../shared/corpus,
# compared byte for byte with their exit codes. For changes that must not change findings
# (start-up work, refactors). Usage: bench/same_findings.sh OLD_TALLY NEW_TALLY
# Exit 0 when every output is identical, 1 otherwise; inputs ../shared lacks are skipped.
set -uo pipefail
old=$1 new=$2
cd "$(dirname "$0")/.."
shared=../shared
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
same=0 differ=0
compare() {  # NAME ARGS...: both binaries with ARGS, outputs and exit codes compared
  local name=$1
  shift
  "$old" "$@" >"$tmp/old" 2>"$tmp/old.err"
  echo "exit $?" >>"$tmp/old"
  "$new" "$@" >"$tmp/new" 2>"$tmp/new.err"
  echo "exit $?" >>"$tmp/new"
  if cmp -s "$tmp/old" "$tmp/new" && cmp -s "$tmp/old.err" "$tmp/new.err"; then
    same=$((same + 1))
    echo "same    $name ($(wc -c <"$tmp/new") bytes)"
  else
    differ=$((differ + 1))
    echo "DIFFERS $name"
    diff "$tmp/old" "$tmp/new" | head -5
    diff "$tmp/old.err" "$tmp/new.err" | head -5
  fi
}
compare samples/ check --format json --no-ignore samples/
for f in "$shared"/seeds/* "$shared"/pages/*.txt; do
  [ -f "$f" ] && compare "$f" check --format json "$f"
done
for f in "$shared"/corpus/*.jsonl; do
  [ -f "$f" ] && compare "$f" check --jsonl "$f"
done
[ -d "$shared" ] || echo "skipped: $shared not found (seeds, pages and corpus not compared)"
echo "$same identical, $differ different"
[ "$differ" -eq 0 ]
