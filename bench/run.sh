#!/usr/bin/env bash
# Runs the benchmarks (never part of the test suite): per-stage and per-rule times of a page,
# then batch throughput, latency and memory on archives of 10 MB and 100 MB built from the
# samples (and ../shared's real pages and corpus when present). Usage: bench/run.sh [MB ...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
files=(../shared/seeds/*.txt)
[ -e "${files[0]}" ] || files=(samples/*)
for f in "${files[@]}"; do ./build/bench/bench_extract "$f" 200; done
python3 bench/make_corpus.py build/bench-corpus ${@:-10 100}
python3 bench/batch_bench.py build build/bench-corpus
