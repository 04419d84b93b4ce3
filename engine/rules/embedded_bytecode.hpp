#pragma once
// The shipped Lua rule files compiled at build time (engine/tools/lua_bytecode.cpp), so that
// start-up loads bytecode instead of compiling about 70 KB of Lua. Only these chunks are ever
// loaded as binary: a rule file from disk, and anything a rule itself loads, stays text-only
// (LuaSandbox::load); Lua does not check bytecode, so none may come from outside the binary.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace tally::rules {

struct EmbeddedChunk {
  const char* path;  // relative to the rules folder: "count/ranking.lua"
  const char* data;  // lua_dump output, debug information kept
  size_t size;
  uint64_t source_hash;  // source_hash() of the text it was compiled from
};

std::span<const EmbeddedChunk> embedded_bytecode();
// LUA_VERSION_NUM of the Lua the tool compiled with.
int embedded_bytecode_lua_version();

// The bytecode of embedded file `rel` when it was compiled from exactly `source` by this Lua
// version; empty otherwise (the caller then compiles the text).
std::string_view bytecode_for(std::string_view rel, std::string_view source);

}  // namespace tally::rules
