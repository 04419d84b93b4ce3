#include "facts/counts.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <optional>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "facts/find_text.hpp"
#include "facts/list_appositions.hpp"
#include "facts/record_hooks.hpp"
#include "facts/sentences.hpp"
#include "text/utf8.hpp"

namespace tally::facts {

const char* link_evidence_name(LinkEvidence e) {
  switch (e) {
    case LinkEvidence::ListBefore:
      return "list-before-count";
    case LinkEvidence::Parenthesized:
      return "parenthesized-list";
    case LinkEvidence::Colon:
      return "colon-list";
    case LinkEvidence::SameSentence:
      return "same-sentence";
    case LinkEvidence::Apposition:
      return "apposed-list";
  }
  return "?";
}

namespace {

using Range = std::pair<uint32_t, uint32_t>;

size_t cps(std::string_view s) {
  return text::count_code_points(s);
}

bool claim_measure(std::string_view m) {
  // Not 方: "与美国、巴基斯坦和卡塔尔举行四方会议" counts the subject too, and "志在四方" is an
  // idiom.
  static constexpr std::string_view ok[] = {"地", "级", "个", "张", "项", "大类", "大", "种", "类",
                                            "批", "家", "支", "条", "部", "所",   "位", "名", "座"};
  return std::find(std::begin(ok), std::end(ok), m) != std::end(ok);
}

bool starts_with_any(std::string_view t, size_t pos, std::initializer_list<std::string_view> ws) {
  for (auto w : ws)
    if (t.substr(pos, w.size()) == w) return true;
  return false;
}

bool ends_with_any(std::string_view t, size_t pos, std::initializer_list<std::string_view> ws) {
  for (auto w : ws)
    if (pos >= w.size() && t.substr(pos - w.size(), w.size()) == w) return true;
  return false;
}

// Names and set phrases that hold a numeral but count nothing listed: party congresses and
// "十大典型案例" (大 after ten or more), sports ("北欧两项", "铁人三项"), "两位数" (double-digit),
// grades of medals and emergency responses ("二级航天功勋奖章", "四级应急响应"), a title opening
// a quotation ("“三级…奖章”"), place names ("五家渠市"), and a count that is itself a list item
// ("跳台滑雪、北欧两项等项目").
bool named_numeral(std::string_view t, const Quantity& q) {
  std::string_view m = q.measure;
  if (m == "大" && q.number.value >= 10) return true;
  if (m == "位" && starts_with_any(t, q.end, {"数"})) return true;
  if (m == "项" && ends_with_any(t, q.number.begin, {"冬季", "北欧", "铁人", "现代"})) return true;
  if (m == "级" && starts_with_any(t, q.end,
                                   {"航天", "功勋", "奖章", "勋章", "应急", "响应", "英模", "警",
                                    "职称", "教授", "运动员", "风险"}))
    return true;
  bool named_set = m == "个" && t.substr(q.end, 6) == "一”";  // "“六个一”" is a count
  if (!named_set && ends_with_any(t, q.number.begin, {"“", "「"})) return true;
  if (starts_with_any(t, q.end, {"等", "、"})) return true;
  // "五家渠市": one more character and a place suffix make the count part of a name.
  // "17个乡镇" is a count: 个 is no part of a name, and 乡 is itself the kind of place.
  if (q.end < t.size() && m != "个" &&
      !starts_with_any(t, q.end, {"乡", "镇", "县", "市", "区", "村"})) {
    auto d = text::decode_at(t, q.end);
    // "四座大山", "两条小河": 大/小 describe the thing counted, they do not start a name.
    if (text::is_ideograph(d.cp) && d.cp != U'大' && d.cp != U'小' &&
        starts_with_any(t, q.end + d.size, {"市", "县", "镇", "乡", "村", "旗", "山", "湖", "河"}))
      return true;
  }
  return false;
}

// English counts worth checking against a list are spelled out ("three cities"); figures
// with units ("15 cts", "17 mln bpd", "seven barrels") measure, they do not enumerate.
bool english_count_noun(std::string_view noun) {
  static constexpr std::string_view units[] = {
      "percent",    "pct",      "cts",         "cents",  "dlrs",   "dollars",  "mln",     "bln",
      "billion",    "million",  "pounds",      "yen",    "francs", "marks",    "barrels", "tonnes",
      "tons",       "bags",     "bales",       "ounces", "inch",   "inches",   "feet",    "miles",
      "points",     "years",    "days",        "weeks",  "hours",  "minutes",  "seconds", "times",
      "per",        "pence",    "stg",         "bpd",    "head",   "acres",    "metres",  "meters",
      "kilometres", "km",       "goals",       "shares", "pct.",   "thousand", "hundred", "dozen",
      "top",        "straight", "consecutive", "or",     "more",   "less"};
  std::string lower(noun);
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return std::find(std::begin(units), std::end(units), lower) == std::end(units);
}

// The first byte at or after `i` that may start a place count: byte E4 or E5 then one of B8,
// B9, BA, 9B, 85, 8D (the first two bytes of every numeral of add_place_counts: 两三七 E4 B8,
// 九 E4 B9, 五 E4 BA, 四 E5 9B, 六八 E5 85, 十 E5 8D), with byte E5, E7 or E9 three bytes on (every
// place word starts with one), six bytes before the end at the latest; t.size() when none. A
// continuation byte is never E4 or E5, so this stops at the same characters as a walk from
// character to character would; sixteen bytes are tested at a time (most characters start no
// place count, and the walk was most of the cost of finding them).
size_t next_place_count(std::string_view t, size_t i) {
  auto candidate = [&](size_t p) {
    auto lead = static_cast<unsigned char>(t[p]), second = static_cast<unsigned char>(t[p + 1]),
         next = static_cast<unsigned char>(t[p + 3]);
    return (lead == 0xE4 || lead == 0xE5) &&
           (second == 0xB8 || second == 0xB9 || second == 0xBA || second == 0x9B ||
            second == 0x85 || second == 0x8D) &&
           (next == 0xE5 || next == 0xE7 || next == 0xE9);
  };
#if defined(__SSE2__)
  auto all = [](int b) { return _mm_set1_epi8(static_cast<char>(b)); };
  const __m128i e4 = all(0xE4), e5 = all(0xE5), e7 = all(0xE7), e9 = all(0xE9), b8 = all(0xB8),
                b9 = all(0xB9), ba = all(0xBA), x9b = all(0x9B), x85 = all(0x85), x8d = all(0x8D);
  for (; i + 19 <= t.size(); i += 16) {
    auto load = [&](size_t at) {
      return _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + at));
    };
    __m128i v = load(i), s = load(i + 1), w = load(i + 3);
    __m128i lead = _mm_or_si128(_mm_cmpeq_epi8(v, e4), _mm_cmpeq_epi8(v, e5));
    __m128i second =
        _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(s, b8), _mm_cmpeq_epi8(s, b9)),
                                  _mm_or_si128(_mm_cmpeq_epi8(s, ba), _mm_cmpeq_epi8(s, x9b))),
                     _mm_or_si128(_mm_cmpeq_epi8(s, x85), _mm_cmpeq_epi8(s, x8d)));
    __m128i place = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, e5), _mm_cmpeq_epi8(w, e7)),
                                 _mm_cmpeq_epi8(w, e9));
    if (int mask = _mm_movemask_epi8(_mm_and_si128(_mm_and_si128(lead, second), place))) {
      size_t p = i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
      return p + 6 <= t.size() ? p : t.size();
    }
  }
