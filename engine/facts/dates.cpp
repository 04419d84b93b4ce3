#include "facts/dates.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <mutex>

#include "facts/date_starts.hpp"
#include "facts/numbers.hpp"
#include "facts/re2_match.hpp"
#include "facts/record_hooks.hpp"
#include "text/utf8.hpp"

namespace tally::facts {

namespace {

int days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  bool leap = y > 0 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
  return m == 2 && (leap || y == 0) ? 29 : d[m - 1];
}

bool check(const DateFact& f) {
  if (f.month && (f.month < 1 || f.month > 12)) return false;
  if (f.day && (f.day < 1 || f.day > days_in_month(f.year, f.month ? f.month : 1))) return false;
  return true;
}

int cn_weekday(std::string_view w) {
  static constexpr std::string_view names[] = {"一", "二", "三", "四", "五", "六", "日"};
  for (size_t i = 0; i < std::size(names); ++i)
    if (w == names[i]) return static_cast<int>(i) + 1;
  if (w == "天") return 7;
  return 0;
}

int month_of(std::string_view name) {
  static constexpr std::string_view m[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                           "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string l;
  for (char c : name.substr(0, 3)) l += static_cast<char>(c | 0x20);
  for (size_t i = 0; i < std::size(m); ++i)
    if (l == m[i]) return static_cast<int>(i) + 1;
  return 0;
}

int en_weekday(std::string_view name) {
  static constexpr std::string_view d[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  std::string l;
  for (char c : name.substr(0, 3)) l += static_cast<char>(c | 0x20);
  for (size_t i = 0; i < std::size(d); ++i)
    if (l == d[i]) return static_cast<int>(i) + 1;
  return 0;
}

// A date field as written: ASCII or full-width digits, or Chinese numerals.
int number_of(const std::string& s) {
  if (s.empty()) return 0;
  std::u32string u;
  std::string digits;
  for (size_t i = 0; i < s.size();) {
    auto d = text::decode_at(s, i);
    u += d.cp;
    if (d.cp >= U'0' && d.cp <= U'9') digits += static_cast<char>(d.cp);
    if (d.cp >= 0xFF10 && d.cp <= 0xFF19) digits += static_cast<char>('0' + (d.cp - 0xFF10));
    i += d.size ? d.size : 1;
  }
  if (!digits.empty() && digits.size() == u.size()) {
    int v = 0;  // from_chars, not stoi: too many digits is no date, not an exception
    auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    return r.ec == std::errc() ? v : 0;
  }
  auto v = parse_chinese_numeral(u);
  return v ? static_cast<int>(*v) : 0;
}

// Month or year count in English words ("six months").
int english_count(const std::string& s) {
  static constexpr std::string_view w[] = {"one",   "two",   "three", "four", "five",   "six",
                                           "seven", "eight", "nine",  "ten",  "eleven", "twelve"};
  std::string l;
  for (char c : s) l += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  for (size_t i = 0; i < std::size(w); ++i)
    if (l == w[i]) return static_cast<int>(i) + 1;
  return number_of(s);
}

constexpr const char* kEnMonths =
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

// "1400 GMT", "1945 local time": a clock time where a year would stand.
bool clock_time_after(std::string_view text, size_t end) {
  static const RE2 re(
      R"(^[ \t]*(?:GMT|BST|CET|EST|EDT|PST|PDT|UTC|ET\b|hrs\b|hours\b|local\b|[ap]\.?m\b))");
  re2::StringPiece rest(text.data() + end, text.size() - end);
  return RE2::PartialMatch(rest, re);
}

// "In May 45 people died", "in March 60 pct": a month followed by a count, not a day. A day
// number after a month-level preposition that runs straight into a word or a figure is a count.
bool english_count_after_month(std::string_view text, size_t begin, size_t end) {
  static const RE2 before(R"((?i)\b(in|during|early|late|mid|for)[ \t]+$)");
  static const RE2 after(R"(^[ \t]*(?:[a-z0-9%]|pct\b|percent\b))");
  re2::StringPiece b(text.data(), begin), a(text.data() + end, text.size() - end);
  static const RE2 figure(R"(^(?:%|\.\d|,\d|:\d|\d))");
  if (RE2::PartialMatch(a, figure)) return true;
  return RE2::PartialMatch(b, before) && RE2::PartialMatch(a, after);
}

// "Feb'87   Jan'87", "1.5 March": a day number that is the tail of a figure or a year.
bool figure_before(std::string_view text, size_t begin) {
  static const RE2 re(R"([0-9.,:/'’-]$)");
  return RE2::PartialMatch(re2::StringPiece(text.data(), begin), re);
}

struct Pattern {
  enum What {
    YMD,
    YM,
    Y,
    MD,
    M,
    Slash,
    EnMDY,
    EnDMY,
    EnMY,
    RelYM,
    RelY,
    RecentN,
    Dur,
    EnRel,
    EnDur,
    EnY,
    EnMD,
    EnDM
  };
  // `\d` in a pattern also matches full-width digits ("２０２４年３月").
  Pattern(const std::string& re, What w, uint32_t f) : source(widen_digits(re)), what(w), form(f) {}
  static std::string widen_digits(const std::string& re) {
    std::string out;
    for (size_t i = 0; i < re.size(); ++i) {
      if (re[i] == '\\' && i + 1 < re.size() && re[i + 1] == 'd') {
        out += "[0-9０-９]";
        ++i;
      } else if (re[i] == '\\' && i + 1 < re.size()) {
        out += re.substr(i, 2);
        ++i;
      } else {
        out += re[i];
      }
    }
    return out;
  }
  // Compiled on first use: a page with no English never builds the English forms.
  const RE2& re() const {
    std::call_once(once_, [this] { re_ = std::make_unique<RE2>(source); });
    return *re_;
  }
  std::string source;
  What what;
  // The date_starts bit a match of it needs at its start (0 for the English forms).
  uint32_t form;

 private:
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> re_;
};

const std::vector<std::unique_ptr<Pattern>>& patterns() {
  static const auto p = [] {
    std::vector<std::unique_ptr<Pattern>> v;
    namespace ds = date_starts;
    auto add = [&](const std::string& re, Pattern::What w, uint32_t form = 0) {
      v.push_back(std::make_unique<Pattern>(re, w, form));
    };
    const char* n = R"((\d{1,2}|[一两二三四五六七八九十]{1,3}))";
    // Months and days may be written in Chinese numerals after a year: "二〇二三年十月".
    const std::string mon = R"((\d{1,2}|十[一二]?|[一二三四五六七八九]))";
    const std::string day = R"((\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]))";
    const std::string year = R"((\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*)";
    add(year + mon + R"(\s*月\s*)" + day + R"(\s*[日号])", Pattern::YMD, ds::kYear);
    add(year + mon + R"(\s*月)", Pattern::YM, ds::kYear);
    add(R"((同年|去年|今年|明年|前年|当年|次年|翌年)\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)",
        Pattern::RelYM, ds::kRelative);
    add(R"((\d{4})/(\d{1,2})/(\d{1,2}))", Pattern::Slash, ds::kSeparated);
    add(R"((\d{4})-(\d{1,2})-(\d{1,2}))", Pattern::Slash, ds::kSeparated);
    add(R"((\d{4})\.(\d{1,2})\.(\d{1,2}))", Pattern::Slash, ds::kSeparated);
    add(R"((今年以来|去年以来|今年|去年|前年|明年|同年|当年|次年|翌年))", Pattern::RelY,
        ds::kRelative);
    add(std::string(R"((近|过去)\s*)") + n + R"(\s*年)", Pattern::RecentN, ds::kRecent);
    add(R"((\d{4}|[〇零一二三四五六七八九]{4})\s*年(?:以来|度)?)", Pattern::Y, ds::kYear);
    add(R"((\d{1,2})\s*月\s*(\d{1,2})\s*[日号])", Pattern::MD, ds::kMonth);
    add(R"((为期)?\s*(\d+|[一二三四五六七八九十百]+)\s*个\s*(月|日夜|星期|小时))", Pattern::Dur,
        ds::kCount);
    add(R"((为期)?\s*(\d+|[一两二三四五六七八九十百]+)\s*(天|周|小时|分钟))", Pattern::Dur,
        ds::kUnit);
    // "一年来", "这一年", "工作 5 年": a span of years (a calendar year has four digits).
    add(R"(([一两二三四五六七八九十]{1,3}|\d{1,2})\s*(年)(?:来|前|后|内|间|里)?)", Pattern::Dur,
        ds::kYear);
    add(R"((\d{1,2})\s*月)", Pattern::M, ds::kMonth);
    // "三月开学季", "十二月": months in Chinese numerals (not "三个月", not "统一月").
    add(R"(((?:十[一二]?)|[一二三四五六七八九])月)", Pattern::M, ds::kMonth);
    // "3·15": a day named by its date.
    add(R"((\d{1,2})·(\d{1,2}))", Pattern::MD, ds::kDot);
    // English dates stay on one line: "Saturday, 26 February⏎⏎1400 GMT" is a date and a
    // kick-off time.
    add(R"((?i)((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*)\.?[ \t]+(\d{1,2}),?[ \t]+(\d{4}))",
        Pattern::EnMDY);
    add(R"((?i)(\d{1,2}) ((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\.?,?[ \t]+(\d{4}))",
        Pattern::EnDMY);
    add(R"((?i)\b((?:January|February|March|April|May|June|July|August|September|October|November|December))[ \t]+(\d{4}))",
        Pattern::EnMY);
    // Without a year ("March 25", "Sept 30", "1 March"): the year comes from the article. Month
    // names are capitalised here, so "may 25" stays a verb and a number.
    add(std::string(R"(\b()") + kEnMonths + R"()\.?[ \t]+(\d{1,2})\b)", Pattern::EnMD);
    add(std::string(R"(\b(\d{1,2}) ()") + kEnMonths + R"()\b)", Pattern::EnDM);
    add(R"((?i)\b(last year|this year|next year|last month|this month|next month))",
        Pattern::EnRel);
    // "in 2024", "since 2019": a year in English copy (the preposition is not part of it).
    add(R"((?i)\b(?:in|since|during|until|by|from|before|after|of|through)\s+((?:19|20)\d\d)\b)",
        Pattern::EnY);
    add(R"((?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(years?|months?|weeks?|days?|hours?)\b)",
        Pattern::EnDur);
    return v;
  }();
  return p;
}

bool english(Pattern::What w) {
  switch (w) {
    case Pattern::EnMDY:
    case Pattern::EnDMY:
    case Pattern::EnMY:
    case Pattern::EnRel:
    case Pattern::EnDur:
    case Pattern::EnY:
    case Pattern::EnMD:
    case Pattern::EnDM:
      return true;
    default:
      return false;
  }
}

// Whether English form `w` can start with byte `b`: its first letters (either case under (?i),
// whose long s starts C5 and Kelvin sign E2), or a figure (full-width ones start EF).
bool may_begin_english(Pattern::What w, unsigned char b) {
  bool figure = (b >= '0' && b <= '9') || b == 0xEF;
  if (b == 0xC5 || b == 0xE2) return w != Pattern::EnDMY && w != Pattern::EnDM;
  char l = static_cast<char>(b | 0x20);
  auto in = [&](std::string_view letters) {
    return ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') && letters.find(l) != std::string_view::npos;
  };
  switch (w) {
    case Pattern::EnMDY:
    case Pattern::EnMY:
      return in("jfmasond");
    case Pattern::EnMD:  // month names as written, capitalised
      return b == 'J' || b == 'F' || b == 'M' || b == 'A' || b == 'S' || b == 'O' || b == 'N' ||
             b == 'D';
    case Pattern::EnDMY:
    case Pattern::EnDM:
      return figure;
    case Pattern::EnRel:
      return in("ltn");
    case Pattern::EnY:
      return in("isdubfaot");
    case Pattern::EnDur:
      return figure || in("otfsen");
    default:
      return true;
  }
}

// Every English form holds a key where its leading words end: its month name ("Sept 30",
// "5 March", "March 2024"), the "19"/"20" of its year ("in 2024"), or year, month, week, day or
// hour ("six months", "last year"). Whether one begins at byte `i`: the first three letters in
// either case (RE2's (?i); "ſep" too, the long s being the one character outside ASCII it folds
// onto a letter of these words), or the year's first two figures.
// The bytes a key can begin with, looked up before the key itself: most bytes are not one.
constexpr auto kEnglishKeyFirst = [] {
  std::array<bool, 256> a{};
  for (char c : std::string_view("jfmasondywh")) a[static_cast<unsigned char>(c)] = true;
  for (char c : std::string_view("JFMASONDYWH")) a[static_cast<unsigned char>(c)] = true;
  a['1'] = a['2'] = a[0xC5] = true;
  return a;
}();

inline bool english_key_at(std::string_view t, size_t i) {
  auto c = static_cast<unsigned char>(t[i]);
  if (!kEnglishKeyFirst[c]) return false;
  if (i + 1 < t.size() && ((c == '1' && t[i + 1] == '9') || (c == '2' && t[i + 1] == '0')))
    return true;
  auto low = [&](size_t k) { return static_cast<unsigned char>(t[k]) | 0x20u; };
  if (c == 0xC5)
    return i + 3 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xBF && low(i + 2) == 'e' &&
           low(i + 3) == 'p';
  if (i + 2 >= t.size()) return false;
  switch (low(i) << 16 | low(i + 1) << 8 | low(i + 2)) {
#define KEY(a, b, c) case (unsigned(a) << 16 | unsigned(b) << 8 | unsigned(c)):
    KEY('j', 'a', 'n')
    KEY('f', 'e', 'b')
    KEY('m', 'a', 'r')
    KEY('a', 'p', 'r')
    KEY('m', 'a', 'y')
    KEY('j', 'u', 'n')
    KEY('j', 'u', 'l')
    KEY('a', 'u', 'g')
    KEY('s', 'e', 'p')
    KEY('o', 'c', 't')
    KEY('n', 'o', 'v')
    KEY('d', 'e', 'c')
    KEY('y', 'e', 'a')
    KEY('m', 'o', 'n')
    KEY('w', 'e', 'e')
    KEY('d', 'a', 'y')
    KEY('h', 'o', 'u')
#undef KEY
    return true;
    default:
      return false;
  }
}

// What an English form holds before its key, if anything: one word (a figure, a number word,
// "in", "last": ASCII letters and figures, full-width figures EF BC 90-99, the long s C5 BF)
// and then blanks (RE2's \s; a single space in "5 March"). Any byte of those sequences counts:
// a wider class only means more places tried.
bool english_lead_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool english_lead_word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == 0xC5 ||
         c == 0xBF || c == 0xEF || c == 0xBC || (c >= 0x90 && c <= 0x99);
}

constexpr uint32_t bit(Pattern::What w) {
  return 1u << static_cast<unsigned>(w);
}

// The English forms that may match from byte `q` (a superset: RE2 decides). One that starts
// with a letter starts with a month's first three letters ("Sept 30", "March 2024") or is one
// of the words last/this/next, in/since/during/until/by/from/before/after/of/through or
// one..twelve ("last year", "in 2024", "six months"); one that starts with a figure has blanks
// after its figures and then a month or year/month/week/day/hour ("5 March", "120 days").
// Under (?i) the long s and the Kelvin sign fold onto letters: a word running into a byte
// outside ASCII is left to RE2, as are full-width figures.
uint32_t english_forms_at(std::string_view t, size_t q) {
  constexpr uint32_t by_month = bit(Pattern::EnMDY) | bit(Pattern::EnMY) | bit(Pattern::EnMD);
  constexpr uint32_t after_figure = bit(Pattern::EnDMY) | bit(Pattern::EnDM) | bit(Pattern::EnDur);
  constexpr uint32_t by_letter =
      by_month | bit(Pattern::EnRel) | bit(Pattern::EnY) | bit(Pattern::EnDur);
  auto c = static_cast<unsigned char>(t[q]);
  auto letter = [](unsigned char b) { return (b | 0x20) >= 'a' && (b | 0x20) <= 'z'; };
  auto low = [&](size_t k) { return static_cast<char>(t[k] | 0x20); };
  auto month_at = [&](size_t w, size_t e) {
    if (e - w < 3) return false;
    static constexpr std::string_view months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                  "jul", "aug", "sep", "oct", "nov", "dec"};
    char first[3] = {low(w), low(w + 1), low(w + 2)};
    for (auto m : months)
      if (std::string_view(first, 3) == m) return true;
    return false;
  };
  auto word_end = [&](size_t w) {
    while (w < t.size() && letter(static_cast<unsigned char>(t[w]))) ++w;
    return w;
  };
  auto beyond_ascii = [&](size_t e) {
    return e < t.size() && static_cast<unsigned char>(t[e]) >= 0x80;
  };
  if (c >= 0x80) return by_letter | after_figure;
  if (c >= '0' && c <= '9') {
    size_t e = q;
    while (e < t.size() && t[e] >= '0' && t[e] <= '9') ++e;
    if (beyond_ascii(e)) return after_figure;
    size_t w = e;
    while (w < t.size() && english_lead_blank(static_cast<unsigned char>(t[w]))) ++w;
    if (w == e || w >= t.size()) return 0;
    if (beyond_ascii(w)) return after_figure;
    size_t we = word_end(w);
    if (we == w) return 0;
    if (beyond_ascii(we)) return after_figure;
    uint32_t f = month_at(w, we) ? bit(Pattern::EnDMY) | bit(Pattern::EnDM) : 0;
    char u[5] = {};
    for (size_t k = w; k < we && k < w + 5; ++k) u[k - w] = low(k);
    std::string_view unit(u, std::min<size_t>(we - w, 5));
    for (std::string_view x : {"year", "month", "week", "day", "hour"})
      if (unit.substr(0, x.size()) == x) f |= bit(Pattern::EnDur);
    return f;
  }
  if (!letter(c)) return 0;
  size_t e = word_end(q);
  if (beyond_ascii(e)) return by_letter;
  uint32_t f = month_at(q, e) ? by_month : 0;
  if (e - q > 7) return f;  // longer than "through": no word of the lists below
  char w[8] = {};
  for (size_t k = q; k < e; ++k) w[k - q] = low(k);
  std::string_view word(w, e - q);
  // The words by their first letter: most letters begin none of them.
  constexpr uint32_t rel = bit(Pattern::EnRel), in = bit(Pattern::EnY), n = bit(Pattern::EnDur);
  auto is = [&](std::string_view x, uint32_t b) {
    if (word == x) f |= b;
  };
  switch (w[0]) {
    case 'a':
      is("after", in);
      break;
    case 'b':
      is("by", in);
      is("before", in);
      break;
    case 'd':
      is("during", in);
      break;
    case 'e':
      is("eight", n);
      is("eleven", n);
      break;
    case 'f':
      is("from", in);
      is("four", n);
      is("five", n);
      break;
    case 'i':
      is("in", in);
      break;
    case 'l':
      is("last", rel);
      break;
    case 'n':
      is("next", rel);
      is("nine", n);
      break;
    case 'o':
      is("of", in);
      is("one", n);
      break;
    case 's':
      is("since", in);
      is("six", n);
      is("seven", n);
      break;
    case 't':
      is("this", rel);
      is("through", in);
      is("two", n);
      is("three", n);
      is("ten", n);
      is("twelve", n);
      break;
    case 'u':
      is("until", in);
      break;
    default:
      break;
  }
  return f;
}

// The leftmost place at or after `pos` where any pattern matches: the nearer of the two
// alternations' next matches, each remembered while it lies ahead (a later scan from further
// on would find the same start). npos when none.
class Candidates {
 public:
  // `letters`: whether the text has an ASCII letter, which every English form needs.
  Candidates(std::string_view text, bool letters) : whole_(text.data(), text.size()) {
    done_[1] = !letters;
  }
  size_t next(size_t pos) { return std::min(next_of(0, pos), next_of(1, pos)); }

