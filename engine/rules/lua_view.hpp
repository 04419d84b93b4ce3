#pragma once
// The read-only view of an article a Lua rule gets: its blocks, sentences and clauses, and every
// fact record (docs/facts.md) with Lua conventions: indices 1-based, `lo`/`hi` for the interval
// (±math.huge when open), `precision` for the decimals written. Layout: docs/rules.md.
//
// The view is lazy: `blocks`, `repairs`, `facts`, each list of records, each block's
// `sentences` and each sentence's `clauses` are built when a rule first reads them (or walks the
// table with pairs), so a rule pays only for what it reads, and what is built is shared by the
// article's later rules. Blocks are the exception to "kept once built": each is built when read
// and kept while held (a weak cache) or among the last 64 read, so a long article's blocks and
// sentences are not all in memory at once.
#include <cstdint>
#include <lua.hpp>
#include <vector>

#include "facts/restatements.hpp"
#include "rules/input.hpp"

namespace tally::rules {

// Where a view reads its fields from (owned by the Lua state).
struct ViewSource;

// Pushes the frozen view of `article` onto the stack; `page` (1-based, in an edition) adds
// the field `page`. `in` and `article` must stay alive until close_article_view.
ViewSource* push_article_view(lua_State* L, const DocumentInput& in, const ArticleInput& article,
                              int page = 0);

// How many article views this process has built (push_article_view calls): the tests hold
// that checking with the shipped packs builds none (no Lua rule runs on articles).
uint64_t article_views_built();

// After the article's rule calls: a field not built by then is an error to read (a rule that
// kept the view reads it later, when the article is gone).
void close_article_view(ViewSource* view);

// An article of an edition: its page (0-based, edition order) and index in that page.
struct EditionRef {
  size_t page = 0;
  size_t article = 0;
};

// Pushes the frozen view of an edition for on_edition (docs/rules.md): `pages`, `files`,
// `articles` (every article view in page order, with `page`) and `restatements` (the figures
// two pages give otherwise, facts::find_edition_restatements, with `page` and `article` on
// each mention). Returns the article views' sources, to close after the on_edition calls.
std::vector<ViewSource*> push_edition_view(
    lua_State* L, const std::vector<const DocumentInput*>& pages,
    const std::vector<EditionRef>& refs,
    const std::vector<facts::EditionRestatement>& restatements);

}  // namespace tally::rules