#endif
  for (; i + 6 <= t.size(); ++i)
    if (candidate(i)) return i;
  return t.size();
}

// "河南、湖北、安徽、江苏、山东五省", "俄、白两国", "丽水、温州两市": a Chinese numeral and a
// place word, which the number reader does not take for a quantity. Not "第三国", "七国集团",
// "两岸".
void add_place_counts(std::string_view t, std::vector<CountClaim>& claims) {
  static constexpr std::string_view digits[] = {"两", "三", "四", "五", "六",
                                                "七", "八", "九", "十"};
  static constexpr std::string_view places[] = {"省", "市", "国", "县", "区", "州", "岛", "镇"};
  for (size_t i = 0; (i = next_place_count(t, i)) + 6 <= t.size();) {
    // The numeral's three bytes as one number, compared with each numeral's: a string
    // comparison per numeral was a call to memcmp for most characters of a Chinese text.
    static const std::array<uint32_t, std::size(digits)> digit_codes = [] {
      std::array<uint32_t, std::size(digits)> out{};
      for (size_t d = 0; d < std::size(digits); ++d) out[d] = text::three_bytes(digits[d], 0);
      return out;
    }();
    uint32_t here = text::three_bytes(t, i);
    bool hit = false;
    for (size_t d = 0; d < std::size(digits) && !hit; ++d) {
      if (here != digit_codes[d]) continue;
      size_t e = i + 3;
      int value = static_cast<int>(d) + 2;
      for (auto p : places) {
        if (t.substr(e, 3) != p) continue;
        // "第三国", "二十国集团", "十三五": part of a longer numeral or a name.
        bool numeral_before = i >= 3 && (t.substr(i - 3, 3) == "第" || t.substr(i - 3, 3) == "十" ||
                                         t.substr(i - 3, 3) == "一" || t.substr(i - 3, 3) == "二");
        // "两党两国关系": a second count after a first modifies the noun with it.
        for (auto dg : digits)
          if (i >= 6 && t.substr(i - 6, 3) == dg) numeral_before = true;
        // "上海、江苏、浙江、安徽三省一市": a count of two kinds of place.
        bool compound = false;
        for (auto dg : digits)
          if (t.substr(e + 3, 3) == dg || t.substr(e + 3, 3) == "一") compound = true;
        if (numeral_before || compound ||
            starts_with_any(t, e + 3, {"集团", "协议", "峰会", "演义"}))
          break;
        bool taken = std::any_of(claims.begin(), claims.end(),
                                 [&](const CountClaim& c) { return c.begin <= i && c.end > i; });
        if (!taken)
          claims.push_back(
              {static_cast<uint32_t>(i), static_cast<uint32_t>(e + 3), value, "", true});
        hit = true;
        i = e + 3;
        break;
      }
    }
    // The next candidate is never inside this character: its other bytes are continuation
    // bytes, never E4 or E5.
    if (!hit) ++i;
  }
  std::sort(claims.begin(), claims.end(),
            [](const CountClaim& a, const CountClaim& b) { return a.begin < b.begin; });
}

