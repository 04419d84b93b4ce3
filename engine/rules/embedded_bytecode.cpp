#include "rules/embedded_bytecode.hpp"

#include <lua.hpp>

#include "rules/source_hash.hpp"

namespace tally::rules {

std::string_view bytecode_for(std::string_view rel, std::string_view source) {
  // A binary built against one Lua and run with another 5.4 release: lua_load checks the
  // format header too, and a refusal there also falls back to the text.
  if (embedded_bytecode_lua_version() != LUA_VERSION_NUM) return {};
  for (const auto& c : embedded_bytecode())
    if (rel == c.path)
      return c.source_hash == source_hash(source) ? std::string_view(c.data, c.size)
                                                  : std::string_view();
  return {};
}

}  // namespace tally::rules
