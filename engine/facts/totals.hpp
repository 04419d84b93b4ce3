#pragma once
// Totals and their parts, as the text relates them: "新增确诊病例307例，其中境外输入病例57例，
// 本土病例250例", "以18枚金牌、22枚银牌、23枚铜牌，总计61枚奖牌", "653 mln dlrs, including 359 mln
// … and 249 mln", "共有干警60余名，其中党员72人" (名 and 人 are one measure). A breakdown is made
// only on a connective (其中, including, of whom, of which, 共/合计/总计, total) and between
// amounts of one measure class (persons: 名/人/位/人次; money: 元 with 万/亿; English: the unit
// and scale written, mln/bn/m). It is `complete` only when the text says the parts make up the
// whole: a total after its parts, 分别 or a colon after a total, "comprised", the rest named
// (其余, "the rest", "other", "leaving"), or two parts that partition by meaning (出口/进口,
// 境外输入/本土). Figures are intervals at their written precision ("17.44万亿元" is ±0.005万亿).
// Not wholes: averages and peaks (日均, 单日, 最高, "average"), net figures (净, 顺差, "net",
// "surplus", "loss") whose parts may exceed them, years, clock times, fractions and scores.
#include <cstdint>
#include <string>
#include <vector>

namespace tally::parse {
struct Article;
}

namespace tally::facts {

struct ArticleFacts;

struct Amount {
  uint32_t begin = 0, end = 0;  // logical bytes in the block
  double value = 0;             // as written, in base units (元 for money, ones for counts)
  double lo = 0, hi = 0;        // the interval its wording and precision allow
  std::string cls;              // measure class: "person", "yuan", "件", "usd", "" (unstated)
};

struct Breakdown {
  uint32_t begin = 0, end = 0;  // the whole
  Amount whole;
  std::vector<Amount> parts;
  std::string connective;  // "其中", "including", "总计", "comprised", …
  bool complete = false;   // the parts are said to make up the whole
  bool disjoint = false;  // the parts are kinds of one classification ("…补贴申请", "…提出的"):
                          // they may leave out the rest, but cannot add up to more than the whole
};

// Derived after the pipeline (facts/kinds.def): breakdowns in each block.
void find_breakdowns(const parse::Article& article, ArticleFacts& facts);

}  // namespace tally::facts
