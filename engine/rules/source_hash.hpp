#pragma once
// FNV-1a, 64 bits: ties a compiled Lua chunk to the exact source text it was compiled from
// (rules/embedded_bytecode.hpp). Not a defence against anyone: both live in the same binary; it
// catches a stale table.
#include <cstdint>
#include <string_view>

namespace tally::rules {

inline uint64_t source_hash(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace tally::rules
