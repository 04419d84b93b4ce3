#include "parse/document.hpp"

#include <algorithm>
#include <cstdio>

#include "text/utf8.hpp"

namespace tally::parse {

const char* block_type_name(BlockType t) {
  switch (t) {
    case BlockType::PageHeader:
      return "page-header";
    case BlockType::Section:
      return "section";
    case BlockType::Kicker:
      return "kicker";
    case BlockType::Headline:
      return "headline";
    case BlockType::Subheadline:
      return "subheadline";
    case BlockType::Byline:
      return "byline";
    case BlockType::Dateline:
      return "dateline";
    case BlockType::Subhead:
      return "subhead";
    case BlockType::Paragraph:
      return "paragraph";
    case BlockType::Caption:
      return "caption";
    case BlockType::SignOff:
      return "sign-off";
  }
  return "?";
}

const char* format_name(Format f) {
  switch (f) {
    case Format::Page:
      return "page";
    case Format::Markdown:
      return "markdown";
    case Format::Lines:
      return "lines";
  }
  return "?";
}

std::string detect_language(const std::vector<Block>& blocks) {
  size_t han = 0, latin = 0;
  for (const auto& b : blocks)
    for (size_t i = 0; i < b.text.text.size();) {
      auto d = text::decode_at(b.text.text, i);
      if (text::is_ideograph(d.cp))
        ++han;
      else if ((d.cp | 0x20) >= 'a' && (d.cp | 0x20) <= 'z')
        ++latin;
      i += d.size ? d.size : 1;
    }
  return han * 3 >= latin ? "zh" : "en";
}

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::optional<Date> parse_iso_date(const std::string& s) {
  Date d;
  char tail = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%d%c", &d.year, &d.month, &d.day, &tail) != 3)
    return std::nullopt;
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > days[d.month - 1])
    return std::nullopt;
  bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  if (d.month == 2 && d.day == 29 && !leap) return std::nullopt;
  return d;
}

Span Article::extent() const {
  Span s{UINT32_MAX, 0};
  for (const auto& b : blocks) {
    s.begin = std::min(s.begin, b.span.begin);
    s.end = std::max(s.end, b.span.end);
  }
  if (blocks.empty()) s.begin = 0;
  return s;
}

}  // namespace tally::parse
