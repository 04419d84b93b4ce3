#include "facts/list_appositions.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
#include <tuple>
#include <utility>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "facts/find_text.hpp"
#include "text/utf8.hpp"

namespace tally::facts {

namespace {

using Range = std::pair<uint32_t, uint32_t>;

enum class Intro { None, Dash, Colon, Comma, Copula };

bool word_char(char c) {
  return text::is_ascii_alnum(static_cast<unsigned char>(c)) || c == '-' || c == '\'' ||
         (static_cast<unsigned char>(c) & 0x80);  // ’ inside "Britain’s"
}

size_t words(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool w = c != ' ';
    if (w && !in) ++n;
    in = w;
  }
  return n;
}

// The introducer at `pos`, and its length.
std::pair<Intro, size_t> intro_at(std::string_view t, size_t pos) {
  static constexpr std::array<std::pair<std::string_view, Intro>, 8> intros{{
      {" -- ", Intro::Dash},
      {" - ", Intro::Dash},
      {" — ", Intro::Dash},
      {" – ", Intro::Dash},
      {": ", Intro::Colon},
      {", ", Intro::Comma},
      {" were ", Intro::Copula},
      {" are ", Intro::Copula},
  }};
  for (auto [w, k] : intros)
    if (t.substr(pos, w.size()) == w) return {k, w.size()};
  return {Intro::None, 0};
}

// Where the list region after an introducer ends: the sentence's end, a semicolon, a
// parenthesis or the dash that closes a dashed aside.
size_t region_end(std::string_view t, size_t from) {
  for (size_t i = from; i < t.size(); ++i) {
    char c = t[i];
    if (c == ';' || c == '(' || c == '\n') return i;
    if (c == '.' && (i + 1 == t.size() || t[i + 1] == ' ' || t[i + 1] == '"') &&
        !(i >= 2 && t[i - 2] == ' ' && std::isupper(static_cast<unsigned char>(t[i - 1]))))
      return i;
    if (c == ' ' && intro_at(t, i).first == Intro::Dash) return i;
  }
  return t.size();
}

Range trimmed(std::string_view t, size_t b, size_t e) {
  while (b < e && t[b] == ' ') ++b;
  while (e > b && t[e - 1] == ' ') --e;
  return {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

// "A, B and C" (or "A and B") at the start of t[b, e): the items, ending at the last item; none
// when there is no conjunction before a last item.
std::vector<Range> items_in(std::string_view t, size_t b, size_t e) {
  std::vector<Range> items;
  size_t start = b;
  while (start < e) {
    size_t comma = t.find(", ", start);
    if (comma == std::string_view::npos || comma > e) comma = e;
    std::string_view seg = t.substr(start, comma - start);
    size_t conj = std::string_view::npos, clen = 0;
    for (std::string_view c : {" and ", " or "}) {
      size_t p = find_text(seg, c);
      if (p != std::string_view::npos && p < conj) conj = p, clen = c.size();
    }
    if (conj == std::string_view::npos) {
      items.push_back(trimmed(t, start, comma));
      if (comma >= e) return {};  // no conjunction: not a list
      start = comma + 2;
      continue;
    }
    items.push_back(trimmed(t, start, start + conj));
    // The last item ends at the next conjunction ("October and November and represents").
    size_t zb = start + conj + clen;
    size_t ze = comma;
    std::string_view rest = t.substr(zb, ze - zb);
    for (std::string_view c : {" and ", " or "}) {
      size_t p = find_text(rest, c);
      if (p != std::string_view::npos) ze = std::min(ze, zb + p);
    }
    items.push_back(trimmed(t, zb, ze));
    return items;
  }
  return {};
}

bool name_like(std::string_view t, Range r) {
  std::string_view s = t.substr(r.first, r.second - r.first);
  if (s.rfind("the ", 0) == 0) s.remove_prefix(4);
  return !s.empty() && (std::isupper(static_cast<unsigned char>(s[0])) ||
                        std::isdigit(static_cast<unsigned char>(s[0])));
}

// The list set after the count `c`, if any: its items and whether it is open.
bool apposed_list(std::string_view t, const CountClaim& c, std::vector<Range>& items, bool& open) {
  // The noun phrase of the count: up to six words before the introducer.
  size_t pos = c.end;
  Intro kind = Intro::None;
  size_t ilen = 0;
  bool comma_ok = true;
  for (int w = 0; w < 6 && pos < t.size(); ++w) {
    std::tie(kind, ilen) = intro_at(t, pos);
    if (kind != Intro::None) break;
    if (t[pos] != ' ') break;
    size_t e = pos + 1;
    while (e < t.size() && word_char(t[e])) ++e;
    if (e == pos + 1) break;
    std::string_view word = t.substr(pos + 1, e - pos - 1);
    // "two members in the House of Commons, European Parliament, …", "three affiliates
    // located in Denver, New Orleans and Houston": a comma after a prepositional phrase
    // continues that phrase's own list.
    static constexpr std::string_view function_words[] = {
        "in",   "of", "the",   "to",      "for",     "with",  "at",   "on",
        "from", "by", "among", "between", "located", "based", "into", "than"};
    for (auto f : function_words) comma_ok &= word != f;
    // "within six months to visit seven countries: …": the list is the other count's.
    static constexpr std::string_view counts[] = {"two", "three",  "four",   "five",
                                                  "six", "seven",  "eight",  "nine",
                                                  "ten", "eleven", "twelve", "dozen"};
    for (auto n : counts)
      if (word == n) return false;
    pos = e;
  }
  if (kind == Intro::None) return false;
  if ((kind == Intro::Comma || kind == Intro::Copula) && !comma_ok) return false;
  size_t from = pos + ilen;
  size_t end = region_end(t, from);
  items = items_in(t, from, end);
  if (items.size() < 2) return false;
  bool ok = std::all_of(items.begin(), items.end(), [&](Range r) {
    return r.first < r.second && words(t.substr(r.first, r.second - r.first)) <= 6;
  });
  // A comma or "were" joins many things: only a list of names is taken as the count's.
  if (ok && (kind == Intro::Comma || kind == Intro::Copula))
    ok = std::all_of(items.begin(), items.end(), [&](Range r) { return name_like(t, r); });
  if (!ok) return false;
  // "five members: the chairman, two deputies and two advisers": items that are counts of
  // their own add up to the count; they are not one item each.
  static constexpr std::string_view counted[] = {"two ", "three ",   "four ",  "five ",
                                                 "six ", "seven ",   "eight ", "nine ",
                                                 "ten ", "several ", "some ",  "many "};
  for (auto r : items) {
    std::string_view it = t.substr(r.first, r.second - r.first);
    // "2 deputies" counts; "7710" (a model) names.
    if (!it.empty() && std::isdigit(static_cast<unsigned char>(it[0])) && words(it) >= 2)
      return false;
    for (auto w : counted)
      if (it.rfind(w, 0) == 0) return false;
  }
  // "three years - between 2001 and 2004": a range, not a list.
  std::string_view first =
      t.substr(items.front().first, items.front().second - items.front().first);
  for (std::string_view w : {"between ", "from ", "to ", "by ", "at ", "about ", "around "})
    if (first.rfind(w, 0) == 0) return false;
  std::string_view lead = t.substr(from, items.front().first - from + 12);
  open = lead.rfind("including", 0) == 0 || lead.rfind("such as", 0) == 0 ||
         lead.rfind("among", 0) == 0;
  std::string_view last = t.substr(items.back().first, items.back().second - items.back().first);
  open |= last.rfind("other", 0) == 0 || last.find("etc") != std::string_view::npos;
  return true;
}

// The first byte at or after `p` where a word of add_spelled_counts may start: t, f, s, e or n
// after no ASCII letter (isalpha in the C locale Tally runs in); t.size() when none. Sixteen
// bytes are tested at a time.
size_t next_spelled_start(std::string_view t, size_t p) {
  auto letter = [](unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
  auto start = [&](size_t i) {
    char c = t[i];
    return (c == 't' || c == 'f' || c == 's' || c == 'e' || c == 'n') &&
           (i == 0 || !letter(static_cast<unsigned char>(t[i - 1])));
  };
#if defined(__SSE2__)
  if (p == 0 && !t.empty()) {
    if (start(0)) return 0;
    p = 1;
  }
  const __m128i firsts[] = {_mm_set1_epi8('t'), _mm_set1_epi8('f'), _mm_set1_epi8('s'),
                            _mm_set1_epi8('e'), _mm_set1_epi8('n')};
  const __m128i x20 = _mm_set1_epi8(0x20), below_a = _mm_set1_epi8('a' - 1),
                after_z = _mm_set1_epi8('z' + 1);
  for (; p >= 1 && p + 16 <= t.size(); p += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + p));
    __m128i u =
        _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + p - 1)), x20);
    __m128i first = _mm_cmpeq_epi8(v, firsts[0]);
    for (size_t k = 1; k < std::size(firsts); ++k)
      first = _mm_or_si128(first, _mm_cmpeq_epi8(v, firsts[k]));
    // Signed compares: bytes of 0x80 and above are negative, never letters.
    __m128i prev_letter = _mm_and_si128(_mm_cmpgt_epi8(u, below_a), _mm_cmpgt_epi8(after_z, u));
    if (int mask = _mm_movemask_epi8(_mm_andnot_si128(prev_letter, first)))
      return p + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; p < t.size(); ++p)
    if (start(p)) return p;
  return t.size();
}

