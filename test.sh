#!/usr/bin/env bash
# Quick start, part two: install what is missing, build, and run every test; then the
# robustness stage (scripts/sanitize.sh): the same code under ASan+UBSan, and the fuzzers.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --test
scripts/build.sh --test
(cd build && ctest --output-on-failure -j"$(nproc)")
scripts/sanitize.sh
