#pragma once
// Year arithmetic the copy states: a span of years counted from a start year the text gives.
// "中国儿童中心成立于1982年……40年来", "建交30周年（1992年建交）", "已经运行满25周年",
// "acquired in 1965, 22 years ago". The span is counted to the page's year unless the sentence
// names another ("明年是建党100周年", "2021年是建党100周年"); the rule compares.
#include <string>
#include <vector>

#include "parse/document.hpp"

namespace tally::facts {

struct ArticleFacts;

struct Elapsed {
  uint32_t begin = 0,
           end = 0;       // the stated span, logical bytes: "40年来", "30周年", "22 years ago"
  int years = 0;          // N as written
  double lo = 0, hi = 0;  // what N allows: "40多年" is 40 to 49, "约20年" 18 to 22
  std::string form;       // "anniversary" (周年), "since" (N年来, 已有N年), "ago"
  int start_year = 0;
  size_t start_block = 0;
  uint32_t start_begin = 0, start_end = 0;  // the start year's expression, logical bytes
  // How the start year is tied to the span: "parenthesized" ("30周年（1992年建交）"),
  // "same-sentence", "previous-sentence" (the span opens the next sentence: "……成立于1957年。
  // 76年来，"), "earlier-in-paragraph" (the span opens its sentence or a clause, and the start
  // is one or two sentences before in its paragraph with no other year between: "2006年7月1日，
  // 青藏铁路全线通车运营。…。20年来"), "same-verb" (the article's only year for that verb:
  // "建站40周年" and "1985年建站"), "same-name" ("东方歌舞团成立70周年" and
  // "1962年成立的东方歌舞团"), "same-kind"
  // ("建站30周年" and "长城站自1985年建成"), "since" (a span opening its sentence and the
  // article's only "自2021年……以来"), "apposition" ("in 1965, 22 years ago").
  std::string evidence;
  int reference_offset = 0;          // the year counted to, from the page's: 明年 +1, 去年 -1
  std::vector<int> reference_years;  // other years the sentence names: it may count to those
  int tolerance = 1;  // years either side the text leaves open (the day of the anniversary)
  std::string verb;   // the verb written before the span ("建队" in "建队50年来"), or empty
};

// The derive function of facts/kinds.def: reads the article's blocks after the pipeline.
void derive_elapsed(const parse::Article& article, ArticleFacts& facts);

}  // namespace tally::facts
