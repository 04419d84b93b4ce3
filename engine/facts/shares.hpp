#pragma once
// Shares: a rate the text states as a share of a named whole, with its part and its whole as
// figures, read only from explicit wording:
//   占…的  "112名占189名的59.3%"            (the whole between 占 and 的)
//   其中 / 中有 / 中，… 占比 / 占  "189名推荐人选中有112名…，占比59.3%", "W，其中P，占X%"
//   ", or X pct, of the W"          "81, or 48.8 pct, of the 166 seats"
//   "of which / of whom P, or X%"   "W …, of which P, or X pct"
//   "Of the W …, P, or X%"          "P out of W, or X%"
// A rate of a whole the text names but does not give as a figure ("占惠企总数的71.8%") is no
// share fact: there is nothing to recompute it from.
#include <string>

#include "facts/figures.hpp"
#include "parse/document.hpp"

namespace tally::facts {

struct ArticleFacts;

struct Share {
  uint32_t begin = 0, end = 0;  // the rate, as written
  size_t rate = 0;              // index into ArticleFacts::rates
  Figure part, whole;
  std::string evidence;  // "占…的", "其中…占", "or…of the", "of which…or", "out of…or"
};

void derive_shares(const parse::Article& article, ArticleFacts& facts);

}  // namespace tally::facts
