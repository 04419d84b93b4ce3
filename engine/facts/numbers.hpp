#pragma once
// Numbers as copy writes them: "1,234", "３", "3.06亿", "二〇二四", "一百零五", "4万余",
// "近30%", "twelve", "1.2 million", with their stated precision and, when qualified
// ("余", "近", "more than"), the interval they claim.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tally::facts {

enum class NumberForm { Arabic, Chinese, Mixed, English };

struct Number {
  uint32_t begin = 0, end = 0;  // logical byte range, qualifiers included
  double value = 0;
  double lo = 0, hi = 0;  // the interval the wording allows; lo == hi == value when exact
  bool approximate = false;
  int decimals = 0;  // digits after the decimal point as written
  NumberForm form = NumberForm::Arabic;
  std::string qualifier;  // "余", "近", "more than", …; empty when none
  double magnitude = 1;   // the scale word applied to the digits as written (万 1e4, mln 1e6)
};

// Every number in `text` (logical text of one block), in order.
std::vector<Number> find_numbers(std::string_view text);

// Value of a run of Chinese numerals ("十二", "一百零五", "二〇二四", "两"); nullopt when the run
// is not a well-formed numeral.
std::optional<double> parse_chinese_numeral(std::u32string_view s);

}  // namespace tally::facts
