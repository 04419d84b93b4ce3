#pragma once
// Changes: a rate the text states as the change of one figure, with its old and new values,
// read only from explicit wording where nothing else comes between the endpoints and the rate:
//   从/由 B (增/增加/增长/提高/下降/减少…)(至/到) A，(同比)增长/下降 X% "由260人增至352人，增长35%"
//   "rose 34 pct to 158.7 mln dlrs from 128.2 mln dlrs", "sales rose 12% to $11.1bn from $10.9bn"
//   "from B to A, up X%", "…, a fall of X%"
// Annual averages (年均, "a year") are not the total change and are left out, as is a rate
// separated from the endpoints by another subject ("营收由B增至A，净利润增长X%").
#include <string>

#include "facts/figures.hpp"
#include "parse/document.hpp"

namespace tally::facts {

struct ArticleFacts;

struct Change {
  uint32_t begin = 0, end = 0;  // the rate, as written
  size_t rate = 0;              // index into ArticleFacts::rates
  Figure from, to;
  bool falling = false;  // the text says the figure went down
  std::string evidence;  // "从…至", "to…from", "from…to"
};

void derive_changes(const parse::Article& article, ArticleFacts& facts);

}  // namespace tally::facts