Range trim(std::string_view t, Range r) {
  while (r.first < r.second && (t[r.first] == ' ')) ++r.first;
  while (r.second > r.first && t[r.second - 1] == ' ') --r.second;
  return r;
}

// Splits t[b, e) into list items at 、 (and ", " in English copy), with 和/及/与/以及/and/or
// before the last item. Returns no items when there is no list.
std::vector<Range> split_items(std::string_view t, uint32_t b, uint32_t e, bool& open) {
  open = false;
  std::vector<Range> items;
  std::string_view s = t.substr(b, e - b);
  bool cjk = s.find("、") != std::string_view::npos;
  std::string_view sep = cjk ? "、" : ", ";
  if (!cjk && s.find(", ") == std::string_view::npos &&
      find_text(s, " and ") == std::string_view::npos)
    return items;
  uint32_t start = b;
  for (size_t p = s.find(sep); p != std::string_view::npos; p = s.find(sep, p + sep.size())) {
    items.push_back(trim(t, {start, static_cast<uint32_t>(b + p)}));
    start = static_cast<uint32_t>(b + p + sep.size());
  }
  Range last = trim(t, {start, e});
  // "…和D" / "… and D": the last item splits in two.
  std::string_view ls = t.substr(last.first, last.second - last.first);
  static constexpr std::string_view conj[] = {"以及", "和", "及", "与", " and ", " or "};
  // The English words by find_text (find stops at every space), the Chinese ones by find
  // (cheaper in short clauses).
  auto find_conj = [](std::string_view x, std::string_view c) {
    return c[0] == ' ' ? find_text(x, c) : x.find(c);
  };
  for (auto c : conj) {
    auto p = find_conj(ls, c);
    // "建材及家具、家庭用品、礼品及装饰品": a conjunction an earlier item also holds joins words
    // inside items, not the last two items.
    bool inner = std::any_of(items.begin(), items.end(), [&](Range r) {
      return find_conj(t.substr(r.first, r.second - r.first), c) != std::string_view::npos;
    });
    if (inner) continue;
    // "呼和浩特市": a conjunction with one character before or after it is part of a name.
    if (p != std::string_view::npos && p > 0 && c[0] != ' ' &&
        (cps(ls.substr(0, p)) < 2 || cps(ls.substr(p + c.size())) < 2))
      continue;
    if (p != std::string_view::npos && p > 0) {
      items.push_back(trim(t, {last.first, static_cast<uint32_t>(last.first + p)}));
      last = trim(t, {static_cast<uint32_t>(last.first + p + c.size()), last.second});
      break;
    }
  }
  // "…等部门" / "etc.": the list says it is not complete, and ends at the marker.
  std::string_view tail = t.substr(last.first, last.second - last.first);
  // "包括人社、财政在内的19个部门": the named items are examples of the whole.
  if (auto p = tail.find("在内"); p != std::string_view::npos && p > 0) {
    open = true;
    last.second = static_cast<uint32_t>(last.first + p);
  }
  // "人工智能、低空经济等消费新热点和新趋势": 等 inside an earlier item opens the list too.
  for (auto r : items)
    if (t.substr(r.first, r.second - r.first).find("等") != std::string_view::npos) open = true;
  for (std::string_view m : {"等", "etc.", "etc"}) {
    auto p = tail.find(m);
    if (p != std::string_view::npos && p > 0) {
      open = true;
      last.second = static_cast<uint32_t>(last.first + p);
      last = trim(t, last);
      break;
    }
  }
  items.push_back(last);
  if (items.size() < 2) items.clear();
  if (!cjk && !items.empty()) {
    // English commas mostly join clauses: a list needs "and"/"or" before its last item and
    // short items ("Springfield, Shelbyville and Ogdenville").
    bool conj_seen = find_text(s, " and ") != std::string_view::npos ||
                     find_text(s, " or ") != std::string_view::npos;
    bool short_items = std::all_of(items.begin(), items.end(), [&](Range r) {
      return std::count(t.begin() + r.first, t.begin() + r.second, ' ') <= 3;
    });
    if (!conj_seen || !short_items) items.clear();
  }
  return items;
}

