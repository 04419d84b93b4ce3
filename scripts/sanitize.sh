#!/usr/bin/env bash
# The robustness stage of ./test.sh: builds Tally with clang, AddressSanitizer and UBSan (and
# libFuzzer coverage) in build-san/, runs the C++ and CLI-driven tests there, replays every saved
# fuzz regression, then runs each libFuzzer target for TALLY_FUZZ_SECONDS (default 18: ten
# targets, two at a time, 90 s in all, what six at 30 s took) from a seed corpus of the samples,
# rule files and tests/fuzz/seeds/TARGET. A crash fails the stage and leaves
# its input in build-san/fuzz-artifacts/TARGET/: minimise it, fix the bug, and add it to
# tests/fuzz/regressions/TARGET/ (and a unit test) so it stays fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${TALLY_FUZZ_SECONDS:-18}
jobs=$(nproc)
targets=(fuzz_text fuzz_parse fuzz_facts fuzz_yaml_rules fuzz_jsonrpc fuzz_check fuzz_lsp_frames
  fuzz_http_request fuzz_lua_rules fuzz_jsonl)

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
# Configured unless complete: a first configure that failed leaves a cache but no build files.
[ -f build-san/build.ninja ] || [ -f build-san/Makefile ] ||
  CC=clang CXX=clang++ cmake -S . -B build-san "${generator[@]}" $(scripts/ccache_launcher.sh) -DTALLY_SANITIZE=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" >/dev/null
cmake --build build-san -j"$jobs" --target tally unit_tests "${targets[@]}"

# Any report is a failure; leaks too (LeakSanitizer is part of ASan on Linux).
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:strict_string_checks=1
# Third-party leaks, each explained in the file (fontconfig's config, kept by poppler).
export LSAN_OPTIONS=suppressions=$PWD/tests/sanitize/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
echo "== tests under ASan + UBSan"
(cd build-san && ctest --output-on-failure -j"$jobs" \
  -R '^(unit|cli|rule_packs|ci_formats|lsp_protocol|http_api|http_limits|robustness|robustness_no_abort|robustness_writes|fuzz_.*_regressions)$')

echo "== fuzzing, ${seconds}s per target"
seeds=build-san/fuzz-seeds
rm -rf "$seeds" && mkdir -p "$seeds"/{text,yaml}
cp samples/* "$seeds/text/"
find rules -name '*.yaml' -exec cp {} "$seeds/yaml/" \;
for dir in tests/fuzz/seeds/*/; do cp -r "$dir" "$seeds/"; done
for f in tests/fuzz/seeds/fuzz_jsonrpc/*; do  # a session is a session (names kept apart)
  cp "$f" "$seeds/fuzz_lsp_frames/jsonrpc-$(basename "$f")"
done
run_target() {
  local t=$1 seed=text
  [ -d "$seeds/$t" ] && seed=$t
  case $t in fuzz_yaml_rules) seed=yaml ;; esac
  local dict=()  # words of the format, where the target has them
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  mkdir -p "build-san/fuzz-corpus/$t" "build-san/fuzz-artifacts/$t"
  if build-san/tests/fuzz/"$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="build-san/fuzz-artifacts/$t/" "${dict[@]}" \
      "build-san/fuzz-corpus/$t" "$seeds/$seed" >"build-san/fuzz-artifacts/$t.log" 2>&1; then
    echo "ok   $t: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "build-san/fuzz-artifacts/$t.log" | grep -o '[0-9]*$') runs"
  else
    echo "FAIL $t: see build-san/fuzz-artifacts/$t.log"
    grep -E 'ERROR|SUMMARY|runtime error|what\(\)' "build-san/fuzz-artifacts/$t.log" | head -5
    return 1
  fi
}
export -f run_target
export seconds seeds
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_target {}'
