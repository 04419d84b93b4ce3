#include "facts/quantities.hpp"

#include <array>

#include "facts/record_hooks.hpp"
#include "text/utf8.hpp"

namespace tally::facts {

namespace {

// Longest first, so "人次" wins over "人".
constexpr std::string_view kMeasures[] = {
    "万余人次", "余人次", "人次", "场次", "批次", "个百分点", "平方米", "平方公里", "公顷",
    "万亿元",   "亿元",   "万元", "元",   "亩",   "个",       "件",     "名",       "人",
    "次",       "项",     "家",   "批",   "份",   "位",       "场",     "所",       "条",
    "起",       "部",     "种",   "类",   "支",   "座",       "户",     "吨",       "岁",
    "篇",       "本",     "台",   "辆",   "间",   "套",       "处",     "届",       "期",
    "张",       "地",     "级",   "方",   "大类", "大",       "年",     "倍",       "例",
    "宗",       "笔",     "栋",   "层",   "枚",   "首",       "股",     "单",       "字",
    "块",       "公里",   "千米", "册"};

// Measures that are themselves what is counted: the noun is only looked for before the number.
bool self_counting(std::string_view m) {
  return m == "人" || m == "人次" || m == "余人次" || m == "万余人次" || m == "元" || m == "万元" ||
         m == "亿元" || m == "万亿元" || m == "亩" || m == "岁" || m == "年" || m == "倍" ||
         m == "平方米" || m == "平方公里" || m == "公顷";
}

size_t prev_cp(std::string_view t, size_t pos) {
  size_t s = pos - 1;
  while (s > 0 && (static_cast<unsigned char>(t[s]) & 0xC0) == 0x80) --s;
  return s;
}

// Words that start the predicate after a counted noun ("26个部门和地区进行约谈").
constexpr std::string_view kPredicates[] = {"进行", "开展", "参加", "参与", "成立", "实现", "建立",
                                            "提供", "完成", "组成", "发出", "共同", "全部", "获得",
                                            "入选", "受到", "得到", "予以", "设立", "的",   "被",
                                            "在",   "将",   "均",   "已"};

// Han characters after `pos` up to punctuation, a space or a predicate, at most `max` of them.
std::string han_after(std::string_view t, size_t pos, int max) {
  size_t e = pos;
  for (int n = 0; e < t.size() && n < max; ++n) {
    auto d = text::decode_at(t, e);
    if (!text::is_ideograph(d.cp)) break;
    // A predicate's first character is compared before the predicate: most characters start
    // none, and a comparison of each predicate was a call to memcmp.
    static const auto firsts = [] {
      std::array<char32_t, std::size(kPredicates)> out{};
      for (size_t k = 0; k < out.size(); ++k) out[k] = text::decode_at(kPredicates[k], 0).cp;
      return out;
    }();
    bool stop = false;
    for (size_t k = 0; k < firsts.size() && n > 0 && !stop; ++k)
      stop = firsts[k] == d.cp && t.substr(e, kPredicates[k].size()) == kPredicates[k];
    if (stop) break;
    e += d.size;
  }
  return std::string(t.substr(pos, e - pos));
}

std::string han_before(std::string_view t, size_t pos, int max) {
  size_t b = pos;
  while (b > 0 && t[b - 1] == ' ') --b;
  size_t end = b;
  for (int n = 0; b > 0 && n < max; ++n) {
    size_t s = prev_cp(t, b);
    auto d = text::decode_at(t, s);
    if (!text::is_ideograph(d.cp)) break;
    b = s;
  }
  return std::string(t.substr(b, end - b));
}

bool english_word_char(char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

}  // namespace

QuantityFacts find_quantities(std::string_view t, const std::vector<Number>& numbers) {
  QuantityFacts out;
  for (const auto& n : numbers) {
    // Ordinals and ranks: "第 1 名", "第四批", "前四位".
    size_t b = n.begin;
    while (b > 0 && t[b - 1] == ' ') --b;
    bool di = b >= 3 && t.substr(b - 3, 3) == "第";
    bool qian = b >= 3 && t.substr(b - 3, 3) == "前" && n.form == NumberForm::Chinese;
    size_t a = n.end;
    while (a < t.size() && t[a] == ' ') ++a;
    std::string measure;
    for (auto m : kMeasures)
      if (t.substr(a, m.size()) == m) {
        measure = std::string(m);
        break;
      }
    if (di || qian) {
      Ordinal o;
      o.begin = static_cast<uint32_t>(b - 3);
      o.number = n;
      o.measure = measure;
      o.rank = qian;
      o.end = static_cast<uint32_t>(measure.empty() ? n.end : a + measure.size());
      out.ordinals.push_back(std::move(o));
      continue;
    }
    Quantity q;
    q.number = n;
    q.begin = n.begin;
    if (!measure.empty()) {
      // A percent is a rate, a year a date: neither is a quantity.
      if (measure == "个百分点" || measure == "年") continue;
      q.measure = measure;
      q.end = static_cast<uint32_t>(a + measure.size());
      std::string after = han_after(t, q.end, 8);
      if (!self_counting(measure) && !after.empty()) {
        q.noun = after;
      } else {
        q.noun = han_before(t, n.begin, 10);
        q.noun_before = !q.noun.empty();
      }
    } else if (a < t.size() && english_word_char(t[a]) && a > n.end) {
      // English: "200 people", "40 members present".
      size_t e = a;
      while (e < t.size() && (english_word_char(t[e]) || t[e] == '-')) ++e;
      q.measure = std::string(t.substr(a, e - a));
      static constexpr std::string_view not_nouns[] = {
          "percent", "per",      "and",  "or",    "to",     "of",    "in",   "on",    "at",
          "the",     "a",        "an",   "said",  "says",   "were",  "was",  "are",   "is",
          "have",    "has",      "had",  "will",  "would",  "voted", "from", "vs",    "against",
          "versus",  "compared", "sold", "paid",  "bought", "held",  "made", "won",   "lost",
          "rose",    "fell",     "grew", "went",  "took",   "gave",  "left", "spent", "cut",
          "by",      "for",      "with", "which", "who",    "that"};
      // "to $11.1bn from $10.9bn"; "2.5 mln sold by": a verb or a preposition is not the measure
      // (irregular past forms lack the -ed the test below catches).
      bool skip = q.measure.size() > 3 && q.measure.compare(q.measure.size() - 2, 2, "ed") == 0;
      for (auto w : not_nouns) skip |= q.measure == w;
      if (skip) continue;
      q.noun = q.measure;
      q.end = static_cast<uint32_t>(e);
    } else {
      continue;
    }
    double scale = 1;
    std::string_view m = q.measure;
    if (m == "元" || m == "万元" || m == "亿元" || m == "万亿元") {
      q.unit = "yuan";
      scale = m == "万元" ? 1e4 : m == "亿元" ? 1e8 : m == "万亿元" ? 1e12 : 1;
    } else if (m == "亩" || m == "平方米" || m == "平方公里" || m == "公顷") {
      // Area in square metres: a mu is 1/15 hectare.
      q.unit = "m2";
      scale = m == "亩" ? 10000.0 / 15 : m == "公顷" ? 1e4 : m == "平方公里" ? 1e6 : 1;
    }
    if (!q.unit.empty()) {
      q.normalized = n.value * scale;
      q.normalized_lo = n.lo * scale;
      q.normalized_hi = n.hi * scale;
    }
    out.quantities.push_back(std::move(q));
  }
  return out;
}

}  // namespace tally::facts

namespace tally::facts {

void write_fields(const At<Quantity>& x, const RecordContext&, RecordSink& sink) {
  const Quantity& q = x.fact;
  write_number_fields(q.number, sink);
  sink.string("measure", q.measure);
  sink.string("noun", q.noun);
  sink.boolean("noun_before", q.noun_before);
  if (!q.unit.empty()) {
    sink.begin_object("normalized");
    sink.string("unit", q.unit);
    sink.number("value", q.normalized);
    sink.interval("interval", q.normalized_lo, q.normalized_hi);
    sink.end_object();
  }
}

void write_fields(const At<Ordinal>& x, const RecordContext&, RecordSink& sink) {
  write_number_fields(x.fact.number, sink);
  sink.string("measure", x.fact.measure);
}

}  // namespace tally::facts
