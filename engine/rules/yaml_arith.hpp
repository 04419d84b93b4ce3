#pragma once
// What the arithmetic kinds (breakdown, enumeration, weekday, elapsed, age, change) share: the
// calendar, numbers written as the Lua helpers wrote them (so the findings of a rule moved from
// Lua to a kind read the same), the years a date relation is counted to, and the localized
// values of placeholders.
#include <string>
#include <string_view>
#include <vector>

#include "rules/input.hpp"
#include "rules/message.hpp"
#include "rules/rule_tree.hpp"

namespace tally::rules {

// `%.Nf` without trailing zeros, as tally.format: -0 stays "-0", infinity is "∞".
std::string arith_format(double v, int decimals);

// 1 Monday … 7 Sunday; the number of days of month `m` (1–12).
int arith_weekday(int y, int m, int d);
int arith_days_in_month(int y, int m);

// The years a relation is counted to: the publication year shifted by `offset` (去年 −1, 明年
// +1) when the document has one, then the years its sentence names.
std::vector<int> reference_years(const DocumentInput& in, int offset,
                                 const std::vector<int>& named);

// Up to `n` bytes of `text` just before logical offset `at` (tally.before).
std::string_view text_before(std::string_view text, uint32_t at, size_t n);

// A number key with a default; throws YamlError when it is not a number.
double number_key(const RuleNode& root, const std::string& key, double fallback);

}  // namespace tally::rules
