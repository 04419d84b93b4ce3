#pragma once
// Where the date forms other than the English ones ("2024年3月5日", "3月", "3 个月", "为期 3 天",
// "3·15", "2024-03-05", "同年", "近三年") can begin, read by hand from the character each form
// needs after its leading figures, numerals or word (its "trigger": 年 月 个 天 周 小 分 · / - .).
// facts/dates.cpp tries the forms' patterns only where these say one may match: trying the
// alternation of all the forms at every figure and numeral of a Chinese text cost more than
// finding the dates.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tally::facts::date_starts {

// What follows a start, as bits: each form other than the English ones needs one of them at its
// start (facts/dates.cpp gives each pattern its bit). A superset: a bit set means the form may
// match there, a bit clear that it cannot.
// figures or numerals (at most four), blanks, 年: "2024年", "三年"
inline constexpr uint32_t kYear = 1;
// figures or numerals (at most two), blanks, 月: "3月5日", "十二月"
inline constexpr uint32_t kMonth = 2;
// [为期] [blanks] a count, blanks, 个, blanks, 月/日夜/星期/小时: "3个月"
inline constexpr uint32_t kCount = 4;
// [为期] [blanks] a count, blanks, 天/周/小时/分钟: "为期 3 天"
inline constexpr uint32_t kUnit = 8;
// one or two figures, then ·: "3·15"
inline constexpr uint32_t kDot = 16;
// four figures, then / - or .: "2024-03-05"
inline constexpr uint32_t kSeparated = 32;
// 同年 去年 今年 明年 前年 当年 次年 翌年
inline constexpr uint32_t kRelative = 64;
// 近 or 过去, blanks, a count (at most three), blanks, 年
inline constexpr uint32_t kRecent = 128;

// The forms that may begin at byte `i` of `t` (0 when none can).
uint32_t forms_at(std::string_view t, size_t i);

// The first byte at or after `pos` (a character boundary) where forms_at is not 0, found from
// the trigger characters after `pos` rather than by testing every character; npos when none.
size_t next_start(std::string_view t, size_t pos);

// Whether `t` holds an ASCII letter, which every English form needs (eight bytes at a time: a
// Chinese text without one is read to its end).
bool has_ascii_letter(std::string_view t);

}  // namespace tally::facts::date_starts
