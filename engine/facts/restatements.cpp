#include "facts/restatements.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "facts/extract.hpp"
#include "facts/find_text.hpp"
#include "facts/record_hooks.hpp"
#include "text/utf8.hpp"

namespace tally::facts {

const char* restatement_evidence_name(RestatementEvidence e) {
  switch (e) {
    case RestatementEvidence::Heading:
      return "heading";
    case RestatementEvidence::Lead:
      return "lead";
    case RestatementEvidence::Opening:
      return "opening";
    case RestatementEvidence::LeadIn:
      break;
  }
  return "lead-in";
}

namespace {

using std::string;
using std::string_view;

// One figure as the matcher sees it: its value at its written precision, the measure class and
// the words around it that name what it is.
struct Fig {
  size_t block = 0;
  uint32_t b = 0, e = 0;  // logical bytes, measure included
  Span span;
  string text;
  double value = 0, lo = 0, hi = 0;
  string unit;                 // measure class
  bool bound = false;          // 至少, 超过, more than: a bound, not the figure
  string qual;                 // the bound's word
  bool upper = false;          // "up to", "不足": the figure is at most this
  int decimals = 0;            // as written
  std::u32string lead;         // zh: Han characters before it, qualifiers stripped
  std::u32string follow;       // zh: Han characters after it
  std::vector<string> words;   // en: lower-case words after the unit (the noun phrase)
  std::vector<string> before;  // en: lower-case words before it in its clause
  bool named = false;          // en: a capitalised word follows ("911 Turbo"): part of a name
  std::vector<string> party;   // en: names after "to", "from", "with" right after the figure
};

size_t prev_cp(string_view t, size_t pos) {
  size_t s = pos - 1;
  while (s > 0 && (static_cast<unsigned char>(t[s]) & 0xC0) == 0x80) --s;
  return s;
}

std::u32string han_before(string_view t, size_t pos, int max) {
  std::u32string out;
  while (pos > 0 && static_cast<int>(out.size()) < max) {
    size_t s = prev_cp(t, pos);
    auto d = text::decode_at(t, s);
    if (!text::is_ideograph(d.cp)) break;
    out.insert(out.begin(), d.cp);
    pos = s;
  }
  return out;
}

std::u32string han_after(string_view t, size_t pos, int max) {
  std::u32string out;
  while (pos < t.size() && static_cast<int>(out.size()) < max) {
    auto d = text::decode_at(t, pos);
    if (d.size == 0 || !text::is_ideograph(d.cp)) break;
    out.push_back(d.cp);
    pos += d.size;
  }
  return out;
}

bool ends_with(const std::u32string& s, std::u32string_view w) {
  return s.size() >= w.size() && std::u32string_view(s).substr(s.size() - w.size()) == w;
}

// Words between a lead-in and its figure that say how the figure is given, not what it is of:
// "已造成至少195人" and "造成195人" name the same thing.
constexpr std::u32string_view kQualifiers[] = {
    U"至少", U"最少", U"不少于", U"多达", U"超过", U"超",   U"逾", U"近", U"约", U"达到",
    U"达",   U"共计", U"总计",   U"合计", U"累计", U"共",   U"为", U"已", U"了", U"有",
    U"是",   U"突破", U"破",     U"增至", U"升至", U"降至", U"到", U"至"};

bool is_bound_word(std::u32string_view w) {
  return w == U"至少" || w == U"最少" || w == U"不少于" || w == U"多达" || w == U"超过" ||
         w == U"超" || w == U"逾" || w == U"突破" || w == U"破";
}

bool strip_qualifier(std::u32string& s, std::u32string* bound) {
  for (auto w : kQualifiers)
    if (ends_with(s, w) && s.size() > w.size()) {
      if (bound && bound->empty() && is_bound_word(w)) *bound = w;
      s.resize(s.size() - w.size());
      return true;
    }
  return false;
}

size_t common_suffix(const std::u32string& a, const std::u32string& b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[a.size() - 1 - n] == b[b.size() - 1 - n]) ++n;
  return n;
}

size_t common_prefix(const std::u32string& a, const std::u32string& b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

string utf8(std::u32string_view s) {
  string out;
  for (char32_t c : s) text::append_utf8(out, c);
  return out;
}

// 名, 位 and 人 count the same people; 万元 and 亿元 are 元 scaled.
string measure_class(string_view m, double* scale) {
  if (m == "名" || m == "位" || m == "人") return "人";
  if (m == "万余人次" || m == "余人次") return "人次";
  if (m == "万元") return *scale *= 1e4, "元";
  if (m == "亿元") return *scale *= 1e8, "元";
  if (m == "万亿元") return *scale *= 1e12, "元";
  return string(m);
}

// ASCII letters, as std::isalpha in the C locale Tally runs in (inline: a call a character).
bool is_alpha(char c) {
  auto u = static_cast<unsigned char>(c) | 0x20;
  return u >= 'a' && u <= 'z';
}

// ASCII only, as std::tolower does in the C locale Tally runs in (inline: a call a character
// was most of the cost of the English context words).
string lower(string_view s) {
  string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

// The English word at `pos` (letters, hyphens), or empty.
string_view word_at(string_view t, size_t pos) {
  size_t e = pos;
  while (e < t.size() && (is_alpha(t[e]) || (e > pos && t[e] == '-'))) ++e;
  return t.substr(pos, e - pos);
}

// The words below are compared as views (a length test first): std::string == "…" was a call
// to compare, strlen and memcmp for each word, most of the cost of an English figure's context.
double english_scale(string_view w) {
  auto lowered = lower(w);
  string_view l = lowered;
  if (l == "mln" || l == "million" || l == "m") return 1e6;
  if (l == "bln" || l == "billion" || l == "bn") return 1e9;
  if (l == "trillion") return 1e12;
  return 0;
}

string english_unit(string_view w) {
  auto lowered = lower(w);
  string_view l = lowered;
  if (l == "pct" || l == "percent") return "%";
  if (l == "dlrs" || l == "dlr" || l == "dollars" || l == "dollar") return "$";
  if (l == "stg") return "£";
  if (l == "sfr" || l == "sfrs") return "sfr";
  if (l == "cts" || l == "ct" || l == "cents" || l == "cent") return "ct";
  if (l == "yen" || l == "francs" || l == "marks" || l == "guilders" || l == "lire" ||
      l == "pesos" || l == "peso" || l == "shares" || l == "tonnes" || l == "barrels" ||
      l == "bushels")
    return string(l.back() == 's' ? l.substr(0, l.size() - 1) : l);
  return "";
}

bool stop_word(string_view w) {
  static constexpr string_view kStop[] = {
      "vs",   "a",    "an",   "the",  "of",   "to",    "in",   "on",   "at",  "for",   "and",
      "or",   "by",   "from", "with", "as",   "per",   "its",  "his",  "her", "their", "was",
      "were", "is",   "are",  "be",   "been", "has",   "have", "had",  "it",  "said",  "says",
      "that", "this", "up",   "down", "some", "about", "than", "more", "over"};
  return std::find(std::begin(kStop), std::end(kStop), w) != std::end(kStop);
}

// The number's digits as written ("1,234.5" -> 1234.5), or NaN when it has none.
double written_digits(string_view s) {
  string d;
  bool any = false;
  for (char c : s) {
    if (c >= '0' && c <= '9')
      d += c, any = true;
    else if (c == '.' && any)
      d += c;
    else if (c == ',' && any)
      continue;
    else if (any)
      break;
  }
  return any ? std::atof(d.c_str()) : NAN;
}

// The interval a figure written as `n` (scaled by `extra`) stands for: the qualifier's when it
// has one, else its last written digit ("1.8亿" is 1.75亿 to 1.85亿); a whole count is exact.
void precision(const Number& n, string_view text, double extra, bool rounded_whole, Fig& f) {
  f.value = n.value * extra;
  f.decimals = n.decimals;
  if (std::isinf(n.hi) || n.qualifier == "至少" || n.qualifier == "超过" || n.qualifier == "逾" ||
      n.qualifier == "more than" || n.qualifier == "at least" || n.qualifier == "over")
    f.bound = true, f.qual = n.qualifier;
  if (!n.qualifier.empty() && n.lo <= 0 && !std::isinf(n.hi)) f.bound = f.upper = true;
  if (n.approximate || !n.qualifier.empty()) {
    f.lo = (std::isinf(n.lo) ? n.lo : n.lo * extra);
    f.hi = (std::isinf(n.hi) ? n.hi : n.hi * extra);
    return;
  }
  double digits = written_digits(text);
  double scale = (!std::isnan(digits) && digits > 0) ? f.value / digits : 1;
  bool scaled = scale > 1.5;
  if (n.decimals == 0 && !scaled && !rounded_whole) {
    f.lo = f.hi = f.value;
    return;
  }
  double half = 0.5 * std::pow(10.0, -n.decimals) * scale;
  f.lo = f.value - half;
  f.hi = f.value + half;
}

bool has_digit(string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool agree(const Fig& a, const Fig& b);

// A headline shortens: "94 PCT" over 94.7 pct is cut, not rounded. A headline figure with fewer
// decimals than the body's agrees with it rounded or cut to its last digit.
bool agree_headline(const Fig& h, const Fig& b) {
  if (agree(h, b)) return true;
  if (h.lo == h.hi || h.decimals >= b.decimals || h.bound || b.bound) return false;
  double unit = 2 * (h.value - h.lo);
  return b.value >= h.value && b.value < h.value + unit;
}

bool agree(const Fig& a, const Fig& b) {
  double lo = std::max(a.lo, b.lo), hi = std::min(a.hi, b.hi);
  double eps = 1e-9 * std::max(1.0, std::fabs(a.value));
  if (a.lo == a.hi || b.lo == b.hi) return lo <= hi + eps;
  return lo < hi - eps;
}

// Chinese context: the Han characters before (qualifiers stripped) and after the figure.
void zh_context(string_view t, Fig& f) {
  f.lead = han_before(t, f.b, 16);
  std::u32string bound;
  while (strip_qualifier(f.lead, &bound)) {
  }
  if (!bound.empty() && f.qual.empty()) f.qual = utf8(bound), f.bound = true;
  f.follow = han_after(t, f.e, 6);
}

// English context: the unit and scale after the number, the words of the noun phrase after it
// and the words before it in its clause.
void en_context(string_view t, size_t num_end, Fig& f, double* scale) {
  size_t p = num_end;
  // "$850m", "£1.3bn", "64 mln"
  auto skip_spaces = [&] {
    while (p < t.size() && t[p] == ' ') ++p;
  };
  skip_spaces();
  auto w = word_at(t, p);
  if (double s = english_scale(w); s > 0 && !w.empty()) {
    *scale *= s;
    p += w.size();
    f.e = static_cast<uint32_t>(p);
    skip_spaces();
    w = word_at(t, p);
  }
  if (auto u = english_unit(w); !u.empty()) {
    f.unit = u;
    p += w.size();
    f.e = static_cast<uint32_t>(p);
  }
  f.words.reserve(3);  // sized once: growing 1, 2, 4 was three allocations a figure
  for (int i = 0; i < 3; ++i) {
    skip_spaces();
    auto x = word_at(t, p);
    if (x.empty()) break;
    if (f.words.empty()) f.named = std::isupper(static_cast<unsigned char>(x[0])) != 0;
    f.words.push_back(lower(x));
    p += x.size();
  }
  // "£500,000 to former Tory Treasurer Lord Ashcroft": the names of the party the sum goes to
  // or comes from, within six words of its preposition
  if (!f.words.empty() && (f.words[0] == "to" || f.words[0] == "from" || f.words[0] == "with")) {
    size_t r = num_end;
    while (r < t.size() && t[r] != ' ') ++r;  // past the scale or unit glued to the figure
    for (int i = 0; i < 8 && r < t.size(); ++i) {
      while (r < t.size() && t[r] == ' ') ++r;
      auto x = word_at(t, r);
      if (x.empty()) break;
      if (std::isupper(static_cast<unsigned char>(x[0])) && x.size() >= 3)
        f.party.push_back(lower(x));
      r += x.size();
    }
  }
  // words before, back to a clause mark or a digit
  size_t q = f.b;
  if (q > 0 && (t[q - 1] == '$')) --q;
  if (q > 1 && t.substr(q - 2, 2) == "£") q -= 2;
  f.before.reserve(5);
  while (q > 0 && f.before.size() < 5) {
    while (q > 0 && t[q - 1] == ' ') --q;
    size_t e = q;
    while (q > 0 && (is_alpha(t[q - 1]) || t[q - 1] == '-' || t[q - 1] == '\'')) --q;
    if (e == q) break;
    f.before.push_back(lower(t.substr(q, e - q)));
  }
  // "EXCEED 200 BILLION DLRS", "up to 500 mln": a bound.
  static constexpr string_view kBounds[] = {"exceed", "exceeds", "over",   "top",          "tops",
                                            "above",  "nearly",  "almost", "about",        "around",
                                            "some",   "than",    "least",  "approximately"};
  if (!f.before.empty() &&
      (std::find(std::begin(kBounds), std::end(kBounds), f.before[0]) != std::end(kBounds) ||
       (f.before[0] == "to" && f.before.size() > 1 && f.before[1] == "up")))
    f.bound = true, f.qual = f.before[0], f.upper = f.qual == "to";
}

bool contains_any(string_view s, std::initializer_list<string_view> words) {
  for (auto w : words)
    if (find_text(s, w) != string_view::npos) return true;
  return false;
}

bool is_heading_block(const parse::Block& block, bool zh) {
  using parse::BlockType;
  // English: the headline only; a short line under it is as often a table's ("Shr 24.8 cents").
  if (!zh) return block.type == BlockType::Headline;
  if (block.type == BlockType::Headline || block.type == BlockType::Subheadline ||
      block.type == BlockType::Subhead || block.type == BlockType::Kicker)
    return true;
  if (block.type != BlockType::Paragraph) return false;
  // A news-flash's story line: short, no sentence ends in it.
  string_view t = block.text.text;
  size_t cps = text::count_code_points(t);
  // English copy has no such lines; its short lines are tables ("Shr 24.8 cents vs 17.8").
  return zh && cps <= 50 && !contains_any(t, {"。", "！", "？", "；"});
}

// The one of `v` (in order, not overlapping: sentences, clauses) that holds `at`, or nullptr.
// Searched, not walked: a paragraph of thousands of sentences stays linear.
template <class T>
const T* holding(const std::vector<T>& v, uint32_t at) {
  auto it =
      std::upper_bound(v.begin(), v.end(), at, [](uint32_t x, const T& s) { return x < s.begin; });
  if (it == v.begin()) return nullptr;
  --it;
  return at < it->end ? &*it : nullptr;
}

// The sentence of a block that holds logical offset `at`.
string_view sentence_at(const parse::Article& a, const ArticleFacts& f, size_t block, uint32_t at) {
  string_view t = a.blocks[block].text.text;
  if (const auto* s = holding(f.blocks[block].sentences, at))
    return t.substr(s->begin, s->end - s->begin);
  return t;
}

// The clause of a block that holds logical offset `at` (its sentence when it has none).
string_view clause_at(const parse::Article& a, const ArticleFacts& f, size_t block, uint32_t at) {
  string_view t = a.blocks[block].text.text;
  if (const auto* s = holding(f.blocks[block].sentences, at)) {
    if (const auto* c = holding(s->clauses, at)) return t.substr(c->begin, c->end - c->begin);
    return t.substr(s->begin, s->end - s->begin);
  }
  return t;
}

// Does the sentence holding `at` name a date ("2023年", "10月份")? Its figure is that period's.
// `starts` holds every date's (block, begin), sorted.
bool dated(const parse::Article& a, const ArticleFacts& f, size_t block, uint32_t at,
           const std::vector<std::pair<size_t, uint32_t>>& starts) {
  string_view s = sentence_at(a, f, block, at);
  auto sb = static_cast<uint32_t>(s.data() - a.blocks[block].text.text.data());
  auto se = sb + static_cast<uint32_t>(s.size());
  auto it = std::lower_bound(starts.begin(), starts.end(), std::make_pair(block, sb));
  return it != starts.end() && it->first == block && it->second < se;
}

// Words that say the figure is another thing than one named before with the same words: a
// second event, another source, another period, a share of something.
// (Read once: the words are indexed by their first two bytes, and only where a word's two
// bytes stand are its words compared; a search for each word read a long sentence 35 times.)
bool contrasted_zh(string_view s) {
  static constexpr string_view words[] = {"此外", "另外", "另有", "还",   "分别", "各",   "其中",
                                          "同比", "环比", "截至", "目前", "最新", "升至", "上升",
                                          "增至", "回落", "回升", "一度", "去年", "上年", "前年",
                                          "此前", "报道", "称",   "较",   "比",   "增加", "减少",
                                          "新增", "县",   "乡",   "镇",   "村",   "州",   "省"};
  static const std::vector<bool> leads = [] {
    std::vector<bool> out(1 << 16, false);
    for (auto w : words)
      out[static_cast<unsigned char>(w[0]) << 8 | static_cast<unsigned char>(w[1])] = true;
    return out;
  }();
  // Each word's first character (three bytes) as one number: compared before the word is.
  static const std::vector<uint32_t> firsts = [&] {
    std::vector<uint32_t> out;
    for (auto w : words) out.push_back(text::three_bytes(w, 0));
    return out;
  }();
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (!leads[static_cast<unsigned char>(s[i]) << 8 | static_cast<unsigned char>(s[i + 1])])
      continue;
    uint32_t here = text::three_bytes(s, i);
    for (size_t k = 0; k < std::size(words); ++k)
      if (firsts[k] == here && s.compare(i, words[k].size(), words[k]) == 0) return true;
  }
  return false;
}

bool contrasted_en(string_view s) {
  auto l = lower(s);
  return contains_any(l, {"another", "other",        "additional",   "further",    "each",
                          " per ",   "year-earlier", "year earlier", "a year ago", "previous",
                          "prior",   "last year",    "respectively", "compared",   " vs ",
                          "against", "versus",       "estimate",     "forecast",   "expected"});
}

// An English sentence that sets its figure against another ("compared with 8 mln", "against
// 12 pct a year ago") or names another, earlier or expected one. "Legal action against the
// government" compares nothing.
bool contrasted_en_figure(string_view s) {
  auto l = lower(s);
  if (contains_any(l, {"another", "other", "additional", "further", "each", " per ", "year-earlier",
                       "year earlier", "a year ago", "previous", "prior", "last year",
                       "respectively", "estimate", "forecast", "expected"}))
    return true;
  for (string_view w : {"compared", "against", "versus", " vs"})
    for (size_t p = find_text(l, w); p != string::npos; p = find_text(l, w, p + 1)) {
      {
        // the figure it is set against follows within a few words, before any clause mark
        string_view after = string_view(l).substr(p + w.size());
        int words = 0;
        for (size_t i = 0; i < after.size() && words <= 5; ++i) {
          char c = after[i];
          if (c == ',' || c == ';' || c == '.' || c == '-') break;
          if (c == ' ') continue;
          if ((c >= '0' && c <= '9') || c == '$' || after.substr(i, 2) == "£") return true;
          while (i + 1 < after.size() && after[i + 1] != ' ') ++i;
          ++words;
        }
      }
    }
  return false;
}

std::vector<Fig> figures(const parse::Article& a, const ArticleFacts& f, bool zh) {
  std::vector<Fig> out;
  auto base = [&](size_t block, Span span, uint32_t b, uint32_t e) {
    Fig g;
    g.block = block;
    g.span = span;
    g.b = b;
    g.e = e;
    g.text = string(string_view(a.blocks[block].text.text).substr(b, e - b));
    return g;
  };
  for (const auto& x : f.quantities) {
    const auto& q = x.fact;
    string_view t = a.blocks[x.block].text.text;
    if (q.measure == "岁" || q.measure == "倍" || q.measure == "年" || q.measure == "级" ||
        q.measure == "届" || q.measure == "期" || q.measure == "大" || q.measure == "地" ||
        q.measure == "方" || q.measure == "次")
      continue;
    Fig g = base(x.block, x.span, q.begin, q.end);
    double scale = 1;
    if (zh) {
      g.unit = measure_class(q.measure, &scale);
      zh_context(t, g);
    } else {
      en_context(t, q.number.end, g, &scale);
      // "£4.3 trillion total": the currency sign before the number
      if (q.number.begin >= 1 && t[q.number.begin - 1] == '$') g.unit = "$";
      if (q.number.begin >= 2 && t.substr(q.number.begin - 2, 2) == "£") g.unit = "£";
      if (g.unit.empty()) g.unit = "#";
    }
    precision(q.number, g.text, scale, g.unit == "%", g);
    out.push_back(std::move(g));
  }
  for (const auto& x : f.rates) {
    const auto& r = x.fact;
    if (r.unit == RateUnit::PercentagePoints) continue;
    Fig g = base(x.block, x.span, r.begin, r.end);
    g.unit = r.unit == RateUnit::PerMille ? "‰" : "%";
    string_view t = a.blocks[x.block].text.text;
    if (zh) {
      zh_context(t, g);
    } else {
      double s = 1;
      en_context(t, r.end, g, &s);
      g.unit = "%";
    }
    precision(r.number, g.text, 1, true, g);
    out.push_back(std::move(g));
  }
  for (const auto& x : f.numbers) {
    const auto& n = x.fact;
    string_view t = a.blocks[x.block].text.text;
    Fig g = base(x.block, x.span, n.begin, n.end);
    double scale = 1;
    if (zh) {
      // "3157亿美元": the currency follows a bare number.
      auto after = han_after(t, n.end, 2);
      if (after != U"美元" && after != U"欧元" && after != U"日元" && after != U"英镑" &&
          after != U"港元" && after != U"卢布") {
        // "8641列", "93.6万标箱": a measure word the quantities do not list; not a date's or
        // a clock's part, an age or a multiple.
        after = after.substr(0, 1);
        // "2022中国生态环境状况公报", "2024幻彩耀濠江": a year in a title
        if (n.decimals == 0 && n.value >= 1900 && n.value <= 2100) continue;
        if (after.empty() ||
            std::u32string_view(U"月日年时分秒号岁倍楼层届期次度").find(after[0]) !=
                std::u32string_view::npos)
          continue;
      }
      g.unit = utf8(after);
      g.e = static_cast<uint32_t>(n.end + g.unit.size());
      zh_context(t, g);
      g.follow = han_after(t, g.e, 6);
    } else {
      if (n.value >= 1900 && n.value <= 2100 && n.decimals == 0) continue;  // a year
      en_context(t, n.end, g, &scale);
      // "$850m", "£65,000": the currency sign before it
      if (n.begin >= 1 && t[n.begin - 1] == '$') g.unit = "$";
      if (n.begin >= 2 && t.substr(n.begin - 2, 2) == "£") g.unit = "£";
      if (n.begin >= 3 && t.substr(n.begin - 3, 3) == "€") g.unit = "€";
      // "an 80 mln 10 year bond": a figure with a scale word (read into the number) is a sum
      // whose unit goes unsaid, as a quantity without one is.
      if (g.unit.empty() && n.magnitude > 1) g.unit = "#";
      if (g.unit.empty()) continue;
    }
    // "AG600", "C919": model names
    if (n.begin > 0 && is_alpha(t[n.begin - 1])) continue;
    precision(n, g.text, scale, false, g);
    out.push_back(std::move(g));
  }
  // The context may have taken in a scale word or unit after the number ("150 mln dlr").
  for (auto& g : out) {
    if (g.upper) g.lo = 0, g.hi = std::max(g.hi, g.value);
    const auto& lt = a.blocks[g.block].text;
    g.text = string(string_view(lt.text).substr(g.b, g.e - g.b));
    g.span = lt.to_original(g.b, g.e);
  }
  std::sort(out.begin(), out.end(), [](const Fig& x, const Fig& y) {
    return x.block != y.block ? x.block < y.block : x.b < y.b;
  });
  return out;
}

// The words two figures share that name the same thing, or empty when they name none.
// The words after a figure without the adverbs that say when or how widely, not what:
// "214个城市已建立…机制" over "241个城市建立…机制".
bool has_adverb(const std::u32string& s) {
  return s.find(U'已') != std::u32string::npos || s.find(U'均') != std::u32string::npos;
}

std::u32string without_adverbs(std::u32string s) {
  for (std::u32string_view w : {U"已经", U"已", U"均"})
    for (size_t p = s.find(w); p != std::u32string::npos; p = s.find(w, p)) s.erase(p, w.size());
  return s;
}

string shared_words_zh(const Fig& x, const Fig& y, size_t need) {
  const std::u32string *xf = &x.follow, *yf = &y.follow;
  std::u32string xs, ys;  // copies only when an adverb is there to set aside
  if (has_adverb(x.follow) || has_adverb(y.follow)) {
    xs = without_adverbs(x.follow), ys = without_adverbs(y.follow);
    xf = &xs, yf = &ys;
  }
  size_t s = common_suffix(x.lead, y.lead), p = common_prefix(*xf, *yf);
  if (s >= need && s >= p) return utf8(std::u32string_view(x.lead).substr(x.lead.size() - s));
  if (p >= need) return utf8(std::u32string_view(*xf).substr(0, p));
  return {};
}

string shared_words_en(const Fig& x, const Fig& y, bool heading) {
  // the noun phrase after the figure: "home photo printers", "peso deposit"
  size_t n = 0;
  while (n < x.words.size() && n < y.words.size() && x.words[n] == y.words[n] &&
         !stop_word(x.words[n]))
    ++n;
  if (n >= (heading ? 1u : 2u) || (n >= 1 && x.unit != "#")) {
    string out;
    for (size_t i = 0; i < n; ++i) out += (i ? " " : "") + x.words[i];
    if (heading || n >= 2 || x.words[0].size() >= 4) return out;
  }
  if (!heading) return {};
  // a headline's words before the figure met again before the body's: "SALES UP 9.4 PCT"
  for (const auto& w : x.before)
    if (w.size() >= 4 && !stop_word(w) &&
        std::find(y.before.begin(), y.before.end(), w) != y.before.end())
      return w;
  return {};
}

// "数十人", "几百个": a number that only says how large.
bool vague(const Fig& f) {
  bool numeral = f.text.rfind("十", 0) == 0 || f.text.rfind("百", 0) == 0 ||
                 f.text.rfind("千", 0) == 0 || f.text.rfind("万", 0) == 0;
  return numeral && (ends_with(f.lead, U"数") || ends_with(f.lead, U"几"));
}

// The lead-in two body figures share: the same words, or the one with at most two characters
// more in front ("挽回经济损失" / "全年挽回经济损失"), once a word referring back is set aside
// ("这次滑坡已造成" is "山体滑坡已造成"). "机电产品进口增长" and "农产品进口增长" share only a
// tail: two subjects.
string same_lead(std::u32string x, std::u32string y) {
  for (auto* s : {&x, &y})
    for (std::u32string_view w : {U"这次", U"这场", U"这些", U"此次", U"上述", U"该", U"这", U"此"})
      if (s->size() > w.size() + 4 && std::u32string_view(*s).substr(0, w.size()) == w) {
        s->erase(0, w.size());
        break;
      }
  size_t n = common_suffix(x, y);
  if (n < 4 || n != std::min(x.size(), y.size()) || std::max(x.size(), y.size()) - n > 2) return {};
  return utf8(std::u32string_view(x).substr(x.size() - n));
}

// English: the names around a figure in its sentence, sixteen content words either side,
// (capitalised words other than the sentence's first: "Deutsche Boerse", "SMC").
struct EnContext {
  std::vector<string> proper;
  std::vector<string> verbs;  // past verbs before the figure, as "increase", "raise"
};

bool en_filler(string_view w) {
  static constexpr string_view kFiller[] = {
      "said",     "says",     "told",     "also",     "would",   "will",      "could",
      "should",   "which",    "there",    "they",     "them",    "than",      "then",
      "when",     "after",    "before",   "into",     "under",   "been",      "being",
      "were",     "what",     "while",    "since",    "last",    "this",      "that",
      "these",    "those",    "with",     "from",     "about",   "over",      "more",
      "most",     "year",     "years",    "week",     "month",   "today",     "january",
      "february", "march",    "april",    "june",     "july",    "august",    "september",
      "october",  "november", "december", "monday",   "tuesday", "wednesday", "thursday",
      "friday",   "saturday", "sunday",   "dlrs",     "dlr",     "pct",       "cts",
      "cents",    "mln",      "billion",  "million",  "dollars", "pounds",    "percent",
      "company",  "their",    "have",     "must",     "only",    "such",      "peso",
      "pesos",    "francs",   "marks",    "guilders", "lire",    "tonnes",    "barrels",
      "bushels",  "shares",   "share",    "cent",     "dollar",  "pound",     "sterling",
      "stake"};
  return w.size() < 4 || std::find(std::begin(kFiller), std::end(kFiller), w) != std::end(kFiller);
}

EnContext en_words(string_view sentence, size_t fig_b) {
  struct W {
    size_t b;
    string word;
    bool name;
  };
  std::vector<W> ws;
  for (size_t i = 0; i < sentence.size();) {
    if (!is_alpha(sentence[i])) {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < sentence.size() && is_alpha(sentence[e])) ++e;
    string w = lower(sentence.substr(i, e - i));
    bool name = i > 0 && std::isupper(static_cast<unsigned char>(sentence[i])) != 0;
    // short names count ("Sun", "SMC"); short lower-case words do not
    if (!en_filler(w) || (name && w.size() == 3)) ws.push_back({i, w, name});
    i = e;
  }
  size_t k = 0;
  while (k < ws.size() && ws[k].b < fig_b) ++k;
  EnContext c;
  for (size_t i = k > 16 ? k - 16 : 0; i < std::min(ws.size(), k + 16); ++i)
    if (ws[i].name) c.proper.push_back(ws[i].word);
  // "increased the price … 0.50 cent": the verbs of the clause before the figure
  for (size_t i = k > 12 ? k - 12 : 0; i < k; ++i)
    if (!ws[i].name && ws[i].word.size() > 4 && ws[i].word.substr(ws[i].word.size() - 2) == "ed")
      c.verbs.push_back(ws[i].word.substr(0, ws[i].word.size() - 1));  // "increased" -> "increase"
  return c;
}

// "a 25,000 dlr fine", "another 50 mln": an indefinite figure introduces a new thing; "the",
// "this", "its" or a possessive refer back to one named before.
bool indefinite(const Fig& f) {
  if (f.before.empty()) return false;
  string_view w = f.before[0];  // compared as views: a length test, not strlen and memcmp
  return w == "a" || w == "an" || w == "another" || w == "each" || w == "every" || w == "per" ||
         w == "one" || w == "some" || w == "any";
}

bool definite(const Fig& f) {
  if (f.before.empty()) return false;
  string_view w = f.before[0];
  return w == "the" || w == "this" || w == "that" || w == "its" || w == "their" ||
         (w.size() > 2 && w.substr(w.size() - 2) == "'s");
}

// The words that say two English body figures in one measure are the same thing, or empty.
// English copy names many things of one kind with one noun ("a 10 pct stake" in one company,
// "its 5 pct stake" in another, "the 72 ships" of a fleet of 160), so the evidence is narrow:
// the same three words after both; or, with a name both sentences give, the same verb before
// and party after, a change's verb then its noun, or a back-reference ("the", "this", a
// possessive: "Deutsche Boerse's £1.3bn offer") with the same noun after both ("offer").
// Generic nouns of wire copy (stake, shares, and the units) name no one thing.
string same_thing_en(const Fig& x, const Fig& y, const EnContext& cx, const EnContext& cy) {
  if (indefinite(y) || x.named || y.named) return {};
  // Three words after both figures the same: "of 100 home photo printers" … "The group test of
  // 100 home photo printers". Not a multiple ("2.27 times the …").
  if (x.words.size() == 3 && x.words == y.words && x.words[0] != "times" &&
      std::none_of(x.words.begin(), x.words.end(), [](const string& w) { return stop_word(w); }))
    return x.words[0] + " " + x.words[1] + " " + x.words[2];
  // The same verb right before both and a name both give after them: "repaid £500,000 to Lord
  // Ashcroft" … "had repaid £500,000 to former Tory Treasurer Lord Ashcroft".
  if (!x.before.empty() && !y.before.empty() && x.before[0] == y.before[0] &&
      x.before[0].size() >= 4 && !stop_word(x.before[0]) && !en_filler(x.before[0]))
    for (const auto& name : x.party)
      if (std::find(y.party.begin(), y.party.end(), name) != y.party.end())
        return x.before[0] + " … " + name;
  if (!definite(y)) return {};
  // A change named by the verb, then by its noun: "increased the price … 0.50 cent a gallon" …
  // "the 0.50 cent increase brings Sun's price to 49 cts".
  static constexpr string_view kChanges[] = {"increase", "raise", "reduce", "decrease"};
  if (!y.words.empty() &&
      std::find(std::begin(kChanges), std::end(kChanges), y.words[0]) != std::end(kChanges) &&
      std::find(cx.verbs.begin(), cx.verbs.end(), y.words[0]) != cx.verbs.end())
    for (const auto& name : cx.proper)
      if (std::find(cy.proper.begin(), cy.proper.end(), name) != cy.proper.end()) return y.words[0];
  if (x.words.empty() || y.words.empty() || x.words[0] != y.words[0] || stop_word(x.words[0]) ||
      en_filler(x.words[0]))
    return {};
  for (const auto& name : cx.proper)
    if (std::find(cy.proper.begin(), cy.proper.end(), name) != cy.proper.end()) return x.words[0];
  return {};
}

// What same_thing_en can tell from the two figures alone, before their sentences are read.
bool may_be_same_en(const Fig& x, const Fig& y) {
  if (indefinite(y) || x.named || y.named) return false;
  if (x.words.size() == 3 && x.words == y.words) return true;
  if (!x.before.empty() && !y.before.empty() && x.before[0] == y.before[0] && !x.party.empty() &&
      !y.party.empty())
    return true;
  return definite(y) && !y.words.empty();
}

bool is_headline_block(const parse::Article& a, size_t block) {
  using parse::BlockType;
  for (size_t i = 0; i < a.blocks.size(); ++i) {
    if (a.blocks[i].type == BlockType::Headline) return i == block;
    if (a.blocks[i].type == BlockType::Paragraph) return i == block && i == 0;
  }
  return false;
}

}  // namespace

void find_restatements(const parse::Article& a, ArticleFacts& f) {
  bool zh = a.language == "zh";
  auto figs = figures(a, f, zh);
  if (figs.size() < 2) return;
  // Headings split the article into stories; a heading's figures are matched in its story.
  std::vector<bool> heading(a.blocks.size());
  std::vector<size_t> story(a.blocks.size());
  size_t current = 0;
  for (size_t i = 0; i < a.blocks.size(); ++i) {
    heading[i] = is_heading_block(a.blocks[i], zh) && i + 1 < a.blocks.size();
    if (heading[i] && (i == 0 || !heading[i - 1])) ++current;
    story[i] = current;
  }
  std::vector<bool> used(figs.size());
  auto emit = [&](const Fig& first, const Fig& second, string words, RestatementEvidence ev,
                  bool ok) {
    Restatement r;
    r.begin = second.b;
    r.end = second.e;
    r.first = {first.block, first.span, first.text, first.value, first.lo, first.hi};
    r.second = {second.block, second.span, second.text, second.value, second.lo, second.hi};
    r.measure = second.unit;
    r.words = std::move(words);
    r.evidence = ev;
    r.headline = ev != RestatementEvidence::LeadIn && is_headline_block(a, first.block);
    r.agree = ok;
    f.restatements.push_back({second.block, second.span, std::move(r)});
  };

  // A body figure that is one of several of its measure ("关闭10个驻外使馆和17个驻外领事馆",
  // "各控制一个定居点", "分别") is a part; a heading's figure may be their total.
  auto part_of_breakdown = [&](size_t j) {
    const Fig& b = figs[j];
    string_view sen = clause_at(a, f, b.block, b.b);
    // "6名航天员将共同…" under "3名航天员进驻": the body counts a union the heading's is part of.
    if (zh ? contains_any(sen, {"各", "分别", "其中", "另", "此外", "还", "共同"})
           : contains_any(lower(sen), {" each", "respectively", "including", "additional",
                                       "another", " also ", "further"}))
      return true;
    for (size_t k : {j - 1, j + 1}) {
      if (k >= figs.size() || figs[k].block != b.block || figs[k].unit != b.unit) continue;
      uint32_t from = k < j ? figs[k].e : b.e, to = k < j ? b.b : figs[k].b;
      string_view between = string_view(a.blocks[b.block].text.text).substr(from, to - from);
      if (to - from < 24 && contains_any(between, {"和", "、", "及", "与", " and ", ", "}))
        return true;
    }
    return false;
  };

  auto counts_a_list = [&](const Fig& b) {
    for (const auto& c : f.claims)
      if (c.block == b.block && c.fact.begin < b.e && b.b < c.fact.end) return true;
    return false;
  };

  // The lead's figure for a headline's: a headline with one figure in its measure, and the
  // first sentence of the first two body paragraphs that gives one in that measure, giving only
  // that one, not as a part. Copy puts the headline's figure in the lead ("CANADA LAUNCHES 1.2
  // BILLION DLR BOND ISSUE" / "Canada will offer a 1.2 billion dlr, four-part bond issue").
  auto lead_figure = [&](size_t i) -> const Fig* {
    const Fig& h = figs[i];
    if (h.unit == "#") return nullptr;
    for (size_t k = 0; k < figs.size(); ++k)
      if (k != i && figs[k].block == h.block && figs[k].unit == h.unit) return nullptr;
    size_t paragraphs = 0, last = h.block;
    for (size_t j = i + 1; j < figs.size(); ++j) {
      const Fig& b = figs[j];
      if (story[b.block] != story[h.block]) break;
      if (heading[b.block]) continue;
      for (size_t k = last + 1; k <= b.block; ++k)
        if (!heading[k]) ++paragraphs;
      last = b.block;
      if (paragraphs > 2) break;
      if (b.unit != h.unit) continue;
      // "one stg", "四位" after a list of four names: a word, or a count of its list.
      if ((b.bound && !b.upper) || part_of_breakdown(j) || !has_digit(b.text) ||
          !has_digit(h.text) || counts_a_list(b))
        return nullptr;
      string_view sen = sentence_at(a, f, b.block, b.b);
      auto sb = static_cast<uint32_t>(sen.data() - a.blocks[b.block].text.text.data());
      auto se = sb + static_cast<uint32_t>(sen.size());
      for (size_t k = j + 1; k < figs.size() && figs[k].block == b.block && figs[k].b < se; ++k)
        if (figs[k].unit == b.unit) return nullptr;
      return &b;
    }
    return nullptr;
  };

  // A headline's figure written with the digits of a body figure in its measure but another
  // scale word (37.3亿户 / 37.3万户, 1.2 MILLION DLR / 1.2 billion dlr) is that figure.
  auto same_digits = [&](size_t i) -> const Fig* {
    const Fig& h = figs[i];
    if (h.unit == "#") return nullptr;
    double hd = written_digits(h.text);
    if (std::isnan(hd) || hd <= 0 || h.value <= 0) return nullptr;
    for (size_t j = i + 1; j < figs.size() && story[figs[j].block] == story[h.block]; ++j) {
      const Fig& b = figs[j];
      // "75 mln 10 year bond" under "75 BILLION SFR 10 YEAR BOND": a sum whose unit is unsaid
      if (heading[b.block] || (b.unit != h.unit && b.unit != "#") || b.value <= 0) continue;
      if (written_digits(b.text) != hd) continue;
      double r = std::log10(std::max(h.value, b.value) / std::min(h.value, b.value));
      if (r >= 2.9 && std::fabs(r - std::round(r)) < 0.01) return &b;
    }
    return nullptr;
  };

  // Heading evidence: each heading figure against the figures of its story's body.
  for (size_t i = 0; i < figs.size(); ++i) {
    const Fig& h = figs[i];
    if (!heading[h.block] || h.bound) continue;
    // "数十人", "TWO BOND ISSUES": a vague number, or an English figure in no unit.
    if (zh ? vague(h) : h.unit == "#") continue;
    const Fig* best = nullptr;
    string best_words;
    bool any_agree = false;
    for (size_t j = i + 1; j < figs.size(); ++j) {
      const Fig& b = figs[j];
      if (story[b.block] != story[h.block]) break;
      // An upper bound is compared ("CUTS 5,200 JOBS" over "up to 2,500 jobs"); a lower one
      // allows any larger headline figure.
      if (heading[b.block] || b.unit != h.unit || (b.bound && !b.upper) || part_of_breakdown(j))
        continue;
      // Two characters ("选手", "城市") name a kind of thing; three name the thing.
      string w = zh ? shared_words_zh(h, b, 3) : shared_words_en(h, b, true);
      if (w.empty()) continue;
      if (agree_headline(h, b)) {
        any_agree = true;
        best = &b;
        best_words = w;
        break;
      }
      if (!best || w.size() > best_words.size()) best = &b, best_words = w;
    }
    RestatementEvidence ev = RestatementEvidence::Heading;
    if (!best && (best = lead_figure(i))) {
      ev = RestatementEvidence::Lead;
      best_words = zh ? "导语" : "lead";
    }
    if (!best && (best = same_digits(i))) {
      ev = RestatementEvidence::Lead;
      best_words = best->text;
    }
    if (!best) continue;
    // Only a figure the body never gives is contradicted: "增长5%" may be repeated with other
    // words than the headline's, and a headline's total may be two figures of the body summed
    // ("TO SELL 100 MLN DLRS" over 70 mln and an additional 30 mln).
    if (!any_agree) {
      std::vector<const Fig*> same;
      for (size_t j = i + 1; j < figs.size() && story[figs[j].block] == story[h.block]; ++j) {
        if (heading[figs[j].block]) continue;
        // Another measure's figure agrees only as the same number ("47 mln U.S. dlrs"), not as
        // a bound ("超过80%" allows anything above).
        if ((figs[j].unit == h.unit || !figs[j].bound) && agree_headline(h, figs[j]))
          any_agree = true;
        // parts of a total are each a good share of it; "5,000 dlrs" is no part of 101 mln
        if (figs[j].unit == h.unit && figs[j].value >= 0.05 * h.value && same.size() < 32)
          same.push_back(&figs[j]);
      }
      for (size_t p = 0; p < same.size() && !any_agree; ++p)
        for (size_t q = p + 1; q < same.size() && !any_agree; ++q) {
          Fig sum = *same[p];
          sum.value += same[q]->value, sum.lo += same[q]->lo, sum.hi += same[q]->hi;
          any_agree = agree(h, sum);
        }
    }
    used[static_cast<size_t>(best - figs.data())] = true;
    emit(h, *best, best_words, ev, any_agree);
  }

  // Lead-in evidence: two body figures after the same words. Chinese only: an English noun
  // after a figure ("a 16 pct interest", "20 basis points") names a kind, not one thing.
  // Whether a figure's sentence sets it apart (contrasting words, a date) is found once per
  // sentence: a figure-dense sentence thousands of bytes long was read again for every figure.
  std::vector<std::pair<size_t, uint32_t>> date_starts;
  for (const auto& d : f.dates) date_starts.emplace_back(d.block, d.fact.begin);
  std::sort(date_starts.begin(), date_starts.end());
  std::map<std::pair<size_t, const char*>, bool> apart_memo;
  auto set_apart = [&](const Fig& x) {
    string_view s = sentence_at(a, f, x.block, x.b);
    auto [it, fresh] = apart_memo.try_emplace({x.block, s.data()}, false);
    if (fresh)
      it->second =
          (zh ? contrasted_zh(s) : contrasted_en(s)) || dated(a, f, x.block, x.b, date_starts);
    return it->second;
  };
  for (size_t j = 0; j < figs.size() && zh; ++j) {
    const Fig& y = figs[j];
    if (heading[y.block] || used[j]) continue;
    if (set_apart(y)) continue;
    // The same thing is restated within a story; 64 figures back bounds the work per figure.
    for (size_t i = j; i-- > 0 && j - i <= 64;) {
      const Fig& x = figs[i];
      if (story[x.block] != story[y.block]) break;
      if (heading[x.block] || x.unit != y.unit) continue;
      // Bounds compare only with the same bound: "至少195人" then "至少159人" is one toll
      // given twice; "至少8人" and "93人" may both hold.
      if ((x.bound || y.bound) && (!x.bound || !y.bound || x.qual != y.qual)) continue;
      if (x.block == y.block && y.b - x.e < 12) continue;  // a series: "8700人、8010人"
      string w;
      if (zh) {
        w = same_lead(x.lead, y.lead);
        if (w.empty() || x.follow.empty() != y.follow.empty()) continue;
        if (!x.follow.empty() && common_prefix(x.follow, y.follow) < 2) continue;
      } else {
        w = shared_words_en(x, y, false);
        if (w.empty()) continue;
      }
      if (set_apart(x)) continue;
      bool ok = x.bound ? std::fabs(x.value - y.value) <= 1e-9 * std::fabs(x.value) : agree(x, y);
      emit(x, y, w, RestatementEvidence::LeadIn, ok);
      break;
    }
  }

  // Lead-in evidence in English: a later body figure that refers back to an earlier one in its
  // measure (same_thing_en). Any earlier figure with that evidence that agrees clears it: copy
  // gives "a 10 pct stake" and "the 10 pct stake" and, of another company, "the 5 pct stake".
  // Two sentences that name different years speak of different periods.
  auto years = [](string_view s) {
    std::vector<string_view> out;
    for (size_t i = 0; i + 4 <= s.size(); ++i)
      if ((s.substr(i, 2) == "19" || s.substr(i, 2) == "20") &&
          (i == 0 || !std::isdigit(static_cast<unsigned char>(s[i - 1]))) &&
          std::isdigit(static_cast<unsigned char>(s[i + 2])) &&
          std::isdigit(static_cast<unsigned char>(s[i + 3])) &&
          (i + 4 == s.size() || !std::isalnum(static_cast<unsigned char>(s[i + 4]))))
        out.push_back(s.substr(i, 4));
    return out;
  };
  // "M-2 money supply", "747-400": a figure joined to a name by a hyphen is part of it; "the
  // 68000 microprocessor": five digits without a thousands comma are a model's number
  auto hyphenated = [&](const Fig& g) {
    string_view t = a.blocks[g.block].text.text;
    size_t run = 0;
    for (size_t i = g.b; i < g.e && std::isdigit(static_cast<unsigned char>(t[i])); ++i) ++run;
    return run >= 5 ||
           (g.b >= 2 && t[g.b - 1] == '-' && std::isalnum(static_cast<unsigned char>(t[g.b - 2])));
  };
  // Each figure's sentence is read once: its contrast, names, verbs and years.
  struct Sen {
    bool read = false, contrasted = false;
    string_view text;
    EnContext ctx;
    std::vector<string_view> years;
  };
  std::vector<Sen> sens(zh ? 0 : figs.size());
  auto sentence = [&](size_t i) -> const Sen& {
    Sen& s = sens[i];
    if (!s.read) {
      const Fig& g = figs[i];
      s.read = true;
      s.text = sentence_at(a, f, g.block, g.b);
      s.contrasted = contrasted_en_figure(s.text);
      auto sb = static_cast<size_t>(s.text.data() - a.blocks[g.block].text.text.data());
      s.ctx = en_words(s.text, g.b - sb);
      s.years = years(s.text);
    }
    return s;
  };
  auto same_years = [](const Sen& x, const Sen& y) {
    for (auto v : x.years)
      if (std::find(y.years.begin(), y.years.end(), v) == y.years.end()) return false;
    for (auto v : y.years)
      if (std::find(x.years.begin(), x.years.end(), v) == x.years.end()) return false;
    return true;
  };
  for (size_t j = 0; j < figs.size() && !zh; ++j) {
    const Fig& y = figs[j];
    if (heading[y.block] || used[j] || !has_digit(y.text) || hyphenated(y)) continue;
    const Fig* match = nullptr;
    string words;
    bool ok = false;
    for (size_t i = j; i-- > 0 && j - i <= 64;) {
      const Fig& x = figs[i];
      if (story[x.block] != story[y.block]) break;
      if (heading[x.block] || x.unit != y.unit || !has_digit(x.text) || hyphenated(x)) continue;
      if ((x.bound || y.bound) && (!x.bound || !y.bound || x.qual != y.qual)) continue;
      if (!may_be_same_en(x, y)) continue;
      const Sen& sy = sentence(j);
      if (sy.contrasted) break;
      const Sen& sx = sentence(i);
      if (sx.text.data() == sy.text.data() || sx.contrasted || !same_years(sx, sy)) continue;
      string w = same_thing_en(x, y, sx.ctx, sy.ctx);
      if (w.empty()) continue;
      bool agrees =
          x.bound ? std::fabs(x.value - y.value) <= 1e-9 * std::fabs(x.value) : agree(x, y);
      if (!match || agrees) match = &x, words = w, ok = agrees;
      if (agrees) break;
    }
    if (match) emit(*match, y, words, RestatementEvidence::LeadIn, ok);
  }
}

void write_fields(const At<Restatement>& x, const RecordContext&, RecordSink& sink) {
  const Restatement& r = x.fact;
  auto mention = [&](const char* key, const FigureMention& m) {
    sink.begin_object(key);
    sink.string("text", m.text);
    sink.span("span", m.span);
    sink.number("value", m.value);
    sink.interval("interval", m.lo, m.hi);
    sink.end_object();
  };
  mention("first", r.first);
  mention("second", r.second);
  sink.string("measure", r.measure);
  sink.string("words", r.words);
  sink.string("evidence", restatement_evidence_name(r.evidence));
  sink.boolean("headline", r.headline);
  sink.boolean("agree", r.agree);
}

}  // namespace tally::facts

namespace tally::facts {

namespace {

// A figure of an edition's article as the cross-page matcher sees it.
struct EditionFig {
  size_t article = 0;
  Fig fig;
  string_view opening;  // its sentence from the start up to the figure
  bool headline = false;
  bool lead = false;  // in the headline or the first two body paragraphs
};

bool strong_opening(string_view o, bool zh) {
  if (zh) {
    size_t cps = 0, han = 0;
    for (size_t i = 0; i < o.size();) {
      auto d = text::decode_at(o, i);
      if (d.size == 0) break;
      ++cps;
      if (text::is_ideograph(d.cp)) ++han;
      i += d.size;
    }
    return cps >= 10 && han >= 8;
  }
  // English wire copy repeats its boilerplate ("The issue is available in denominations of
  // 1,000 and"): the opening must also name someone or something, a capitalised word after its
  // first ("Harlan Oil", "Treasury") that is no month, weekday or number ("KUALA LUMPUR, March
  // 7 - Six months to December 31 SHR" opens any company's results).
  static constexpr string_view kCalendar[] = {
      "January",   "February", "March",    "April",    "May",    "June",    "July",      "August",
      "September", "October",  "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
      "Friday",    "Saturday", "Sunday",   "One",      "Two",    "Three",   "Four",      "Five",
      "Six",       "Seven",    "Eight",    "Nine",     "Ten",    "Eleven",  "Twelve",    "First",
      "Second",    "Third",    "Fourth",   "Year",     "Qtr",    "Shr",     "Net"};
  size_t words = 0;
  bool named = false;
  for (size_t i = 0; i < o.size(); ++i) {
    if (!is_alpha(o[i]) || (i > 0 && is_alpha(o[i - 1]))) continue;
    size_t e = i;
    while (e < o.size() && is_alpha(o[e])) ++e;
    string_view w = o.substr(i, e - i);
    if (words++ > 0 && w.size() >= 2 && std::isupper(static_cast<unsigned char>(w[0])) &&
        std::islower(static_cast<unsigned char>(w[1])) &&
        std::find(std::begin(kCalendar), std::end(kCalendar), w) == std::end(kCalendar))
      named = true;
  }
  return words >= 8 && named;
}

// The words after a figure that must be the same in both: up to two Han characters, or the
// first English word of the noun phrase (empty when the clause ends there).
string follow_key(const Fig& g, bool zh) {
  if (zh) return utf8(std::u32string_view(without_adverbs(g.follow)).substr(0, 2));
  return g.words.empty() ? string() : g.words[0];
}

Restatement make_restatement(const Fig& first, const Fig& second, string words,
                             RestatementEvidence ev, bool headline, bool ok) {
  Restatement r;
  r.begin = second.b;
  r.end = second.e;
  r.first = {first.block, first.span, first.text, first.value, first.lo, first.hi};
  r.second = {second.block, second.span, second.text, second.value, second.lo, second.hi};
  r.measure = second.unit;
  r.words = std::move(words);
  r.evidence = ev;
  r.headline = headline;
  r.agree = ok;
  return r;
}

string_view trim_opening(string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (s.size() >= 3 && s.substr(0, 3) == "\xE3\x80\x80") s.remove_prefix(3);  // U+3000
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<EditionRestatement> find_edition_restatements(
    const std::vector<EditionArticle>& articles) {
  std::vector<EditionRestatement> out;
  std::vector<EditionFig> figs;
  for (size_t k = 0; k < articles.size(); ++k) {
    const auto& a = *articles[k].article;
    const auto& f = *articles[k].facts;
    bool zh = a.language == "zh";
    size_t paragraphs = 0, last = SIZE_MAX;
    for (auto& g : figures(a, f, zh)) {
      if (g.bound || g.upper || !has_digit(g.text) || (zh ? vague(g) : g.unit == "#")) continue;
      // "建交65周年": an anniversary's count, not a measure of anything
      if (g.unit == "周") continue;
      EditionFig e;
      e.article = k;
      e.headline = is_headline_block(a, g.block);
      if (!e.headline && a.blocks[g.block].type == parse::BlockType::Paragraph && g.block != last) {
        last = g.block;
        ++paragraphs;
      }
      e.lead = e.headline || paragraphs <= 2;
      string_view sen = sentence_at(a, f, g.block, g.b);
      auto sb = static_cast<size_t>(sen.data() - a.blocks[g.block].text.text.data());
      e.opening = trim_opening(sen.substr(0, g.b > sb ? g.b - sb : 0));
      e.fig = std::move(g);
      figs.push_back(std::move(e));
    }
  }
  auto page = [&](const EditionFig& e) { return articles[e.article].page; };
  auto lang = [&](const EditionFig& e) { return articles[e.article].article->language; };

  // Opening evidence: figures keyed by language, measure, opening and the words after.
  std::unordered_map<string, std::vector<size_t>> by_key;
  for (size_t i = 0; i < figs.size(); ++i) {
    const auto& e = figs[i];
    bool zh = lang(e) == "zh";
    if (!strong_opening(e.opening, zh)) continue;
    // The words after: the same in both, none included ("…120个，" and "…210个，").
    auto follow = follow_key(e.fig, zh);
    // Spacing is layout, not words: "2024 年" and "2024年", "为 16.36%" and "为16.36%".
    string opening;
    for (size_t p = 0; p < e.opening.size(); ++p) {
      if (e.opening[p] == ' ' || e.opening[p] == '\t') continue;
      if (e.opening.substr(p, 3) == "\xE3\x80\x80") {
        p += 2;
        continue;
      }
      opening += e.opening[p];
    }
    string key = lang(e) + '\x1f' + e.fig.unit + '\x1f' + opening + '\x1f' + follow;
    by_key[key].push_back(i);
  }
  for (const auto& [key, list] : by_key) {
    (void)key;
    for (size_t j = 1; j < list.size(); ++j) {
      const auto& y = figs[list[j]];
      const EditionFig* first = nullptr;
      bool any_agree = false;
      for (size_t i = 0; i < j; ++i) {
        const auto& x = figs[list[i]];
        if (page(x) == page(y)) continue;
        if (agree(x.fig, y.fig)) any_agree = true;
        if (!first) first = &x;
      }
      if (!first || any_agree) continue;
      EditionRestatement er;
      er.first_article = first->article;
      er.second_article = y.article;
      string words(first->opening);
      er.r = make_restatement(first->fig, y.fig, std::move(words), RestatementEvidence::Opening,
                              first->headline, false);
      out.push_back(std::move(er));
    }
  }

  // Heading evidence: an article's headline figure against another page's article.
  for (const auto& h : figs) {
    if (!h.headline) continue;
    bool zh = lang(h) == "zh";
    const EditionFig* best = nullptr;
    string best_words;
    for (const auto& b : figs) {
      if (page(b) == page(h) || lang(b) != lang(h) || !b.lead || b.fig.unit != h.fig.unit) continue;
      string w = zh ? shared_words_zh(h.fig, b.fig, 4) : shared_words_en(h.fig, b.fig, false);
      if (w.empty()) continue;
      if (!best || w.size() > best_words.size()) best = &b, best_words = w;
    }
    if (!best) continue;
    // Any figure of that article in the measure that agrees with the headline's clears it.
    bool any_agree = false;
    for (const auto& b : figs)
      if (b.article == best->article && b.fig.unit == h.fig.unit && agree_headline(h.fig, b.fig))
        any_agree = true;
    if (any_agree) continue;
    EditionRestatement er;
    er.first_article = h.article;
    er.second_article = best->article;
    er.r =
        make_restatement(h.fig, best->fig, best_words, RestatementEvidence::Heading, true, false);
    out.push_back(std::move(er));
  }
  std::sort(out.begin(), out.end(), [](const EditionRestatement& x, const EditionRestatement& y) {
    return std::tie(x.second_article, x.r.second.span.begin, x.first_article) <
           std::tie(y.second_article, y.r.second.span.begin, y.first_article);
  });
  return out;
}

}  // namespace tally::facts
