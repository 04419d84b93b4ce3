#pragma once
// Percentages and rates: "32%", "16.73%", "百分之三十二", "98.9%", "32 per cent", "5‰", and
// percentage-point changes ("3个百分点", "2 percentage points"), which are not a share of anything.
#include <string>
#include <string_view>
#include <vector>

#include "facts/numbers.hpp"

namespace tally::facts {

enum class RateUnit { Percent, PerMille, PercentagePoints };

struct Rate {
  uint32_t begin = 0, end = 0;  // logical bytes of the rate as written, qualifier included
  Number number;                // the figure itself, in the unit below
  RateUnit unit = RateUnit::Percent;
  std::string subject;  // what the rate is of: "调解和解" in "调解和解率达32%"; may be empty
  std::string relation;  // "增长", "下降", "up", … when the rate is a change; else empty
};

const char* rate_unit_name(RateUnit u);

std::vector<Rate> find_rates(std::string_view text, const std::vector<Number>& numbers);

}  // namespace tally::facts
