#include "facts/totals.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <string_view>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "facts/extract.hpp"
#include "facts/find_text.hpp"
#include "facts/record_hooks.hpp"
#include "text/utf8.hpp"

namespace tally::facts {

namespace {

using Words = std::initializer_list<std::string_view>;

bool ends_with_any(std::string_view t, size_t pos, Words ws) {
  for (auto w : ws)
    if (pos >= w.size() && t.substr(pos - w.size(), w.size()) == w) return true;
  return false;
}

bool starts_with_any(std::string_view t, size_t pos, Words ws) {
  for (auto w : ws)
    if (t.substr(pos, w.size()) == w) return true;
  return false;
}

bool contains_any(std::string_view s, Words ws) {
  for (auto w : ws)
    if (s.find(w) != std::string_view::npos) return true;
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)  // ASCII, as std::tolower in the C locale Tally runs in, without a call
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

// Up to `n` bytes before `pos`, not cutting a UTF-8 sequence.
std::string_view before(std::string_view t, size_t pos, size_t n) {
  size_t b = pos > n ? pos - n : 0;
  while (b < pos && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80) ++b;
  return t.substr(b, pos - b);
}

// Measure classes: what may be compared. 名/人/位/人次 all count persons; money is 元 after
// 万/亿 are applied; other Chinese measures compare only with themselves.
std::string zh_class(std::string_view m) {
  if (m == "名" || m == "人" || m == "位" || m == "人次" || m == "余人次" || m == "万余人次")
    return "person";
  if (m == "元" || m == "万元" || m == "亿元" || m == "万亿元") return "yuan";
  if (m == "亩" || m == "平方米" || m == "平方公里" || m == "公顷") return "m2";
  if (m == "年" || m == "岁" || m == "倍" || m == "个百分点") return "";
  return std::string(m);
}

// The scale a wire form writes after the figure ("653 mln", "$11.1bn", "£3m"), when the
// number reader has not taken it already; and where it ends.
double english_scale(std::string_view t, size_t& pos) {
  size_t p = pos;
  while (p < t.size() && t[p] == ' ') ++p;
  for (auto [w, m] : {std::pair<std::string_view, double>{"mln", 1e6},
                      {"bln", 1e9},
                      {"bn", 1e9},
                      {"billion", 1e9},
                      {"million", 1e6},
                      {"m", 1e6},
                      {"k", 1e3}}) {
    if (t.substr(p, w.size()) == w &&
        (p + w.size() == t.size() || !std::isalpha(static_cast<unsigned char>(t[p + w.size()])))) {
      // "m" and "bn" are glued to the figure ("£3m"); a spaced "m" is a metre or a word.
      if ((w == "m" || w == "k") && p != pos) continue;
      pos = p + w.size();
      return m;
    }
  }
  return 1;
}

// The unit an English figure is counted in: a currency before it, else the word after it
// (after the scale). Empty when the figure is elliptical ("of which 75 are …").
std::string english_class(std::string_view t, size_t begin, size_t after) {
  if (ends_with_any(t, begin, {"$", "US$"})) return "usd";
  if (ends_with_any(t, begin, {"£"})) return "gbp";
  if (ends_with_any(t, begin, {"€"})) return "eur";
  size_t p = after;
  while (p < t.size() && t[p] == ' ') ++p;
  size_t e = p;
  while (e < t.size() && (std::isalpha(static_cast<unsigned char>(t[e])) || t[e] == '-')) ++e;
  std::string lowered = lower(t.substr(p, e - p));
  // Compared as a view (a length test first): std::string == "…" called compare, strlen and
  // memcmp for each word.
  std::string_view w = lowered;
  if (w.empty()) return "";
  if (w == "dlrs" || w == "dlr" || w == "dollars" || w == "dollar") return "usd";
  if (w == "pct" || w == "percent") return "pct";
  if (w == "cts" || w == "cents" || w == "ct") return "cts";
  if (w == "stg" || w == "pounds" || w == "sterling") return "gbp";
  if (w == "basis") return "bp";
  // Only units name a class; "120 cases" and "80 civil" are both plain counts.
  if (w.size() > 3 && w.back() == 's') w.remove_suffix(1);
  static constexpr std::string_view units[] = {
      "tonne", "ton",  "bag",   "bale",   "barrel", "share",   "acre",  "ounce", "feet",
      "mile",  "yen",  "franc", "mark",   "point",  "hectare", "bpd",   "lire",  "guilder",
      "crown", "peso", "rupee", "riyal",  "square", "cubic",   "metre", "meter", "kilometre",
      "km",    "kg",   "kilo",  "gallon", "litre",  "bushel",  "head"};
  if (std::find(std::begin(units), std::end(units), w) != std::end(units)) return std::string(w);
  return "";
}

// The rounding of a figure as written: "17.44万亿" is good to 0.005万亿, "1,770" to the unit.
double half_unit(std::string_view text, int decimals) {
  double scale = 1;
  if (text.find("万亿") != std::string_view::npos)
    scale = 1e12;
  else if (text.find("亿") != std::string_view::npos)
    scale = 1e8;
  else if (text.find("万") != std::string_view::npos)
    scale = 1e4;
  else if (contains_any(text, {"billion", "bln", "bn"}))
    scale = 1e9;
  else if (contains_any(text, {"million", "mln"}) ||
           (text.size() >= 2 && text.back() == 'm' &&
            std::isdigit(static_cast<unsigned char>(text[text.size() - 2]))))
    scale = 1e6;
  if (scale == 1 && decimals == 0) return 0;  // a whole count is exact
  return 0.5 * scale * std::pow(10.0, -decimals);
}

struct Item {
  Amount a;
  bool excluded = false;  // an average, a peak, a rate, a change: no part and no whole
  bool net = false;       // a net figure: parts may exceed it
  size_t sentence = 0;
};

bool english_text(std::string_view t) {
  size_t all = std::min<size_t>(t.size(), 400), ascii = 0, i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time: the bytes of 0x80 and above are the set bits of movemask.
  for (; i + 16 <= all; i += 16) {
    auto high = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + i))));
    ascii += 16 - static_cast<size_t>(__builtin_popcount(high));
  }
