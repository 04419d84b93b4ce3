#pragma once
// Dates and periods as copy writes them: "2024年12月", "2016 年 3 月", "7月29日", "2025/07/22",
// "July 22, 2025", weekdays ("（周二）", "Tuesday"); relative dates ("同年11月", "去年10月",
// "今年以来", "近三年", "last year") resolved when an anchor is known; durations ("3 个月",
// "为期 6 个月", "365 个日夜").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/document.hpp"

namespace tally::facts {

enum class DateKind { Absolute, Relative, Duration };

struct DateFact {
  uint32_t begin = 0, end = 0;  // logical bytes
  DateKind kind = DateKind::Absolute;
  // As written; 0 where the text leaves a field out ("7月29日" has no year).
  int year = 0, month = 0, day = 0;
  int weekday = 0;    // 1 Monday … 7 Sunday when written; else 0
  bool valid = true;  // false for dates that cannot exist ("2月30日", "13月")
  std::string relative;  // "同年", "去年", "今年以来", "近N年", "last year", …; empty if absolute
  int years_back = 0;  // for "近N年" / "past N years"
  // Filled by resolve_dates: the full date the text means, when it can be known.
  std::optional<parse::Date> resolved;
  std::string anchor;  // "previous-date" or "publication" when resolved from one
  // Durations.
  double amount = 0;
  std::string unit;  // "year", "month", "week", "day", "hour"
};

const char* date_kind_name(DateKind k);

std::vector<DateFact> find_dates(std::string_view text);

// Fills year gaps and resolves relative dates in reading order: "同年11月" takes the year of the
// previous date in the article, "去年10月" the year before publication.
void resolve_dates(std::vector<DateFact*>& in_order, std::optional<parse::Date> publication);

// Day of week of a date, 1 Monday … 7 Sunday.
int weekday_of(int year, int month, int day);

}  // namespace tally::facts