// The first item starts after whatever introduces the list, the last runs on into the rest of
// the clause: bound both by the middle items' length, cut the last at "的", and drop quote marks
// left at the edges ("“守信光荣、失信可耻”").
void tidy_items(std::string_view t, std::vector<Range>& items) {
  auto len = [&](Range r) { return cps(t.substr(r.first, r.second - r.first)); };
  auto& last = items.back();
  std::string_view ls = t.substr(last.first, last.second - last.first);
  if (auto p = ls.find("的"); p != std::string_view::npos && p > 0)
    last.second = static_cast<uint32_t>(last.first + p);
  size_t longest = 0;
  for (size_t k = 1; k + 1 < items.size(); ++k) longest = std::max(longest, len(items[k]));
  if (items.size() == 2) longest = std::min(len(items[0]), len(items[1]));
  auto& first = items.front();
  if (len(first) > longest + 4) {
    uint32_t from = first.first;
    while (len(first) > longest) {
      auto d = text::decode_at(t, first.first);
      first.first += d.size ? d.size : 1;
    }
    // Never start inside a number or a Latin word.
    while (first.first > from &&
           text::is_ascii_alnum(static_cast<unsigned char>(t[first.first - 1])))
      --first.first;
  }
  for (auto& r : items) {
    if (t.substr(r.first, 3) == "“") r.first += 3;
    if (r.second >= r.first + 3 && t.substr(r.second - 3, 3) == "”") r.second -= 3;
    r = trim(t, r);
  }
}