#endif
  for (; i < all; ++i) ascii += static_cast<unsigned char>(t[i]) < 0x80;
  return all > 0 && ascii * 10 > all * 9;
}

// Numbers that are not amounts: years, fractions and scores ("1-3/8", "1987/88", "7-6"), ranks
// ("top 10", "number four"), versions.
bool not_an_amount(std::string_view t, const Number& n, bool english) {
  auto at = [&](size_t i) { return i < t.size() ? t[i] : '\0'; };
  char pb = n.begin > 0 ? t[n.begin - 1] : '\0', na = at(n.end);
  if (pb == '/' || na == '/' || pb == '-' ||
      (na == '-' && std::isdigit((unsigned char)at(n.end + 1))))
    return true;
  if (english && n.decimals == 0 && n.value >= 1900 && n.value <= 2100 &&
      n.form == NumberForm::Arabic)
    return true;
  if (english && ends_with_any(t, n.begin, {"top ", "number ", "No. ", "Release ", "version "}))
    return true;
  return false;
}

// The run of `v` (filled block by block) in block `bi`, found by binary search: walking every
// fact of the article for each block was quadratic on a page of many paragraphs.
template <class V>
auto block_run(const V& v, size_t bi) {
  auto lo =
      std::lower_bound(v.begin(), v.end(), bi, [](const auto& x, size_t b) { return x.block < b; });
  auto hi = std::upper_bound(lo, v.end(), bi, [](size_t b, const auto& x) { return b < x.block; });
  return std::vector<std::reference_wrapper<const typename V::value_type>>(lo, hi);
}