 private:
  size_t next_of(int k, size_t pos) {
    if (done_[k] || (ahead_[k] != std::string_view::npos && ahead_[k] >= pos)) return ahead_[k];
    return k == 0 ? next_other(pos) : next_english(pos);
  }
  // A place at or after `pos` where a form other than the English ones may start (see
  // facts/date_starts.hpp), none of them before it: every place where one matches, and some
  // where none does (find_dates then tries the forms there, finds none and moves on). Trying
  // their alternation at each figure and numeral instead cost more than finding the dates.
  size_t next_other(size_t pos) {
    size_t q = date_starts::next_start(std::string_view(whole_.data(), whole_.size()), pos);
    if (q == std::string_view::npos) done_[0] = true;
    return ahead_[0] = q;
  }
  // The leftmost place where the English alternation matches: a match starts at its key, at
  // the start of the key's word, or at the word before the blanks before it, so the
  // alternation is tried anchored from the start of that word (not before `pos` or a key already
  // tried) to the key. RE2's unanchored scan of that alternation costs about 50 instructions a
  // byte; looking for keys costs a few, and most words are not one.
  size_t next_english(size_t pos) {
    std::string_view t(whole_.data(), whole_.size());
    size_t floor = pos;
    for (size_t key = pos; key < t.size(); ++key) {
      if (!english_key_at(t, key)) continue;
      size_t q = key;
      // The key's own word first: "20" is a key inside the figure of "120 days", whose match
      // starts at the "1" (skipping it, the "day" key's walk stopped after the "20" tried).
      while (q > floor && english_lead_word_byte(static_cast<unsigned char>(t[q - 1]))) --q;
      size_t word = q;
      while (q > floor && english_lead_blank(static_cast<unsigned char>(t[q - 1]))) --q;
      if (q < word)
        while (q > floor && english_lead_word_byte(static_cast<unsigned char>(t[q - 1]))) --q;
      for (; q <= key; ++q) {
        auto c = static_cast<unsigned char>(t[q]);
        bool may_begin = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
                         c == 0xC5 || c == 0xE2 || c == 0xEF;
        if (may_begin && english_forms_at(t, q)) return ahead_[1] = q;
      }
      floor = key + 1;
    }
    done_[1] = true;
    return ahead_[1] = std::string_view::npos;
  }
  re2::StringPiece whole_;
  size_t ahead_[2] = {std::string_view::npos, std::string_view::npos};
  bool done_[2] = {false, false};
};

}  // namespace