// Two lists run together ("邮政、快递企业加快完善县、乡、村三级"): an item much longer than the
// items after it holds the end of one sentence and the start of the next list; the list keeps
// that item's tail and what follows. A last item much longer than the others runs on into the
// predicate ("北京、天津启动防汛四级应急响应"): where it ends is unknown, so there is no list.
// Returns false when the list should be dropped. Chinese lists only.
bool merged_lists(std::string_view t, std::vector<Range>& items) {
  auto len = [&](Range r) { return cps(t.substr(r.first, r.second - r.first)); };
  bool cjk = false;
  for (auto r : items) {
    if (r.first < r.second && (static_cast<unsigned char>(t[r.first]) & 0x80)) cjk = true;
  }
  if (!cjk || items.size() < 2) return true;
  size_t others = 0;
  for (size_t k = 0; k + 1 < items.size(); ++k) others = std::max(others, len(items[k]));
  if (len(items.back()) > others + 3) return false;
  size_t after = len(items.back());
  for (size_t k = items.size() - 1; k-- > 0;) {
    if (len(items[k]) > std::max(after + 3, 2 * after + 1)) {
      // Keep the last `after` characters of this item; drop the items before it.
      Range& r = items[k];
      while (len(r) > after) {
        auto d = text::decode_at(t, r.first);
        r.first += d.size ? d.size : 1;
      }
      items.erase(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(k));
      break;
    }
    after = std::max(after, len(items[k]));
  }
  return true;
}

bool boundary(char32_t c) {
  return c == U'，' || c == U'。' || c == U'；' || c == U'：' || c == U'（' || c == U'）' ||
         c == U'(' || c == U')' || c == U'！' || c == U'？' || c == ';' || c == ':' || c == '.';
}

// The first byte at or after `i` that may start a boundary of regions(): one of . , ; : ( )
// or byte E3 or EF (which every CJK boundary mark starts with); t.size() when none. Sixteen
// bytes are tested at a time: letters, digits, spaces and most CJK characters are none.
size_t next_boundary(std::string_view t, size_t i) {
  auto candidate = [](unsigned char c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == 0xE3 ||
           c == 0xEF;
  };
#if defined(__SSE2__)
  static const __m128i marks[] = {_mm_set1_epi8('.'),
                                  _mm_set1_epi8(','),
                                  _mm_set1_epi8(';'),
                                  _mm_set1_epi8(':'),
                                  _mm_set1_epi8('('),
                                  _mm_set1_epi8(')'),
                                  _mm_set1_epi8(static_cast<char>(0xE3)),
                                  _mm_set1_epi8(static_cast<char>(0xEF))};
  for (; i + 16 <= t.size(); i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + i));
    __m128i hit = _mm_cmpeq_epi8(v, marks[0]);
    for (size_t k = 1; k < std::size(marks); ++k)
      hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, marks[k]));
    if (int mask = _mm_movemask_epi8(hit))
      return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (i < t.size() && !candidate(static_cast<unsigned char>(t[i]))) ++i;
  return i;
}

// Clause-like regions: text between boundary marks.
std::vector<Range> regions(std::string_view t) {
  std::vector<Range> out;
  uint32_t start = 0;
  for (uint32_t i = 0; i < t.size();) {
    // Every boundary mark is one of the ASCII marks of next_boundary or starts with byte E3 or
    // EF: other bytes (most of any text) are stepped over without decoding. A continuation
    // byte is none of them, so this stops at the same characters as a walk from character to
    // character; the bytes stepped over would decode to no boundary.
    i = static_cast<uint32_t>(next_boundary(t, i));
    if (i >= t.size()) break;
    auto d = text::decode_at(t, i);
    uint32_t n = d.size ? d.size : 1;
    // Chinese copy often carries ASCII commas ("检察院,昆都仑区"): with no space after, a comma
    // ends a clause; English ", " separates list items; "1,234" is a number.
    bool ascii_comma = d.cp == ',' && i + 1 < t.size() && t[i + 1] != ' ' &&
                       !(i > 0 && text::is_digit(static_cast<unsigned char>(t[i - 1])) &&
                         text::is_digit(static_cast<unsigned char>(t[i + 1])));
    if (boundary(d.cp) || ascii_comma) {
      out.push_back({start, i});
      start = i + n;
    }
    i += n;
  }
  out.push_back({start, static_cast<uint32_t>(t.size())});
  return out;
}

}  // namespace