// The words around an item that exclude it or mark it net, and its sentence: read only for a
// block with two items or more (most paragraphs hold fewer, and have no breakdown to find).
void read_context(std::string_view t, const std::vector<Sentence>& sentences, bool english,
                  Item& it) {
  std::string_view pre = before(t, it.a.begin, 15);
  if (english) {
    std::string lp = lower(before(t, it.a.begin, 24));
    it.excluded = contains_any(lp, {"average", " per "}) ||
                  ends_with_any(lp, lp.size(), {"from ", "up to ", "a share ", "to "});
    std::string ctx = lower(before(t, it.a.begin, 40)) + lower(t.substr(it.a.end, 24));
    it.net = contains_any(
        ctx, {"net", "profit", "loss", "surplus", "deficit", "earn", "income", "balance", "gain"});
  } else {
    it.excluded = contains_any(before(t, it.a.begin, 24),
                               {"日均", "平均", "人均", "单日", "最高", "最多", "最低", "原来"}) ||
                  contains_any(pre, {"每", "由", "从", "提升到", "增至", "增加到", "降至"});
    // "展位数量超8000个" after "19个展区": 个 counts another noun, named before the figure.
    if (it.a.cls == "个" && contains_any(before(t, it.a.begin, 15), {"数量", "规模", "总数"}))
      it.excluded = true;
    it.net =
        contains_any(before(t, it.a.begin, 24), {"净", "顺差", "逆差", "结余", "差额", "利润"});
  }
  // The sentence holding the figure (sentences are in order and do not overlap).
  auto k = std::upper_bound(sentences.begin(), sentences.end(), it.a.begin,
                            [](uint32_t at, const Sentence& s) { return at < s.begin; });
  if (k != sentences.begin() && it.a.begin < std::prev(k)->end)
    it.sentence = static_cast<size_t>(std::prev(k) - sentences.begin());
}

std::vector<Item> block_items(std::string_view t, size_t bi, const ArticleFacts& f,
                              const std::vector<Sentence>& sentences, bool english) {
  std::vector<Item> out;
  auto add = [&](const Number& n, uint32_t end, std::string cls, double lo, double hi,
                 double value) {
    if (not_an_amount(t, n, english)) return;
    Item it;
    it.a.value = value;
    it.a.begin = n.begin;
    it.a.end = end;
    it.a.cls = std::move(cls);
    double half = half_unit(t.substr(n.begin, end - n.begin), n.decimals);
    it.a.lo = lo - half;
    it.a.hi = hi + half;
    out.push_back(std::move(it));
  };
  for (const auto& qr : block_run(f.quantities, bi)) {
    const Quantity& x = qr.get().fact;
    if (english) {
      size_t after = x.number.end;
      double scale = english_scale(t, after);
      std::string cls = english_class(t, x.number.begin, after);
      add(x.number, static_cast<uint32_t>(std::max<size_t>(after, x.end)), cls, x.number.lo * scale,
          x.number.hi * scale, x.number.value * scale);
    } else {
      std::string cls = zh_class(x.measure);
      if (cls.empty()) continue;
      // "两位数增长" is double-digit growth, not two persons.
      if (x.measure == "位" && t.substr(x.end, 3) == "数") continue;
      bool money = !x.unit.empty();
      add(x.number, x.end, cls, money ? x.normalized_lo : x.number.lo,
          money ? x.normalized_hi : x.number.hi, money ? x.normalized : x.number.value);
      if (money) {
        double half =
            half_unit(t.substr(x.number.begin, x.end - x.number.begin), x.number.decimals);
        double scale = x.number.value != 0 ? x.normalized / x.number.value : 1;
        // The rounding of "3.06亿元" in 元: the figure's half unit times the measure's scale.
        if (!out.empty() && out.back().a.begin == x.number.begin) {
          out.back().a.lo = x.normalized_lo - half * scale;
          out.back().a.hi = x.normalized_hi + half * scale;
        }
      }
    }
  }
  if (!english) {
    // Units the quantity reader leaves as bare numbers: "抓举186公斤、挺举220公斤".
    for (const auto& nr : block_run(f.numbers, bi)) {
      const auto& nf = nr.get();
      for (std::string_view u : {"公斤", "千克", "厘米", "米"})
        if (t.substr(nf.fact.end, u.size()) == u) {
          add(nf.fact, static_cast<uint32_t>(nf.fact.end + u.size()), std::string(u), nf.fact.lo,
              nf.fact.hi, nf.fact.value);
          break;
        }
    }
  }
  if (english) {
    for (const auto& nr : block_run(f.numbers, bi)) {
      const auto& nf = nr.get();
      size_t after = nf.fact.end;
      double scale = english_scale(t, after);
      std::string cls = english_class(t, nf.fact.begin, after);
      add(nf.fact, static_cast<uint32_t>(after), cls, nf.fact.lo * scale, nf.fact.hi * scale,
          nf.fact.value * scale);
    }
  }
  if (out.size() < 2) return out;
  for (auto& it : out) read_context(t, sentences, english, it);
  std::sort(out.begin(), out.end(),
            [](const Item& a, const Item& b) { return a.a.begin < b.a.begin; });
  return out;
}

