#pragma once
// Quantities: a number with the measure word or unit it is counted in and the noun it counts,
// as written: "899件" (noun before it: "办结案件899件"), "26个部门和地区", "1.2 万余人次",
// "3.06亿元", "200 people". Money is normalised to 元 and area to 亩, with 万/亿 applied.
// Ordinals and ranks ("第 1 名", "第四批", "前四位") are facts of their own, not quantities.
#include <string>
#include <string_view>
#include <vector>

#include "facts/numbers.hpp"

namespace tally::facts {

struct Quantity {
  uint32_t begin = 0, end = 0;  // the number and its measure word, as written
  Number number;
  std::string measure;  // "件", "个", "人次", "万元", "people", …
  std::string noun;     // what is counted, from the text after the measure or before the number
  bool noun_before = false;
  std::string unit;  // "yuan" or "m2" (square metres) when normalised; else empty
  double normalized = 0, normalized_lo = 0, normalized_hi = 0;  // in `unit`
};

struct Ordinal {
  uint32_t begin = 0, end = 0;
  Number number;
  std::string measure;  // "名", "批", "位"
  bool rank = false;    // "前四位": the first N, not the Nth
};

struct QuantityFacts {
  std::vector<Quantity> quantities;
  std::vector<Ordinal> ordinals;
};

// `numbers` are those of `text`; numbers that are years, rates or parts of dates are passed
// over by the caller.
QuantityFacts find_quantities(std::string_view text, const std::vector<Number>& numbers);

}  // namespace tally::facts
