#pragma once
// Small readers shared by the year-arithmetic facts (date_elapsed.cpp, date_ages.cpp): a count
// of years as copy writes it, the sentence around a byte, and the years a sentence names.
#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "facts/numbers.hpp"
#include "facts/sentences.hpp"
#include "parse/document.hpp"
#include "text/utf8.hpp"

namespace tally::facts::date_text {

// "40", "４０", "四十", "一百三十", "twenty-two", "eight": 0 when it is none of these.
inline int count_of(std::string_view s) {
  static constexpr std::string_view ones[] = {
      "zero",     "one",     "two",     "three",     "four",     "five",    "six",
      "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  static constexpr std::string_view tens[] = {"twenty", "thirty",  "forty",  "fifty",
                                              "sixty",  "seventy", "eighty", "ninety"};
  std::string l;
  for (char c : s) l += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  auto word = [&](std::string_view w) -> int {
    for (size_t i = 0; i < std::size(ones); ++i)
      if (w == ones[i]) return static_cast<int>(i);
    for (size_t i = 0; i < std::size(tens); ++i)
      if (w == tens[i]) return 20 + 10 * static_cast<int>(i);
    return -1;
  };
  if (!l.empty() && l[0] >= 'a' && l[0] <= 'z') {
    auto dash = l.find('-');
    if (dash == std::string::npos) return std::max(0, word(l));
    int t = word(std::string_view(l).substr(0, dash)),
        o = word(std::string_view(l).substr(dash + 1));
    return t >= 20 && o > 0 && o < 10 ? t + o : 0;
  }
  std::u32string u;
  std::string digits;
  for (size_t i = 0; i < s.size();) {
    auto d = text::decode_at(s, i);
    u += d.cp;
    if (d.cp >= U'0' && d.cp <= U'9') digits += static_cast<char>(d.cp);
    if (d.cp >= 0xFF10 && d.cp <= 0xFF19) digits += static_cast<char>('0' + (d.cp - 0xFF10));
    i += d.size ? d.size : 1;
  }
  if (!digits.empty() && digits.size() == u.size() && digits.size() <= 4) return std::stoi(digits);
  auto v = parse_chinese_numeral(u);
  return v ? static_cast<int>(*v) : 0;
}

// Blocks whose text carries facts (as facts/extract.cpp reads them).
inline bool has_facts(parse::BlockType t) {
  return t == parse::BlockType::Paragraph || t == parse::BlockType::Caption ||
         t == parse::BlockType::Headline || t == parse::BlockType::Subheadline ||
         t == parse::BlockType::Kicker || t == parse::BlockType::Subhead;
}

// The index of the sentence holding byte `at`, or -1.
inline int sentence_at(const std::vector<Sentence>& ss, uint32_t at) {
  for (size_t i = 0; i < ss.size(); ++i)
    if (at >= ss[i].begin && at < ss[i].end) return static_cast<int>(i);
  return -1;
}

// Four-digit years (1000–2999) written in [b, e) of `text`, with 年 or as an English year.
inline std::vector<int> years_in(std::string_view text, uint32_t b, uint32_t e) {
  static const RE2 re(R"((?:^|[^0-9０-９])([12][0-9]{3})(?:年|[^0-9年]|$))");
  std::vector<int> out;
  re2::StringPiece in(text.data() + b, e - b), y;
  while (RE2::FindAndConsume(&in, re, &y))
    out.push_back(std::stoi(std::string(y.data(), y.size())));
  return out;
}

}  // namespace tally::facts::date_text