bool compatible(const std::string& whole, const std::string& part, bool english) {
  if (whole == part) return true;
  // A share, cents or basis points never compare with an amount of something else.
  for (const std::string* c : {&whole, &part})
    if (*c == "pct" || *c == "cts" || *c == "bp") return false;
  return english && (part.empty() || whole.empty());
}

// A figure's label: the text after the last clause mark before it ("其中，出口" → "出口").
std::string_view label(std::string_view s) {
  for (std::string_view m : {"，", "、", "；", "。", "其中", "：", ", ", "; "}) {
    auto p = s.rfind(m);
    if (p != std::string_view::npos) s = s.substr(p + m.size());
  }
  return s;
}

// Two parts whose labels partition a whole by meaning.
bool complementary(std::string_view t, const Amount& a, const Amount& b) {
  static constexpr std::pair<std::string_view, std::string_view> pairs[] = {
      {"出口", "进口"}, {"境外输入", "本土"}, {"公共", "私人"},  {"男", "女"},     {"城镇", "农村"},
      {"城市", "农村"}, {"线上", "线下"},     {"中央", "地方"},  {"入境", "出境"}, {"境内", "境外"},
      {"男性", "女性"}, {"强制性", "推荐性"}, {"新建", "改扩建"}};
  std::string_view la = before(t, a.begin, 30), lb = before(t, b.begin, 30);
  la = label(la);
  lb = label(lb);
  // Not 国内/国际: airline and trade statistics keep 地区 (Hong Kong, Macao, Taiwan) apart.
  // The label starts with the category: "入出境外国人" and "享受…入境的外国人" are not 出境/入境.
  for (auto [x, y] : pairs) {
    auto is = [](std::string_view l, std::string_view w) {
      return l.rfind(w, 0) == 0 ||
             (l.size() >= w.size() && l.substr(l.size() - w.size()) == w);  // "知识密集型服务出口"
    };
    bool ab = is(la, x) && is(lb, y);
    bool ba = is(la, y) && is(lb, x);
    if (ab || ba) return true;
  }
  return false;
}

// The part's label repeats an earlier part's ("其中广东赛区36个，…，广东赛区21个场馆与…共用"):
// a part of that part, not another part of the whole.
bool subpart(std::string_view t, const std::vector<Amount>& parts, const Amount& p) {
  std::string_view lp = label(before(t, p.begin, 30));
  if (lp.size() < 6) return false;
  for (const auto& q : parts)
    if (label(before(t, q.begin, 30)) == lp) return true;
  return false;
}

// Parts named as kinds of the whole: each part's label and the whole's end in the same word of
// at least two characters, and no two parts share a label ("汽车以旧换新补贴申请…其中汽车报废更新
// 补贴申请…，汽车置换补贴申请…"). Not persons: "代表…其中女性代表…，少数民族代表…" name
// groups that cut across each other.
bool siblings(std::string_view t, const Breakdown& b) {
  constexpr size_t kHead = 6;  // two Han characters
  if (b.whole.cls == "person") return false;
  // "补贴申请共85.6万份": the words that say how the figure is given are no part of its label
  auto named = [&](uint32_t at) {
    std::string_view l = label(before(t, at, 36));
    for (bool again = true; again;) {
      again = false;
      for (std::string_view q :
           {"共计", "合计", "总计", "累计", "共", "为", "达", "约", "有", "已"})
        if (l.size() > q.size() && l.substr(l.size() - q.size()) == q) {
          l.remove_suffix(q.size());
          again = true;
        }
    }
    return l;
  };
  std::string_view wl = named(b.whole.begin);
  if (wl.size() < kHead + 3) return false;
  std::string_view head = wl.substr(wl.size() - kHead);
  std::vector<std::string_view> seen;
  for (const auto& p : b.parts) {
    std::string_view pl = named(p.begin);
    if (pl.size() < kHead + 3 || pl.substr(pl.size() - kHead) != head) return false;
    if (std::find(seen.begin(), seen.end(), pl) != seen.end()) return false;
    seen.push_back(pl);
  }
  return true;
}

