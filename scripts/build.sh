#!/usr/bin/env bash
# Configures (when needed) and builds Tally in build/.
# Usage: scripts/build.sh [--test] [-DVAR=VALUE...]
#   --test         build the test tree too (BUILD_TESTING=ON; ./test.sh). Without it a new build
#                  is configured with BUILD_TESTING=OFF, which needs none of the test tools; an
#                  existing build keeps its tests.
#   -DVAR=VALUE    other CMake settings.
# It configures when build/ has no complete configuration (no cache, or a first configure that
# failed before writing the build files) or when a requested setting differs from the cache.
set -euo pipefail
cd "$(dirname "$0")/.."
requested=()
for a in "$@"; do
  case $a in
    --test) requested+=(-DBUILD_TESTING=ON) ;;
    -D*=*) requested+=("$a") ;;
    *) echo "build.sh: unknown argument '$a' (see the comment at the top)" >&2; exit 2 ;;
  esac
done

cached() {  # the value of a cache entry, or nothing
  sed -n "s/^$1:[A-Z]*=//p" build/CMakeCache.txt 2>/dev/null
}
on() { case ${1^^} in ON | 1 | YES | TRUE | Y) echo ON ;; *) echo OFF ;; esac; }

configure=0
if [ ! -f build/CMakeCache.txt ] || { [ ! -f build/build.ninja ] && [ ! -f build/Makefile ]; }; then
  configure=1
  # A first configuration: without --test, leave the test tree (and its tools) out.
  [[ " ${requested[*]} " == *" -DBUILD_TESTING="* ]] || requested+=(-DBUILD_TESTING=OFF)
else
  for d in "${requested[@]}"; do
    var=${d#-D}; var=${var%%=*}; var=${var%%:*}
    want=${d#*=}; have=$(cached "$var")
    if [ "$var" = BUILD_TESTING ]; then want=$(on "$want"); have=$(on "$have"); fi
    [ "$want" = "$have" ] || configure=1
  done
fi

if [ "$configure" -eq 1 ]; then
  generator=()
  # A new build directory takes Ninja when present; an existing one keeps its generator.
  if [ ! -f build/CMakeCache.txt ] && command -v ninja >/dev/null; then generator=(-G Ninja); fi
  # ccache, when installed, for rebuilds (a fresh machine has none; there it changes nothing).
  if [ ! -f build/CMakeCache.txt ]; then generator+=($(scripts/ccache_launcher.sh)); fi
  mkdir -p build
  cmake -S . -B build "${generator[@]}" "${requested[@]}" >build/configure.log 2>&1 || {
    cat build/configure.log >&2
    echo "build.sh: configuring failed (log: build/configure.log); run it again once fixed" >&2
    exit 1
  }
fi
cmake --build build -j"$(nproc)"
