#pragma once
// The read-only view of an article a Lua rule gets: its blocks, sentences and clauses, and every
// fact record (docs/facts.md) with Lua conventions: indices 1-based, `lo`/`hi` for the interval
// (±math.huge when open), `precision` for the decimals written. Layout: docs/rules.md.
//
// The view is lazy: `blocks`, `repairs`, `facts`, each list of records, each block's
// `sentences` and each sentence's `clauses` are built when a rule first reads them (or walks the table with pairs), so a rule
// pays only for what it reads, and what is built is shared by the article's later rules.
#include <lua.hpp>

#include "rules/input.hpp"

namespace tally::rules {

// Where a view reads its fields from (owned by the Lua state).
struct ViewSource;

// Pushes the frozen view of `article` onto the stack. `in` and `article` must stay alive until
// close_article_view.
ViewSource* push_article_view(lua_State* L, const DocumentInput& in, const ArticleInput& article);

// After the article's rule calls: a field not built by then is an error to read (a rule that
// kept the view reads it later, when the article is gone).
void close_article_view(ViewSource* view);

}  // namespace tally::rules