void push(std::vector<At<Breakdown>>& out, size_t bi, const text::LogicalText& lt, Breakdown b) {
  b.begin = b.whole.begin;
  b.end = b.whole.end;
  Span s = lt.to_original(b.begin, b.end);
  out.push_back({bi, s, std::move(b)});
}

}  // namespace

void find_breakdowns(const parse::Article& article, ArticleFacts& f) {
  for (size_t bi = 0; bi < article.blocks.size() && bi < f.blocks.size(); ++bi) {
    const auto& lt = article.blocks[bi].text;
    std::string_view t = lt.text;
    const auto& sentences = f.blocks[bi].sentences;
    bool english = english_text(t);
    auto items = block_items(t, bi, f, sentences, english);
    if (items.size() < 2) continue;
    std::vector<bool> used(items.size(), false);

    // 1. A whole, then 其中 / including / of whom / of which and its parts.
    std::vector<std::pair<size_t, std::string>> cues;
    if (english) {
      std::string lt_lower = lower(t);
      for (std::string_view c : {"including", "of whom", "of which", "of the"})
        for (size_t p = find_text(lt_lower, c); p != std::string::npos;
             p = find_text(lt_lower, c, p + 1)) {
          bool word = (p == 0 || !std::isalpha(static_cast<unsigned char>(t[p - 1]))) &&
                      (p + c.size() >= t.size() ||
                       !std::isalpha(static_cast<unsigned char>(t[p + c.size()])));
          // "Of the 10 mln, 7.5 mln went to …": only at a sentence's start.
          if (c == "of the" && !(p == 0 || (p >= 2 && t[p - 2] == '.') || t[p] == 'O'))
            word = false;
          // "one of which included …", "most of whom": the clause's subject is a share of
          // the figure before, not a part named after the cue.
          if ((c == "of which" || c == "of whom") &&
              ends_with_any(lt_lower, p,
                            {"one ", "two ", "three ", "some ", "all ", "most ", "many ", "each ",
                             "none ", "both ", "half ", "several "}))
            word = false;
          if (word) cues.push_back({p + c.size(), std::string(c)});
        }
    } else {
      for (size_t p = t.find("其中"); p != std::string_view::npos; p = t.find("其中", p + 1))
        cues.push_back({p + 6, "其中"});
      // "案件分为民事案件80件、刑事案件40件": the text says the parts partition the whole.
      for (size_t p = t.find("分为"); p != std::string_view::npos; p = t.find("分为", p + 1))
        cues.push_back({p + 6, "分为"});
    }
    std::sort(cues.begin(), cues.end());
    for (const auto& cue : cues) {
      size_t at = cue.first;
      bool of_the = cue.second == "of the";
      // The first amount after the cue: close to it, in its sentence.
      size_t first = items.size();
      for (size_t k = 0; k < items.size(); ++k)
        if (items[k].a.begin >= at) {
          first = k;
          break;
        }
      if (first == items.size()) continue;
      size_t whole_i = items.size();
      size_t part0 = first;
      if (of_the) {
        // "Of the 10 mln, 7.5 mln …, 2.5 mln …": the whole follows the cue.
        if (items[first].a.begin > at + 4) continue;
        whole_i = first;
        part0 = first + 1;
        if (part0 >= items.size()) continue;
      }
      const Item& p0 = items[part0];
      std::string_view gap = t.substr(at, p0.a.begin - at);
      size_t limit = english ? 40 : 60;
      // English: the part follows its cue within the clause ("including imports, compared
      // with 43.5 pct" names no part).
      if (gap.size() > limit || contains_any(gap, {"。", ". ", "；", ";", " - "}) ||
          (english && !of_the && gap.find(", ") != std::string_view::npos))
        continue;
      if (p0.excluded) continue;
      size_t s_cue = p0.sentence;
      // "。其中，…" reaches back into the sentence before; a 其中 inside a sentence does not.
      size_t cue_begin = at - (english ? cue.second.size() : 6);  // 其中 and 分为 are 6 bytes
      bool at_start = s_cue < sentences.size() &&
                      t.substr(sentences[s_cue].begin,
                               cue_begin - std::min<size_t>(cue_begin, sentences[s_cue].begin))
                              .find_first_not_of(' ') == std::string_view::npos;
      size_t wholes = 0;  // candidates in scope: parallel figures ("合同额…，执行额…。其中…")
      if (!of_the) {
        std::string cls = p0.a.cls;
        for (size_t k = first; k-- > 0;) {
          const Item& w = items[k];
          if (w.sentence + 1 < s_cue || (w.sentence != s_cue && !at_start)) break;
          if (english && w.sentence != s_cue) break;
          if (w.excluded || !compatible(w.a.cls, cls, english)) continue;
          // English elliptical figures: the whole must name what it counts or sit right
          // before the cue ("approximately 150,000 of which …").
          if (english && w.a.cls.empty() && at - w.a.end > 24) continue;
          // A member of a list ("陆域44个、陆海统筹2个、海域3个") is a part, not a whole.
          if (label(before(t, w.a.begin, 24)).size() < before(t, w.a.begin, 24).size() &&
              (ends_with_any(t, w.a.begin - label(before(t, w.a.begin, 24)).size(), {"、"}) ||
               starts_with_any(t, w.a.end, {"、"})))
            continue;
          if (whole_i == items.size()) whole_i = k;
          ++wholes;
        }
      }
      if (whole_i == items.size()) continue;
      const Item& w = items[whole_i];
      if (w.net || (english && !of_the && at - w.a.end > 80)) continue;
      Breakdown b;
      b.whole = w.a;
      b.connective = cue.second;
      std::string wcls = w.a.cls.empty() ? p0.a.cls : w.a.cls;
      // "其中，出口…，增长14%；进口…": clauses after a semicolon stay in the 其中's scope.
      size_t s_last = s_cue;
      while (!english && s_last + 1 < sentences.size() && sentences[s_last].end >= 3 &&
             t.substr(sentences[s_last].end - 3, 3) == "；")
        ++s_last;
      for (size_t k = part0; k < items.size(); ++k) {
        const Item& p = items[k];
        if (p.sentence < s_cue || p.sentence > s_last) break;
        std::string_view pl = label(before(t, p.a.begin, 30));
        // "境外输入病例45例，含10例…": a part of that part.
        if (!english &&
            (pl.rfind("含", 0) == 0 || pl.rfind("包括", 0) == 0 || pl.rfind("包含", 0) == 0))
          continue;
        // After a semicolon only a short category goes on the list ("；进口12.69万亿元"), not a
        // new subject ("；新增治愈出院的本土确诊病例271例").
        if (p.sentence != s_cue) {
          size_t sb = sentences[p.sentence].begin;
          std::string_view next = t.substr(sb, sentences[p.sentence].end - sb);
          if (pl.size() > 12 || next.find("其中") != std::string_view::npos ||
              contains_any(pl, {"去年", "同期", "上年", "同比", "为", "是"}))
            break;
        }
        if (k > part0 && !b.parts.empty()) {
          // English parts after the first are joined to it: "… and 249 mln", ", 90 mln dlrs".
          std::string_view between = t.substr(b.parts.back().end, p.a.begin - b.parts.back().end);
          // A comma alone joins parts only at a short distance ("… in corn payments, 90 mln").
          if (english &&
              (between.size() > 50 || !contains_any(between, {" and ", ", "}) ||
               (between.find(" and ") == std::string_view::npos && between.size() > 24) ||
               contains_any(lower(between),
                            {")", "against", "compared", " vs", "versus", " but ", "while"})))
            break;
          if (!english && between.find("其中") != std::string_view::npos) break;
        }
        if (p.excluded || !compatible(wcls, p.a.cls, english)) continue;
        if (subpart(t, b.parts, p.a)) continue;
        b.parts.push_back(p.a);
      }
      // Parallel figures: with two wholes in scope, a part goes with the whole whose label it
      // repeats ("执行额8314亿元" … "其中，…合同额6989亿元，执行额4793亿元").
      if (!english && wholes >= 2 && b.parts.size() >= 2) {
        std::string_view wl = label(before(t, b.whole.begin, 30));
        if (wl.size() >= 6) {
          std::string_view suffix = wl.substr(wl.size() - 6);
          std::vector<Amount> own;
          for (const auto& p : b.parts) {
            std::string_view pl = label(before(t, p.begin, 30));
            if (pl.size() >= 6 && pl.substr(pl.size() - 6) == suffix) own.push_back(p);
          }
          // Only when the labels show it: some parts repeat this whole's label, others not.
          if (!own.empty()) b.parts = std::move(own);
        }
      }
      if (b.parts.empty()) continue;
      // Complete: the rest is named, or two parts partition the whole by meaning.
      std::string_view tail =
          t.substr(b.parts.back().begin > 40 ? b.parts.back().begin - 40 : 0,
                   std::min<size_t>(
                       80, t.size() - (b.parts.back().begin > 40 ? b.parts.back().begin - 40 : 0)));
      std::string tl = lower(tail);
      if (b.parts.size() >= 2 &&
          (b.connective == "分为" || contains_any(tail, {"其余", "其他", "剩余", "余下"}) ||
           contains_any(tl, {"leaving", "the rest", "remainder", "the balance", "other "}) ||
           (b.parts.size() == 2 && complementary(t, b.parts[0], b.parts[1]))))
        b.complete = true;
      if (!english && !b.complete && b.parts.size() >= 2) b.disjoint = siblings(t, b);
      used[whole_i] = true;
      push(f.breakdowns, bi, lt, std::move(b));
    }

    // 2. Totals: parts then "共/合计/总计 N" ("5枚金牌、4枚银牌、6枚铜牌共15枚奖牌", "…, total
    //    118.1"); or "共/合计 N" then 分别 / a colon / "comprised" and the parts.
    for (size_t k = 0; k < items.size(); ++k) {
      if (used[k] || items[k].excluded || items[k].net) continue;
      const Item& w = items[k];
      std::string_view pre = before(t, w.a.begin, english ? 16 : 9);
      std::string lp = lower(pre);
      // Right before the figure for a total after its parts; a few words back ("合计收到建议书
      // 60份") for a total whose breakdown follows.
      bool total_before =
          english ? (ends_with_any(lp, lp.size(),
                                   {"total ", "total of ", "totalled ", "totaled ", "totalling "}))
                  : contains_any(pre, {"共", "合计", "总计", "总共", "一共", "共计"});
      bool total_far =
          total_before ||
          (!english && contains_any(before(t, w.a.begin, 24),
                                    {"共", "合计", "总计", "总共", "一共", "累计", "总数"}));
      std::string after = lower(t.substr(w.a.end, 40));
      bool total_after =
          english && (after.rfind(" in total", 0) == 0 || after.rfind(" in all", 0) == 0 ||
                      after.rfind(" altogether", 0) == 0);
      bool comprised = english && contains_any(after.substr(0, 30),
                                               {"comprised", "consisted of", "made up of",
                                                "broken down", "split into", "divided into"});
      // "…，406公斤的总成绩": a total named after its figure.
      bool total_named = !english && starts_with_any(t, w.a.end, {"的总成绩", "的总分", "的总和"});
      // "75,200 running bales -- 44,700 bales for … and 30,500 bales for …": a dashed aside of
      // figures restates the whole by its parts.
      size_t dash = english ? after.find(" -- ") : std::string::npos;
      bool dashed = dash != std::string::npos && dash <= 24 &&
                    std::isdigit(static_cast<unsigned char>(t[w.a.begin])) &&
                    after.find_first_of("0123456789,.;:(") >= dash;
      if (!total_far && !total_after && !comprised && !total_named && !dashed) continue;
      Breakdown b;
      b.whole = w.a;
      b.connective = english ? (comprised ? "comprised" : "total") : "共计";
      // Parts before the total: the run of amounts of its class just before it, in its sentence.
      if ((total_before || total_named) && k >= 2) {
        std::vector<Amount> run;
        uint32_t edge = w.a.begin;
        for (size_t j = k; j-- > 0;) {
          const Item& p = items[j];
          if (p.sentence != w.sentence) break;
          std::string_view between = t.substr(p.a.end, edge - p.a.end);
          if (between.size() > (english ? 24 : 30) || contains_any(between, {"其中", "。", "；"}))
            break;
          // Parts summed into a total are counted in its unit ("279 units … a total of 101
          // mln dlrs" is a price, not a sum).
          if (p.a.cls != w.a.cls || p.excluded) break;
          run.insert(run.begin(), p.a);
          edge = p.a.begin;
        }
        if (run.size() >= 2) {
          b.parts = std::move(run);
          b.complete = true;
          push(f.breakdowns, bi, lt, std::move(b));
          continue;
        }
      }
      // Parts after the total, when the sentence says they are its breakdown.
      const auto& s = sentences[w.sentence];
      std::string_view rest = t.substr(w.a.end, s.end - w.a.end);
      if (dashed) {
        // The aside runs to the closing dash or the sentence's end; parts joined by "and".
        size_t from = w.a.end + dash + 4;
        size_t close = t.find(" --", from);
        size_t stop = std::min<size_t>(close == std::string_view::npos ? s.end : close, s.end);
        for (size_t j = k + 1; j < items.size() && items[j].a.begin < stop; ++j)
          if (compatible(w.a.cls, items[j].a.cls, english) && !items[j].excluded &&
              std::isdigit(static_cast<unsigned char>(t[items[j].a.begin])))
            b.parts.push_back(items[j].a);
        if (b.parts.size() >= 2 &&
            t.substr(from, stop - from).find(" and ") != std::string_view::npos) {
          b.connective = "--";
          b.complete = true;
          push(f.breakdowns, bi, lt, std::move(b));
        }
        continue;
      }
      bool breakdown = comprised || rest.find("分别") != std::string_view::npos ||
                       lower(rest).find("respectively") != std::string::npos ||
                       starts_with_any(rest, 0, {"：", ": "}) ||
                       (rest.find("：") != std::string_view::npos && rest.find("：") < 30) ||
                       (english && rest.find(':') != std::string_view::npos && rest.find(':') < 30);
      if (!breakdown) continue;
      for (size_t j = k + 1; j < items.size(); ++j) {
        const Item& p = items[j];
        if (p.sentence != w.sentence) break;
        if (p.excluded || !compatible(w.a.cls, p.a.cls, english)) continue;
        b.parts.push_back(p.a);
      }
      if (b.parts.size() < 2) continue;
      b.complete = true;
      push(f.breakdowns, bi, lt, std::move(b));
    }
  }
  std::stable_sort(f.breakdowns.begin(), f.breakdowns.end(), [](const auto& a, const auto& b) {
    return a.block < b.block || (a.block == b.block && a.fact.begin < b.fact.begin);
  });
}

