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
    case Format::Pdf:
      return "pdf";
  }
  return "?";
}

std::string detect_language(const std::vector<Block>& blocks) {
  // Han characters against Latin letters, three letters to one character. The count stops once
  // the bytes left cannot change the answer: each of them adds at most one letter, and a Han
  // character takes three of them (counting to the end read every article twice over).
  size_t han = 0, latin = 0, left = 0;
  for (const auto& b : blocks) left += b.text.text.size();
  for (const auto& b : blocks) {
    const std::string& t = b.text.text;
    for (size_t i = 0; i < t.size();) {
      if (han * 3 >= latin + left) return "zh";
      if ((han + left / 3) * 3 < latin) return "en";
      // (Asked every 256 bytes or so: per character it cost as much as the count.)
      size_t from = i, stop = std::min(t.size(), i + 256);
      while (i < stop) {
        unsigned c = static_cast<unsigned char>(t[i]);
        if (c < 0x80) {
          if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ++latin;
          ++i;
          continue;
        }
        // (The main Han block from its bytes, as decode_at would read it: lead E5-E9, or E4
        // with a second byte from B8.)
        if (c >= 0xE4 && c <= 0xE9 && t.size() - i >= 3 &&
            (static_cast<unsigned char>(t[i + 1]) & 0xC0) == 0x80 &&
            (static_cast<unsigned char>(t[i + 2]) & 0xC0) == 0x80 &&
            (c != 0xE4 || static_cast<unsigned char>(t[i + 1]) >= 0xB8)) {
          ++han;
          i += 3;
          continue;
        }
        auto d = text::decode_at(t, i);
        if (text::is_ideograph(d.cp)) ++han;
        i += d.size ? d.size : 1;
      }
      left -= i - from;
    }
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

std::optional<SpanBox> Document::box_of(Span span) const {
  // The first placed line that holds the span's first byte, then every line up to its end.
  auto it = std::lower_bound(placed.begin(), placed.end(), span.begin,
                             [](const PlacedLine& l, uint32_t off) { return l.span.end <= off; });
  if (it == placed.end() || it->span.begin > span.begin) return std::nullopt;
  auto x_at = [](const PlacedLine& l, uint32_t off, bool end) {
    if (l.edges.empty()) return end ? l.x1 : l.x0;
    size_t k = off > l.span.begin ? off - l.span.begin : 0;
    return l.edges[std::min(k, l.edges.size() - 1)];
  };
  SpanBox b;
  b.page = it->page;
  b.line = it->span;
  b.x0 = x_at(*it, span.begin, false);
  b.y0 = it->y0;
  b.y1 = it->y1;
  b.x1 = it->x1;
  bool single = span.end <= it->span.end;
  if (single) {
    b.x1 = std::max(b.x0, x_at(*it, span.end, true));
    return b;
  }
  for (auto j = it + 1; j != placed.end() && j->span.begin < span.end && j->page == b.page; ++j) {
    b.x0 = std::min(b.x0, j->x0);
    b.x1 = std::max(b.x1, j->x1);
    b.y0 = std::min(b.y0, j->y0);
    b.y1 = std::max(b.y1, j->y1);
  }
  return b;
}

}  // namespace tally::parse