// Spelled-out counts the quantity reader passes over ("three of them", "three months"): only
// kept when a list is set after them.
void add_spelled_counts(std::string_view t, CountFacts& out) {
  static constexpr std::string_view numbers[] = {
      "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"};
  // Every whole word of the list, found in one pass over the text (its first letters, at a word
  // start) and then taken in the order of a search for each word in turn: number, then place.
  // (Eleven searches read English copy eleven times, stopping at every 't', 'f', 's', 'e', 'n'.)
  // Two whole words never overlap, so no claim added for one word covers another's place.
  std::vector<std::pair<size_t, size_t>> found;  // (index in numbers, byte)
  for (size_t p = 0; (p = next_spelled_start(t, p)) < t.size(); ++p) {
    for (size_t v = 0; v < std::size(numbers); ++v) {
      std::string_view w = numbers[v];
      // The first letter before the rest (a call to memcmp for each word at each place).
      if (t[p] != w[0] || t.compare(p, w.size(), w) != 0) continue;
      size_t e = p + w.size();
      if (e < t.size() && std::isalpha(static_cast<unsigned char>(t[e]))) continue;
      found.emplace_back(v, p);
    }
  }
  std::sort(found.begin(), found.end());
  for (const auto& at : found) {
    size_t v = at.first, p = at.second;  // not a structured binding: the lambda below reads p
    std::string_view w = numbers[v];
    size_t e = p + w.size();
    bool taken = std::any_of(out.claims.begin(), out.claims.end(),
                             [&](const CountClaim& c) { return c.begin <= p && c.end > p; });
    if (taken) continue;
    // Units and durations measure ("two pct", "three weeks"); months may be listed by name.
    size_t ne = e + 1;
    while (ne < t.size() && std::isalpha(static_cast<unsigned char>(t[ne]))) ++ne;
    std::string_view next = e < t.size() ? t.substr(e + 1, ne - e - 1) : std::string_view{};
    static constexpr std::string_view units[] = {
        "years",   "days",   "weeks",  "hours", "minutes", "seconds", "times", "pct",
        "percent", "cts",    "cents",  "dlrs",  "dollars", "mln",     "bln",   "billion",
        "million", "points", "pounds", "yen",   "francs",  "tonnes",  "goals", "shares"};
    if (std::find(std::begin(units), std::end(units), next) != std::end(units)) continue;
    CountClaim c{static_cast<uint32_t>(p), static_cast<uint32_t>(e), static_cast<int>(v) + 2, ""};
    std::vector<Range> items;
    bool open = false;
    if (!apposed_list(t, c, items, open)) continue;
    int n = static_cast<int>(items.size());
    out.claims.push_back(c);
    out.lists.push_back({items.front().first, items.back().second, std::move(items), open});
    out.links.push_back({out.claims.size() - 1, out.lists.size() - 1, LinkEvidence::Apposition,
                         c.count < 2 * n && n <= 2 * c.count});
  }
}

}  // namespace

void find_english_appositions(std::string_view t, CountFacts& out) {
  for (size_t ci = 0; ci < out.claims.size(); ++ci) {
    const auto& c = out.claims[ci];
    if (c.begin >= t.size() || (static_cast<unsigned char>(t[c.begin]) & 0x80)) continue;
    auto old = std::find_if(out.links.begin(), out.links.end(),
                            [&](const CountLink& l) { return l.claim == ci; });
    if (old != out.links.end() && old->evidence != LinkEvidence::SameSentence) continue;
    std::vector<Range> items;
    bool open = false;
    if (!apposed_list(t, c, items, open)) continue;
    int n = static_cast<int>(items.size());
    bool strong = c.count < 2 * n && n <= 2 * c.count;
    out.lists.push_back({items.front().first, items.back().second, std::move(items), open});
    CountLink link{ci, out.lists.size() - 1, LinkEvidence::Apposition, strong};
    if (old != out.links.end())
      *old = link;
    else
      out.links.push_back(link);
  }
  add_spelled_counts(t, out);
}

}  // namespace tally::facts