namespace {

void write_amount(const char* key, const Amount& a, const text::LogicalText& lt, RecordSink& sink) {
  sink.begin_object(key);
  sink.string("text", std::string_view(lt.text).substr(a.begin, a.end - a.begin));
  sink.span("span", lt.to_original(a.begin, a.end));
  sink.integer("lbegin", a.begin);
  sink.integer("lend", a.end);
  sink.number("value", a.value);
  // lo/hi as plain fields (null when open), the same in JSON and in Lua.
  if (std::isinf(a.lo))
    sink.null("lo");
  else
    sink.number("lo", a.lo);
  if (std::isinf(a.hi))
    sink.null("hi");
  else
    sink.number("hi", a.hi);
  sink.string("class", a.cls);
  sink.end_object();
}

}  // namespace

void write_fields(const At<Breakdown>& x, const RecordContext& c, RecordSink& sink) {
  const auto& lt = c.article.blocks[x.block].text;
  write_amount("whole", x.fact.whole, lt, sink);
  sink.begin_array("parts");
  for (const auto& p : x.fact.parts) write_amount(nullptr, p, lt, sink);
  sink.end_array();
  sink.string("connective", x.fact.connective);
  sink.boolean("complete", x.fact.complete);
  sink.boolean("disjoint", x.fact.disjoint);
}

}  // namespace tally::facts