CountFacts find_counts(std::string_view t, const std::vector<Quantity>& quantities,
                       const std::vector<Sentence>& sentences) {
  CountFacts out;
  for (const auto& q : quantities) {
    const auto& n = q.number;
    // "under three categories": in English the preposition reads as a bound.
    bool preposition =
        n.form == NumberForm::English && (n.qualifier == "under" || n.qualifier == "over");
    if ((n.approximate && !preposition) || n.value < 2 || n.value > 20 ||
        n.value != static_cast<int>(n.value))
      continue;
    bool english =
        n.form == NumberForm::English ||
        (!q.measure.empty() && (q.measure[0] | 0x20) >= 'a' && (q.measure[0] | 0x20) <= 'z');
    if (!english && !claim_measure(q.measure)) continue;
    if (english && (n.form != NumberForm::English || !english_count_noun(q.measure))) continue;
    if (!english && named_numeral(t, q)) continue;
    CountClaim c{q.begin, q.end, static_cast<int>(n.value), q.noun};
    // "“六个一”": a named set of N items.
    if (q.measure == "个" && t.substr(q.end, 6) == "一”" && q.begin >= 3 &&
        t.substr(q.begin - 3, 3) == "“") {
      c.begin = q.begin - 3;
      c.end = q.end + 6;
      c.noun.clear();
    }
    out.claims.push_back(std::move(c));
  }

  add_place_counts(t, out.claims);

  // Lists in each clause region; a region holding a claim ends its list at the claim (the
  // first such claim in `out.claims` order). The regions are disjoint and in order, so the
  // claims beginning in each are found by binary search over the claims sorted by position:
  // every claim walked for every region was quadratic in a long paragraph.
  std::vector<std::pair<uint32_t, size_t>> claim_at;  // (begin, index in out.claims)
  for (size_t k = 0; k < out.claims.size(); ++k) claim_at.emplace_back(out.claims[k].begin, k);
  std::sort(claim_at.begin(), claim_at.end());
  for (auto [b, e] : regions(t)) {
    auto it = std::upper_bound(claim_at.begin(), claim_at.end(),
                               std::make_pair(b, std::numeric_limits<size_t>::max()));
    size_t first = out.claims.size();
    uint32_t end_at = e;
    for (; it != claim_at.end() && it->first < e; ++it) {
      if (it->second >= first) continue;
      uint32_t cb = it->first;
      if (cb >= 3 && t.substr(cb - 3, 3) == "“") cb -= 3;
      // A count that is itself an item ("36 个市级、9 个县级") does not end the list.
      uint32_t p = cb;
      while (p > b && t[p - 1] == ' ') --p;
      if (p >= b + 3 && t.substr(p - 3, 3) == "、") continue;
      first = it->second;
      end_at = cb;
    }
    e = end_at;
    bool open = false;
    auto items = split_items(t, b, e, open);
    if (items.empty()) continue;
    tidy_items(t, items);
    if (!merged_lists(t, items)) continue;
    bool empty_item =
        std::any_of(items.begin(), items.end(), [](Range r) { return r.first >= r.second; });
    // Items are names and short phrases; 、 between whole clauses is not a list to count.
    bool sentence_like = std::all_of(items.begin(), items.end(), [&](Range r) {
      return cps(t.substr(r.first, r.second - r.first)) > 12;
    });
    if (empty_item || sentence_like) continue;
    // "such as" opens a list too.
    std::string_view before = t.substr(b, items.front().first - b);
    if (before.find("such as") != std::string_view::npos) open = true;
    out.lists.push_back({items.front().first, items.back().second, std::move(items), open});
  }

  // Links.
  auto sentence_of = [&](uint32_t pos) {
    for (size_t k = 0; k < sentences.size(); ++k)
      if (pos >= sentences[k].begin && pos < sentences[k].end) return k;
    return sentences.size();
  };
  for (size_t ci = 0; ci < out.claims.size(); ++ci) {
    const auto& c = out.claims[ci];
    std::optional<CountLink> best;
    for (size_t li = 0; li < out.lists.size(); ++li) {
      const auto& l = out.lists[li];
      uint32_t gap_b = l.end, gap_e = c.begin;
      std::string_view between = gap_e >= gap_b ? t.substr(gap_b, gap_e - gap_b) : "";
      if (c.begin >= l.begin && c.end <= l.end) continue;  // the count is one of the items
      bool english_claim = c.begin < t.size() && !(static_cast<unsigned char>(t[c.begin]) & 0x80);
      if (l.end <= c.begin && (between.empty() || between == "“" || between == " " ||
                               between == "的" || between == "等")) {
        // "A、B和三大倡议", "the chairman, chief executive and three directors": the count
        // is coordinated with the list, not counting it. "从国家到省、市、县四级": the range
        // counts its start too. English counts a list before it only in apposition
        // ("Baotou, Hohhot and Ordos, the three cities").
        bool coordinated = ends_with_any(t, c.begin, {"和", "及", "与", "and ", "or "});
        bool range = ends_with_any(t, l.begin, {"到", "至"});
        bool apposed = !english_claim || ends_with_any(t, c.begin, {"the ", "all "});
        // Places are short names ("河南、湖北…五省", "俄、白两国"); a long last item is a clause
        // ("命运与共成为两党两国关系").
        auto last = l.items.back();
        std::string_view last_text = t.substr(last.first, last.second - last.first);
        bool clause = c.place && (cps(last_text) > 5 ||  // "约200名两国代表": not a place
                                  std::any_of(last_text.begin(), last_text.end(),
                                              [](char ch) { return ch >= '0' && ch <= '9'; }));
        if (coordinated || range || !apposed || clause) continue;
        best = CountLink{ci, li, LinkEvidence::ListBefore, true};
        break;
      }
      if (l.begin >= c.end) {
        std::string_view mid = t.substr(c.end, l.begin - c.end);
        bool paren =
            mid.find("（") != std::string_view::npos || mid.find('(') != std::string_view::npos;
        bool colon =
            mid.find("：") != std::string_view::npos || mid.find(':') != std::string_view::npos;
        // "15个县（市、区）": a parenthesis right after a one-character noun glosses its kinds;
        // the items of "“六个一”特色工作（…）" follow a noun of their own.
        auto open_at = std::min(mid.find("（"), mid.find('('));
        bool gloss = paren && open_at != std::string_view::npos && cps(mid.substr(0, open_at)) < 2;
        if ((paren || colon) && !gloss && cps(mid) <= 12 &&
            mid.find("。") == std::string_view::npos) {
          best = CountLink{ci, li, paren ? LinkEvidence::Parenthesized : LinkEvidence::Colon, true};
          break;
        }
      }
      if (!best && sentence_of(c.begin) == sentence_of(l.begin))
        best = CountLink{ci, li, LinkEvidence::SameSentence, false};
    }
    if (best) {
      // Four kinds of people for "9位代表", two cities holding "14个县市区": a count far from
      // the number of items counts members of the kinds listed, not the items.
      int n = static_cast<int>(out.lists[best->list].items.size());
      if (!(c.count < 2 * n && n <= 2 * c.count)) best->strong = false;
      out.links.push_back(*best);
    }
  }
  find_english_appositions(t, out);
  return out;
}

}  // namespace tally::facts

