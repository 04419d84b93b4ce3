#!/usr/bin/env bash
# Prints the CMake settings that put ccache in front of the compilers when it is installed, and
# nothing otherwise (scripts/build.sh and scripts/sanitize.sh, on a new build folder). The
# sloppiness lets ccache cache the files built with a precompiled header (cmake/
# precompiled_headers.cmake), which it otherwise compiles every time.
set -euo pipefail
command -v ccache >/dev/null || exit 0
launcher="env;CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime;ccache"
echo "-DCMAKE_C_COMPILER_LAUNCHER=$launcher -DCMAKE_CXX_COMPILER_LAUNCHER=$launcher"
