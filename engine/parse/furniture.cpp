#include "parse/furniture.hpp"

#include <re2/re2.h>

#include <string>

namespace tally::parse {

namespace {

constexpr size_t kMastheadLines = 16;  // non-blank lines at the top a masthead may take

std::string_view content(std::string_view bytes, const Line& l) {
  return bytes.substr(l.span.begin, l.span.size());
}

// The patterns come in groups, each compiled the first time it is needed (compiling them all
// was 24 M instructions, a third of `tally check` on an empty file): an empty draft needs
// none, a page without a masthead never the label or the date fields.
struct Masthead {
  // A line that is only a date, as a masthead's date line prints it.
  RE2 en_date{
      R"(^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December),?\s+\d{4})$)"};
  RE2 zh_date{
      R"(^(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*日)\s*(?:星期|周)?[一二三四五六日天]?\s*$)"};
  // A full date with its weekday, as only a page's date line prints it.
  RE2 zh_dated{R"(^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]$)"};
  // Edition and issue numbers: a serial number (CN 11-0138, ISSN 1234-5678), "总第3807期".
  RE2 issue{
      R"(出版物号|ISSN\s*\d{4}-\d{3}[\dX]|\bCN\s*\d{2}-\d{4}|总第\s*\d+\s*期|今日\s*\d+\s*版)"};
};

struct Prepress {
  // Colour-bar letters (cyan, magenta, yellow, black) and prepress ids (a UUID).
  RE2 colour_bar{R"(^[CMYK]{2,4}$)"};
  RE2 uuid{R"(^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)"};
};

// A short label under the date line: "Editorial", "Chennai", "要闻", a folio "8".
const RE2& label() {
  static const RE2 re{R"(^(?:\pL[\pL.&'’-]*(?: \pL[\pL.&'’-]*)?|\p{Han}{2,6}|\d{1,3})$)"};
  return re;
}

// A date inside a masthead line, its fields captured.
struct DateFields {
  RE2 en_full{
      R"((January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),?\s+(\d{4}))"};
  RE2 en_day_first{
      R"((\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December),?\s+(\d{4}))"};
  RE2 zh_full{R"((\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)"};
  RE2 slashed{R"((\d{4})/(\d{1,2})/(\d{1,2}))"};
};

const Masthead& masthead() {
  static const Masthead p;
  return p;
}

const Prepress& prepress() {
  static const Prepress p;
  return p;
}

const DateFields& date_fields() {
  static const DateFields p;
  return p;
}

int month_number(const std::string& name) {
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  for (int m = 0; m < 12; ++m)
    if (name == kMonths[m]) return m + 1;
  return 0;
}

// Whether a line may be a date line on its own: each of en_date, zh_date and zh_dated opens
// with a letter or digit and en_date ends in its year. The patterns are tried only on lines
// that pass these byte tests (a call into RE2 costs about a thousand instructions even when it
// fails at once, and this runs on every line of every page).
bool opens_digit(std::string_view s) {
  return !s.empty() && s[0] >= '0' && s[0] <= '9';
}
bool ends_digit(std::string_view s) {
  return !s.empty() && s.back() >= '0' && s.back() <= '9';
}
// Whether `s` holds the Han word `w`, found by its bytes from the third on: a Han character's
// lead byte opens a third of a Chinese line's characters, and finding the word by it stopped at
// each of them (this runs on the top lines of every page).
bool has_han_word(std::string_view s, std::string_view w) {
  std::string_view tail = w.substr(2);
  for (size_t k = s.find(tail, 2); k != std::string_view::npos; k = s.find(tail, k + 1))
    if (s.compare(k - 2, 2, w.substr(0, 2)) == 0) return true;
  return false;
}

// What every match of `issue` holds.
bool may_be_issue(std::string_view s) {
  if (s.find("ISSN") != std::string_view::npos || s.find("CN") != std::string_view::npos)
    return true;
  for (std::string_view w : {"出版物号", "总第", "今日"})
    if (has_han_word(s, w)) return true;
  return false;
}

bool masthead_line(std::string_view s) {
  const auto& p = masthead();
  return (ends_digit(s) && RE2::FullMatch(s, p.en_date)) ||
         (opens_digit(s) && RE2::FullMatch(s, p.zh_date)) ||
         (may_be_issue(s) && RE2::PartialMatch(s, p.issue));
}

}  // namespace

std::optional<Date> masthead_date(std::string_view text) {
  const auto& p = date_fields();
  std::string month;
  int y = 0, m = 0, d = 0;
  Date dt;
  if (RE2::PartialMatch(text, p.en_full, &month, &d, &y))
    dt = {y, month_number(month), d};
  else if (RE2::PartialMatch(text, p.en_day_first, &d, &month, &y))
    dt = {y, month_number(month), d};
  else if (RE2::PartialMatch(text, p.zh_full, &y, &m, &d) ||
           RE2::PartialMatch(text, p.slashed, &y, &m, &d))
    dt = {y, m, d};
  else
    return std::nullopt;
  return parse_iso_date(dt.iso());
}

void mark_furniture(std::string_view bytes, std::vector<Line>& lines) {
  // The masthead: everything down to its last date or issue line within the top lines, then
  // the short labels standing alone right under it.
  size_t seen = 0, last = lines.size();
  for (size_t i = 0; i < lines.size() && seen < kMastheadLines; ++i) {
    if (lines[i].role == LineRole::Blank) continue;
    ++seen;
    if (masthead_line(content(bytes, lines[i]))) last = i;
  }
  if (last < lines.size()) {
    for (size_t i = 0; i <= last; ++i)
      if (lines[i].role != LineRole::Blank) lines[i].role = LineRole::PageHeader;
    for (size_t i = last + 1; i < lines.size(); ++i) {
      if (lines[i].role == LineRole::Blank) continue;
      bool alone = lines[i - 1].role == LineRole::Blank &&
                   (i + 1 == lines.size() || lines[i + 1].role == LineRole::Blank);
      if (!alone || !RE2::FullMatch(content(bytes, lines[i]), label())) break;
      lines[i].role = LineRole::PageHeader;
    }
  }
  for (auto& l : lines) {
    if (l.role == LineRole::Blank) continue;
    const auto& p = prepress();
    const auto& m = masthead();
    auto s = content(bytes, l);
    // (The date line too wherever pdftotext printed it: a line that is only a date with its
    // year is no article's text.)
    // (Each pattern only where its matches can be: two to four letters, 36 bytes, a last
    // digit, a first one.)
    if ((s.size() >= 2 && s.size() <= 4 && RE2::FullMatch(s, p.colour_bar)) ||
        (s.size() == 36 && RE2::FullMatch(s, p.uuid)) ||
        (ends_digit(s) && RE2::FullMatch(s, m.en_date)) ||
        (opens_digit(s) && RE2::FullMatch(s, m.zh_dated)))
      l.role = LineRole::PageHeader;
  }
  // Figures right under a furniture line go on from it (the telephone number after the
  // editors' credits): no article has text without a letter in it.
  // One line only (walked backwards, so each line looks at its neighbour's role as classified):
  // a table of figures under a credit or a date line is still the page's text.
  for (size_t i = lines.size(); i-- > 1;)
    if (lines[i].role == LineRole::Text && !lines[i].letters &&
        lines[i - 1].role == LineRole::PageHeader)
      lines[i].role = LineRole::PageHeader;
}

}  // namespace tally::parse
