#pragma once
// All facts of a document, per article, each with its span in the original file. A number that
// is part of a date, a rate, a quantity or an ordinal is reported as that, not again on its own.
// The kinds of fact are listed once, in facts/kinds.def.
#include <vector>

#include "facts/changes.hpp"
#include "facts/counts.hpp"
#include "facts/date_ages.hpp"
#include "facts/date_elapsed.hpp"
#include "facts/dates.hpp"
#include "facts/pairs.hpp"
#include "facts/quantities.hpp"
#include "facts/rates.hpp"
#include "facts/restatements.hpp"
#include "facts/sentences.hpp"
#include "facts/shares.hpp"
#include "facts/totals.hpp"
#include "parse/document.hpp"

namespace tally::facts {

// Logical spans are relative to the block's logical text; `span` is in the original file.
template <typename T>
struct At {
  size_t block = 0;
  Span span;
  T fact;
};

// Where a fact lies in its block's logical text. Facts have `begin`/`end`; a pair runs from its
// opening mark to the end of its closing one.
template <typename T>
std::pair<uint32_t, uint32_t> logical_range(const T& f) {
  return {f.begin, f.end};
}
inline std::pair<uint32_t, uint32_t> logical_range(const Pair& p) {
  return {p.open, p.close + p.close_len};
}
inline std::pair<uint32_t, uint32_t> logical_range(const Unpaired& u) {
  return {u.at, u.at + u.len};
}

struct BlockFacts {
  std::vector<Sentence> sentences;
};

struct ArticleFacts {
  // One vector per kind of facts/kinds.def: numbers (standalone only), quantities, ordinals,
  // rates, dates (resolved against earlier dates and the publication date), claims (count
  // words), lists, pairs, unpaired, and the relations between facts.
#define FACT_KIND(Id, member, Struct, type, lua_list, derive, doc) std::vector<At<Struct>> member;
#include "facts/kinds.def"
#undef FACT_KIND
  struct Link {
    size_t claim, list;  // indices into claims and lists
    LinkEvidence evidence;
    bool strong;
  };
  std::vector<Link> links;
  std::vector<BlockFacts> blocks;  // per block of the article
  // Past kMaxFactsPerArticle facts read from the text, the rest of the article is not read for
  // facts: where that starts (original bytes; 0 when the cap was not reached) and how many
  // facts were dropped from the block it falls in. A notice says so (docs/notices.md).
  uint32_t capped_at = 0;
  bool capped = false;
  // The cap reached was kMaxBlockBytes (one paragraph too long to read whole), not the count.
  bool capped_by_length = false;
};

// Facts read from the text of one article, at most (relations between them come on top). A real
// article holds hundreds; a 4 MB results page about 400,000, whose records a Lua rule would read
// as tables of several hundred bytes each.
constexpr size_t kMaxFactsPerArticle = 50'000;

// Bytes of one block (paragraph) read for facts. Every extractor holds the block's figures at
// once, so a 4 MB paragraph of figures (a statistics table is one) took over 300 MB before the
// count cap could apply; a real paragraph is a few KB. Past this, the rest of the block and of
// the article is not read for facts, with the same notice as the count cap.
constexpr size_t kMaxBlockBytes = 256 * 1024;

ArticleFacts extract_facts(const parse::Article& article,
                           std::optional<parse::Date> publication_date);

std::vector<ArticleFacts> extract_document_facts(const parse::Document& doc);

}  // namespace tally::facts
