#pragma once
// All facts of a document, per article, each with its span in the original file. A number that
// is part of a date, a rate, a quantity or an ordinal is reported as that, not again on its own.
#include <vector>

#include "facts/counts.hpp"
#include "facts/dates.hpp"
#include "facts/pairs.hpp"
#include "facts/quantities.hpp"
#include "facts/rates.hpp"
#include "facts/sentences.hpp"
#include "parse/document.hpp"

namespace tally::facts {

// Logical spans are relative to the block's logical text; `span` is in the original file.
template <typename T>
struct At {
  size_t block = 0;
  Span span;
  T fact;
};

struct BlockFacts {
  std::vector<Sentence> sentences;
  Pairs pairs;
};

struct ArticleFacts {
  std::vector<At<Number>> numbers;  // standalone numbers only
  std::vector<At<Quantity>> quantities;
  std::vector<At<Ordinal>> ordinals;
  std::vector<At<Rate>> rates;
  std::vector<At<DateFact>> dates;  // resolved against earlier dates and the publication date
  std::vector<At<CountClaim>> claims;
  std::vector<At<Enumeration>> lists;
  struct Link {
    size_t claim, list;  // indices into claims and lists
    LinkEvidence evidence;
    bool strong;
  };
  std::vector<Link> links;
  std::vector<BlockFacts> blocks;  // per block of the article
};

ArticleFacts extract_facts(const parse::Article& article,
                           std::optional<parse::Date> publication_date);

std::vector<ArticleFacts> extract_document_facts(const parse::Document& doc);

}  // namespace tally::facts
