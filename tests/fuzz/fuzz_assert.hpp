#pragma once
// A broken property of a fuzz target: says which and what it saw on stderr, then traps, so the
// crash report left in build-san/fuzz-artifacts/ explains itself.
#include <cstdio>
#include <string>

#define FUZZ_REQUIRE(cond, detail)                                                                 \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      std::fprintf(stderr, "fuzz property failed at %s:%d: %s\n  %s\n", __FILE__, __LINE__, #cond, \
                   std::string(detail).substr(0, 2000).c_str());                                   \
      __builtin_trap();                                                                            \
    }                                                                                              \
  } while (0)
