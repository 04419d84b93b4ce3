#!/usr/bin/env bash
# Runs the benchmarks on the real pages when ../shared/seeds is present, else on the samples.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
files=(../shared/seeds/*.txt)
[ -e "${files[0]}" ] || files=(samples/*)
for f in "${files[@]}"; do ./build/bench/bench_extract "$f" "${1:-200}"; done