int weekday_of(int y, int m, int d) {
  // Sakamoto's method: 0 Sunday … 6 Saturday.
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  int w = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
  return w == 0 ? 7 : w;
}

std::vector<DateFact> find_dates(std::string_view text) {
  std::vector<DateFact> out;
  std::vector<std::pair<uint32_t, uint32_t>> taken;
  auto overlaps = [&](uint32_t b, uint32_t e) {
    for (auto [tb, te] : taken)
      if (b < te && e > tb) return true;
    return false;
  };
  // The alternations find where a date may start; the patterns, in priority
  // order, are then tried anchored there.
  re2::StringPiece whole(text.data(), text.size());
  bool letters = date_starts::has_ascii_letter(text);
  Candidates candidates(text, letters);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = candidates.next(pos);
    if (start == std::string_view::npos) break;
    bool matched = false;
    // What the first byte rules out: the English forms start with a figure, an ASCII letter or
    // (under RE2's (?i)) the long s, or a full-width figure (bytes C5, EF; E2 kept to be safe);
    // the others with a figure, a blank or a CJK character, never an ASCII letter.
    auto b0 = static_cast<unsigned char>(text[start]);
    bool ascii_letter = (b0 | 0x20) >= 'a' && (b0 | 0x20) <= 'z';
    bool english_start =
        (b0 >= '0' && b0 <= '9') || ascii_letter || b0 == 0xC5 || b0 == 0xE2 || b0 == 0xEF;
    // The forms other than the English ones that may match here (facts/date_starts.hpp).
    uint32_t forms = date_starts::forms_at(text, start);
    uint32_t en_forms = letters ? english_forms_at(text, start) : 0;
    for (const auto& pp : patterns()) {
      const auto& p = *pp;
      if (!letters && english(p.what)) continue;  // it cannot match here
      if (!english(p.what) && !(p.form & forms)) continue;
      if (english(p.what) && !(bit(p.what) & en_forms)) continue;
      if (english(p.what) ? !english_start || !may_begin_english(p.what, b0) : ascii_letter)
        continue;
      re2::StringPiece g[5];
      if (!match_at(p.re(), whole, start, g, 5)) continue;
      auto b = static_cast<uint32_t>(g[0].data() - text.data());
      auto e = static_cast<uint32_t>(b + g[0].size());
      // Leading blanks of an optional group are not part of the date.
      while (b < e && text[b] == ' ') ++b;
      if (b == e || overlaps(b, e)) continue;
      auto s = [&](int i) {
        return std::string(g[i].data() ? std::string_view(g[i].data(), g[i].size()) : "");
      };
      DateFact f;
      f.begin = b;
      f.end = e;
      switch (p.what) {
        case Pattern::YMD:
          f.year = number_of(s(1));
          f.month = number_of(s(2));
          f.day = number_of(s(3));
          break;
        case Pattern::YM:
          f.year = number_of(s(1));
          f.month = number_of(s(2));
          break;
        case Pattern::Y:
          if (s(1).size() == 4 && s(1)[0] >= '0' && s(1)[0] <= '9') {
            // "2024件" is a count, "2024年" a year; only plausible years are dates.
            int y = number_of(s(1));
            if (y < 1000 || y > 2999) continue;
          }
          f.year = number_of(s(1));
          break;
        case Pattern::MD:
          f.month = number_of(s(1));
          f.day = number_of(s(2));
          break;
        case Pattern::M:  // "3 个月" is taken by the duration pattern before this one
          f.month = number_of(s(1));
          break;
        case Pattern::Slash:
          f.year = number_of(s(1));
          f.month = number_of(s(2));
          f.day = number_of(s(3));
          break;
        case Pattern::EnMDY:
          if (clock_time_after(text, e)) continue;
          f.month = month_of(s(1));
          f.day = number_of(s(2));
          f.year = number_of(s(3));
          break;
        case Pattern::EnDMY:
          if (clock_time_after(text, e) || figure_before(text, b)) continue;
          f.day = number_of(s(1));
          f.month = month_of(s(2));
          f.year = number_of(s(3));
          break;
        case Pattern::EnMY:
          if (clock_time_after(text, e)) continue;
          f.month = month_of(s(1));
          f.year = number_of(s(2));
          break;
        case Pattern::EnMD:
          if (english_count_after_month(text, b, e)) continue;
          f.month = month_of(s(1));
          f.day = number_of(s(2));
          if (f.day == 0) continue;
          break;
        case Pattern::EnDM:
          if (figure_before(text, b)) continue;
          f.day = number_of(s(1));
          f.month = month_of(s(2));
          if (f.day == 0) continue;
          break;
        case Pattern::RelYM:
          f.kind = DateKind::Relative;
          f.relative = s(1);
          f.month = number_of(s(2));
          if (!s(3).empty()) f.day = number_of(s(3));
          break;
        case Pattern::RelY:
          f.kind = DateKind::Relative;
          f.relative = s(1);
          break;
        case Pattern::RecentN:
          f.kind = DateKind::Relative;
          f.years_back = number_of(s(2));
          f.relative = "近N年";
          break;
        case Pattern::EnRel: {
          f.kind = DateKind::Relative;
          f.relative = s(1);
          for (auto& c : f.relative) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
          break;
        }
        case Pattern::EnY:
          if (clock_time_after(text, e)) continue;
          f.year = number_of(s(1));
          f.begin = b = static_cast<uint32_t>(g[1].data() - text.data());
          break;
        case Pattern::EnDur: {
          f.kind = DateKind::Duration;
          f.amount = english_count(s(1));
          std::string unit = s(2);
          for (auto& c : unit) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
          if (unit.back() == 's') unit.pop_back();
          f.unit = unit;
          break;
        }
        case Pattern::Dur: {
          // "开学第一周" is the first week, not a week-long period.
          if (b >= 3 && text.substr(b - 3, 3) == "第") continue;
          // "30周年" is an anniversary (facts/date_elapsed.cpp), not thirty weeks.
          if (text.substr(e, 3) == "年" && text.substr(e - 3, 3) == "周") continue;
          f.kind = DateKind::Duration;
          bool lead = p.re().NumberOfCapturingGroups() == 3;  // the form with "为期"
          std::string amount = lead ? s(2) : s(1);
          std::string unit = lead ? s(3) : s(2);
          f.amount = number_of(amount);
          f.unit = unit == "年"                     ? "year"
                   : unit == "分钟"                 ? "minute"
                   : unit == "月"                   ? "month"
                   : unit == "周" || unit == "星期" ? "week"
                   : unit == "小时"                 ? "hour"
                                                    : "day";
          break;
        }
      }
      if (f.kind == DateKind::Absolute && f.month == 0 && f.year == 0) continue;
      // A written weekday right after ("（周二）", "（星期二）") or before ("Tuesday, July 22").
      // Or after a comma inside the date's own brackets: "今天（1月1日，星期四）", "1月1日 星期四".
      static const RE2 cn_week(R"(^(\s*[（(](?:周|星期)([一二三四五六日天])[）)]))");
      static const RE2 cn_week_after(
          R"(^((?:[，,]|[ 　])\s*(?:周|星期)([一二三四五六日天]))(?:[）)，,。；;\s]|$))");
      re2::StringPiece rest(text.data() + f.end, text.size() - f.end), wg[3];
      if (match_at(cn_week, rest, 0, wg, 3) || match_at(cn_week_after, rest, 0, wg, 3)) {
        f.weekday = cn_weekday(std::string_view(wg[2].data(), wg[2].size()));
        f.end += static_cast<uint32_t>(wg[1].size());
      } else {
        static const RE2 en_week(R"((?i)((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?[ \t]+$)");
        re2::StringPiece before(text.data(), f.begin), name;
        if (RE2::PartialMatch(before, en_week, &name)) {
          f.weekday = en_weekday(std::string_view(name.data(), name.size()));
          f.begin = static_cast<uint32_t>(name.data() - text.data());
        }
      }
      f.valid = check(f);
      taken.push_back({f.begin, f.end});
      out.push_back(std::move(f));
      pos = e;
      matched = true;
      break;
    }
    if (!matched) {
      auto d = text::decode_at(text, start);
      pos = start + (d.size ? d.size : 1);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const DateFact& a, const DateFact& b) { return a.begin < b.begin; });
  return out;
}

