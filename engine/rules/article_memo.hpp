#pragma once
// What an editor's re-check may reuse: the Lua findings of each article of the last check of a
// document, with the key of everything the rules saw of that article. After an edit, an article
// whose key is unchanged (the same bytes, parse, facts input and place in the document, relative
// to its own first byte) gets its findings back shifted to where it now is; only the articles
// the edit touched run the Lua rules again (Checker::check with a memo). YAML rules, which may
// look at the whole document, and the document-wide steps (merging grouped findings, sorting)
// always run, so the result is the one a full check gives (tests/unit/incremental_test.cpp).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "findings/finding.hpp"
#include "parse/document.hpp"

namespace tally::rules {

struct RuleSet;

struct MemoArticle {
  std::string key;                        // article_key()
  uint32_t origin = 0;                    // the article's first byte when it was checked
  std::vector<report::Finding> findings;  // its Lua findings, spans as of that check
  // What each Lua rule spent on it (instructions, findings), so the document's budget counts
  // them as a full check would.
  std::vector<std::pair<uint64_t, size_t>> spent;
};

// One per document, held by the caller between checks of it (not shared between threads).
struct ArticleMemo {
  std::shared_ptr<const RuleSet> rules;  // the set the findings came from (held: no reuse of
                                         // a freed set's address)
  std::string context;  // the Lua rules run and the document facts every article depends on
  std::vector<MemoArticle> articles;
  // How many articles the last check reused and ran (for tests and benchmarks).
  size_t reused = 0, ran = 0;
};

// Everything the Lua rules are given of article `k` of `doc`, relative to its first byte.
std::string article_key(const parse::Document& doc, std::string_view bytes, size_t k);

// Moves every span of `f` by `delta` bytes.
void shift_finding(report::Finding& f, int64_t delta);

// Whether every span of `f` lies within `extent` (a finding elsewhere is not reused: its key
// would not cover the bytes it points at).
bool finding_within(const report::Finding& f, Span extent);

}  // namespace tally::rules
