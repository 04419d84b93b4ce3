#pragma once
// What an editor's re-check may reuse: the facts, the Lua findings and the findings of the
// per-article YAML rules of each article of the last check of a document, with the key of
// everything the rules saw of that article. After an edit, an article whose key is unchanged
// (the same bytes, parse, facts input and place in the document, relative to its own first
// byte) gets its facts and findings back shifted to where it now is; only the articles the edit
// touched are read for facts and run the rules again (Checker::check with a memo). An article
// that only moved to another index (an article split or joined above it) keeps its facts, which
// do not depend on the index, and runs its rules again. YAML rules that may look at the whole
// document (rules/yaml_local.hpp) and the document-wide steps (merging grouped findings,
// sorting) always run, so the result is the one a full check gives
// (tests/unit/incremental_test.cpp).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "facts/extract.hpp"
#include "findings/finding.hpp"
#include "parse/document.hpp"
#include "parse/parse_memo.hpp"

namespace tally::rules {

struct RuleSet;

struct MemoArticle {
  std::string key;                        // article_key()
  uint32_t origin = 0;                    // the article's first byte when it was checked
  std::vector<report::Finding> findings;  // its Lua findings, spans as of that check
  // What each Lua rule spent on it (instructions, findings), so the document's budget counts
  // them as a full check would.
  std::vector<std::pair<uint64_t, size_t>> spent;
  bool lua_kept = true;       // false: a Lua finding pointed outside the article, not reused
  facts::ArticleFacts facts;  // its facts, spans as of that check
  // Its findings of the per-article YAML rules, each with the rule's index in RuleSet::yaml, in
  // the order the rules found them; `yaml_kept`: false when they are not to be reused (one
  // pointed outside the article, whose key does not cover the bytes it points at).
  std::vector<std::pair<size_t, report::Finding>> yaml;
  bool yaml_kept = true;
};

// One per document, held by the caller between checks of it (not shared between threads).
struct ArticleMemo {
  std::shared_ptr<const RuleSet> rules;  // the set the findings came from (held: no reuse of
                                         // a freed set's address)
  std::string context;  // the rules run and the document facts every article depends on
  std::vector<MemoArticle> articles;
  // What the page parser built for the document (service::Engine passes it to the parse).
  parse::ParseMemo parse;
  // How many articles the last check reused and ran the Lua rules on, and read for facts (for
  // tests and benchmarks).
  size_t reused = 0, ran = 0, facts_read = 0;
};

// Everything the Lua rules are given of article `k` of `doc`, relative to its first byte.
std::string article_key(const parse::Document& doc, std::string_view bytes, size_t k);
// The part of article_key() that does not depend on the article's index: what its facts are
// read from (with the document's publication date, which the memo's context holds).
std::string_view content_key(std::string_view article_key);

// Moves every span of `f` (original bytes) by `delta` bytes; logical offsets stay.
void shift_facts(facts::ArticleFacts& f, int64_t delta);

// Moves every span of `f` by `delta` bytes.
void shift_finding(report::Finding& f, int64_t delta);

// Whether every span of `f` lies within `extent` (a finding elsewhere is not reused: its key
// would not cover the bytes it points at).
bool finding_within(const report::Finding& f, Span extent);

}  // namespace tally::rules