namespace {

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// A date written without its year, on a page of `pub`: the year that puts it nearest the
// page ("December 28" on a page of January 3 is last year's), as copy means it.
int nearest_year(const parse::Date& pub, int month, int day) {
  if (!month) return pub.year;
  int here = pub.month * 31 + pub.day, there = month * 31 + (day ? day : 15);
  if (there - here > 6 * 31) return pub.year - 1;
  if (here - there > 6 * 31) return pub.year + 1;
  return pub.year;
}

}  // namespace

void resolve_dates(std::vector<DateFact*>& in_order, std::optional<parse::Date> pub) {
  int last_year = 0;
  for (auto* f : in_order) {
    if (f->kind == DateKind::Duration) continue;
    if (f->kind == DateKind::Absolute) {
      int y = f->year;
      if (!y && last_year) {
        y = last_year;
        f->anchor = "previous-date";
      } else if (!y && pub) {
        y = nearest_year(*pub, f->month, f->day);
        f->anchor = "publication";
      }
      // "February 29" without a year exists only if a year the article may mean is a leap year.
      if (!f->year && f->month == 2 && f->day == 29 && y && !leap(y) &&
          !(pub && leap(nearest_year(*pub, 2, 29))))
        f->valid = false;
      if (y && f->valid) f->resolved = parse::Date{y, f->month ? f->month : 1, f->day ? f->day : 1};
      if (f->year) last_year = f->year;
      continue;
    }
    int y = 0;
    const auto& r = f->relative;
    if ((r == "同年" || r == "当年") && last_year) {
      y = last_year;
      f->anchor = "previous-date";
    } else if ((r == "次年" || r == "翌年") && last_year) {
      y = last_year + 1;
      f->anchor = "previous-date";
    } else if (pub && (r == "今年" || r == "今年以来" || r == "this year" || r == "this month")) {
      y = pub->year;
      f->anchor = "publication";
    } else if (pub && (r == "去年" || r == "去年以来" || r == "last year")) {
      y = pub->year - 1;
      f->anchor = "publication";
    } else if (pub && r == "前年") {
      y = pub->year - 2;
      f->anchor = "publication";
    } else if (pub && (r == "明年" || r == "next year")) {
      y = pub->year + 1;
      f->anchor = "publication";
    } else if (pub && r == "近N年") {
      y = pub->year - f->years_back;
      f->anchor = "publication";
    }
    if (y) {
      if (f->valid) f->resolved = parse::Date{y, f->month ? f->month : 1, f->day ? f->day : 1};
      if (r != "近N年") last_year = y;
    }
  }
}

}  // namespace tally::facts

namespace tally::facts {

const char* date_kind_name(DateKind k) {
  switch (k) {
    case DateKind::Absolute:
      return "absolute";
    case DateKind::Relative:
      return "relative";
    case DateKind::Duration:
      return "duration";
  }
  return "?";
}

void write_fields(const At<DateFact>& x, const RecordContext&, RecordSink& sink) {
  const DateFact& d = x.fact;
  sink.string("kind", date_kind_name(d.kind));
  auto optional = [&](const char* key, int v) {
    if (v)
      sink.integer(key, v);
    else
      sink.null(key);
  };
  optional("year", d.year);
  optional("month", d.month);
  optional("day", d.day);
  optional("weekday", d.weekday);
  sink.boolean("valid", d.valid);
  sink.string("relative", d.relative);
  if (d.resolved)
    sink.string("resolved", d.resolved->iso());
  else
    sink.null("resolved");
  if (d.anchor.empty())
    sink.null("anchor");
  else
    sink.string("anchor", d.anchor);
  if (d.kind == DateKind::Duration) {
    sink.begin_object("duration");
    sink.number("amount", d.amount);
    sink.string("unit", d.unit);
    sink.end_object();
  }
}

}  // namespace tally::facts
