#pragma once
// The read-only view of an article a Lua rule gets: its blocks, sentences and clauses, and every
// fact record (docs/facts.md) with Lua conventions: indices 1-based, `lo`/`hi` for the interval
// (±math.huge when open), `precision` for the decimals written. Layout: docs/rules.md.
#include <lua.hpp>

#include "rules/input.hpp"

namespace tally::rules {

// Pushes the frozen view of `article` onto the stack.
void push_article_view(lua_State* L, const DocumentInput& in, const ArticleInput& article);

}  // namespace tally::rules