namespace tally::facts {

void write_fields(const At<CountClaim>& x, const RecordContext& c, RecordSink& sink) {
  sink.integer("count", x.fact.count);
  sink.string("noun", x.fact.noun);
  const ArticleFacts::Link* link = nullptr;
  for (const auto& l : c.facts.links)
    if (l.claim == c.index) link = &l;  // the last link found is the one kept
  if (link) {
    sink.begin_object("list");
    sink.integer("index", static_cast<int64_t>(link->list));
    sink.string("evidence", link_evidence_name(link->evidence));
    sink.boolean("strong", link->strong);
    sink.end_object();
  } else {
    sink.null("list");
  }
}

void write_fields(const At<Enumeration>& x, const RecordContext& c, RecordSink& sink) {
  const auto& lt = c.article.blocks[x.block].text;
  sink.begin_array("items");
  for (auto [b, e] : x.fact.items) {
    sink.begin_object(nullptr);
    sink.string("text", std::string_view(lt.text).substr(b, e - b));
    sink.span("span", lt.to_original(b, e));
    sink.integer("lbegin", b);
    sink.integer("lend", e);
    sink.end_object();
  }
  sink.end_array();
  sink.boolean("open", x.fact.open);
  sink.integer("index", static_cast<int64_t>(c.index));
}

}  // namespace tally::facts
