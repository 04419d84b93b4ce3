# Precompiled headers (TALLY_PCH, on) in the clang build of scripts/sanitize.sh: the third-party
# headers most files include are parsed once per target instead of once per file. yaml-cpp
# reaches 85 of the 228 files through the engine's headers, nlohmann/json 40, RE2 37 and
# Boost.Test all 45 unit-test files. Clang only: clang reads a precompiled header lazily, while
# g++ loads all of its 126 MB one into every file, about 0.9 s of compiler time each, more than
# most of the engine's files save (docs/install.md, "CI time"). Included last by the top-level
# CMakeLists.txt, so that the test tree's targets exist.
option(TALLY_PCH "precompile the heavy third-party headers (nlohmann/json, yaml-cpp, RE2, Boost.Test)" ON)
if(NOT TALLY_PCH OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  return()
endif()

set(_tally_pch_std <algorithm> <filesystem> <functional> <map> <memory> <optional> <string>
    <string_view> <unordered_map> <vector>)
set(_tally_pch_engine ${_tally_pch_std} <nlohmann/json.hpp> <yaml-cpp/yaml.h> <re2/re2.h>)

# Each target its own header (no REUSE_FROM): their flags differ (-fPIC, definitions), and a
# precompiled header must be used with the flags it was made with.
target_precompile_headers(tally_core PRIVATE ${_tally_pch_engine} <fmt/format.h>)
target_precompile_headers(tally_lsp PRIVATE ${_tally_pch_engine})
target_precompile_headers(tally_http PRIVATE ${_tally_pch_engine} <httplib.h>)
target_precompile_headers(tally PRIVATE ${_tally_pch_engine} <CLI/CLI.hpp>)
if(TARGET unit_tests)
  target_precompile_headers(unit_tests PRIVATE ${_tally_pch_engine} <boost/test/unit_test.hpp>
    <boost/test/data/test_case.hpp>)
  # main.cpp defines BOOST_TEST_MODULE before its include, which a header read earlier ignores.
  set_source_files_properties(${CMAKE_SOURCE_DIR}/tests/unit/main.cpp
    DIRECTORY ${CMAKE_SOURCE_DIR}/tests PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
endif()
