#pragma once
// An age the copy states beside a birth year: "1952年出生、今年70岁", "享年68岁" with the
// obituary's "1955年7月生", "Johnstone, 54, who was born in 1932". The rule checks the age
// against the page's year (or the year the sentence names, as a date of death).
#include <string>
#include <vector>

#include "parse/document.hpp"

namespace tally::facts {

struct ArticleFacts;

struct Age {
  uint32_t begin = 0, end = 0;  // the age as written, logical bytes: "70岁", "54"
  int age = 0;
  int birth_year = 0, birth_month = 0;  // month 0 when not written
  size_t birth_block = 0;
  uint32_t birth_begin = 0, birth_end = 0;
  // "same-clause" ("1952年出生、今年70岁"), "obituary" (享年 and the article's only birth
  // year), "apposition" ("Johnstone, 54, who was born in 1932").
  std::string evidence;
  int reference_offset = 0;          // 去年 -1, 明年 +1
  std::vector<int> reference_years;  // a year the sentence names (the date of death)
  // The age may differ from (reference − birth year) by this much: −1 before the birthday,
  // +1 for a Chinese nominal age (虚岁), which copy sometimes gives.
  int below = 1, above = 0;
};

void derive_ages(const parse::Article& article, ArticleFacts& facts);

}  // namespace tally::facts
