#include "facts/date_elapsed.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <string_view>
#include <vector>

#include "facts/date_text.hpp"
#include "facts/extract.hpp"
#include "facts/re2_match.hpp"
#include "facts/record_hooks.hpp"
#include "text/utf8.hpp"

namespace tally::facts {

namespace {

using date_text::count_of;

// Verbs that date a start: what a span of years or an anniversary counts from.
constexpr const char* kStartVerbs =
    "成立|建立|创建|创办|创立|建成|开通|通车|建交|组建|始建|诞生|设立|开办|建站|建校|建队|建党|"
    "建军|建院|建所|建馆|建厂|开馆|开园|落成|问世|启用|投运|投产|开业|创刊|开播|开工|实施|启动|"
    "开始|签署|加入|上任|就任|收购|恢复|颁布|发布|提出|签订";

// Verbs that name one event of one thing, so that the article's only year for the verb is the
// start of "建站40周年" even sentences away ("成立" or "开始" may be said of anything).
bool specific_verb(const std::string& v) {
  static constexpr std::string_view generic[] = {"成立", "建立", "开始", "实施", "启动", "设立",
                                                 "加入", "恢复", "发布", "提出", "签署", "签订",
                                                 "收购", "上任", "就任", "创建", "创立"};
  return std::find(std::begin(generic), std::end(generic), v) == std::end(generic);
}

struct Start {
  size_t block;
  uint32_t begin, end;  // the whole expression
  int year;
  std::string verb;
  int sentence;
  std::string_view before, after;  // up to 10 characters either side, within the clause
  bool since = false;  // "自2021年……启动实施以来": the period the story counts
};

// Up to `n` characters of `t` before / after a byte, stopping at a clause mark.
std::string_view clause_side(std::string_view t, uint32_t at, bool forward, int n) {
  static constexpr std::string_view stops[] = {"，", "。", "；", "：", "！", "？",
                                               "、", "“",  "”",  "（", "）"};
  uint32_t p = at;
  for (int k = 0; k < n; ++k) {
    if (forward) {
      if (p >= t.size()) break;
      auto d = text::decode_at(t, p);
      std::string_view ch = t.substr(p, d.size ? d.size : 1);
      if (std::find(std::begin(stops), std::end(stops), ch) != std::end(stops)) break;
      p += d.size ? d.size : 1;
    } else {
      if (p == 0) break;
      uint32_t q = p - 1;
      while (q > 0 && (static_cast<unsigned char>(t[q]) & 0xC0) == 0x80) --q;
      if (std::find(std::begin(stops), std::end(stops), t.substr(q, p - q)) != std::end(stops))
        break;
      p = q;
    }
  }
  return forward ? t.substr(at, p - at) : t.substr(p, at - p);
}

// The name a span is said of: "东方歌舞团" in "、东方歌舞团成立70周年" (the characters before
// its verb back to a clause mark or a word that introduces it).
std::string_view subject_before(std::string_view t, uint32_t verb_begin) {
  std::string_view s = clause_side(t, verb_begin, false, 10);
  for (std::string_view lead : {"庆祝", "纪念", "迎来", "喜迎", "是", "了", "——"}) {
    auto at = s.rfind(lead);
    if (at != std::string_view::npos) s = s.substr(at + lead.size());
  }
  return s;
}

// Whether `t` holds `word` (lowercase ASCII letters) in any case. Each pattern here needs a
// literal ("年", "year") that most blocks lack: looking for it first spares the regex scan
// (the facts are the same). The first letter is looked for with memchr in either case (a
// Chinese block holds neither), the rest compared where it stands.
bool has_word_ci(std::string_view t, std::string_view word) {
  for (char first : {word[0], static_cast<char>(word[0] - 'a' + 'A')})
    for (size_t i = t.find(first); i != std::string_view::npos && i + word.size() <= t.size();
         i = t.find(first, i + 1)) {
      size_t k = 1;
      while (k < word.size() && (t[i + k] | 0x20) == word[k]) ++k;
      if (k == word.size()) return true;
    }
  return false;
}

// Whether the 年 at byte `p` of `t` follows a figure, a Chinese numeral, 多/余 or 周 ("30年",
// "四十多年", "30周年"): the only 年 a span the pattern in derive_elapsed reads can hold.
bool span_nian_at(std::string_view t, size_t p) {
  if (p >= 1 && t[p - 1] >= '0' && t[p - 1] <= '9') return true;
  if (p < 3) return false;
  std::string_view prev = t.substr(p - 3, 3);
  for (std::string_view c :
       {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "多", "余", "周"})
    if (prev == c) return true;
  return false;
}

// Where a scan for the span pattern stands: the end of its last match, and where to look for
// the next 年.
struct SpanScan {
  size_t from = 0, next = 0;
};

bool ends_at(std::string_view t, size_t end, std::string_view w) {
  return end >= w.size() && t.substr(end - w.size(), w.size()) == w;
}

// The span pattern's verbs (its first group) and qualifiers (its second), one by one.
const std::vector<std::string_view>& span_verbs() {
  static const std::vector<std::string_view> out = [] {
    std::vector<std::string_view> v;
    std::string_view all(kStartVerbs);
    for (size_t b = 0; b <= all.size();) {
      size_t e = std::min(all.find('|', b), all.size());
      v.push_back(all.substr(b, e - b));
      b = e + 1;
    }
    return v;
  }();
  return out;
}
constexpr std::string_view kSpanQualifiers[] = {
    "近", "约", "大约", "超过", "逾", "已有", "已经", "已", "满", "运行满", "这", "过去", "最近"};

// Every place where a match of the span pattern whose unit holds the 年 at `p` can begin, in
// `out` (sorted): the pattern reads [verb][qualifier]count[多|余]unit, and the unit's 年 fixes
// where the count ends (before 周 when the unit is 周年, before 多 or 余 when one stands there:
// neither is a count's character), so its start is one of the last three figures or four
// numerals there, less a qualifier and a verb written right before it.
void span_starts(std::string_view t, size_t p, std::vector<size_t>& out) {
  out.clear();
  size_t u = ends_at(t, p, "周") ? p - 3 : p;
  size_t m = ends_at(t, u, "多") || ends_at(t, u, "余") ? u - 3 : u;
  auto words_before = [&](size_t at) {
    // Every verb and qualifier is Chinese: none ends in an ASCII byte.
    if (at == 0 || static_cast<unsigned char>(t[at - 1]) < 0x80) return;
    for (std::string_view v : span_verbs())
      if (ends_at(t, at, v)) out.push_back(at - v.size());
  };
  auto count_start = [&](size_t ns) {
    out.push_back(ns);
    words_before(ns);
    if (ns == 0 || static_cast<unsigned char>(t[ns - 1]) < 0x80) return;
    for (std::string_view q : kSpanQualifiers)
      if (ends_at(t, ns, q)) {
        out.push_back(ns - q.size());
        words_before(ns - q.size());
      }
  };
  size_t k = m;
  if (k > 0 && t[k - 1] >= '0' && t[k - 1] <= '9') {
    for (int n = 0; n < 3 && k > 0 && t[k - 1] >= '0' && t[k - 1] <= '9'; ++n) count_start(--k);
  } else {
    static constexpr std::string_view numerals[] = {"一", "二", "三", "四", "五", "六",
                                                    "七", "八", "九", "十", "百"};
    for (int n = 0; n < 4 && k >= 3; ++n) {
      std::string_view c = t.substr(k - 3, 3);
      if (std::find(std::begin(numerals), std::end(numerals), c) == std::end(numerals)) break;
      count_start(k -= 3);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// The next match of the span pattern `re` in `t`, as RE2::FindAndConsume would find it, its
// groups in groups[0..n) (groups[0] the whole match). Unanchored, RE2 paid a search of the rest
// of the block for every match, and "2024年" is one ("024年", dropped after). Every match holds
// exactly one 年, the one of its unit, and that 年 passes span_nian_at; no 年 stands between a
// match's start and its unit's. So the leftmost match is, at the first such 年 where one can
// end, the first of span_starts where the pattern matches anchored.
bool next_span(const RE2& re, std::string_view t, SpanScan& scan, re2::StringPiece* groups, int n) {
  re2::StringPiece text(t.data(), t.size());
  std::vector<size_t> starts;
  for (size_t p = t.find("年", scan.next); p != std::string_view::npos; p = t.find("年", p + 3)) {
    if (!span_nian_at(t, p)) continue;
    span_starts(t, p, starts);
    for (size_t s : starts) {
      if (s < scan.from || !match_at(re, text, s, groups, n)) continue;
      scan.from = scan.next = s + groups[0].size();
      return true;
    }
  }
  scan.next = t.size();
  return false;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// Start years of one block: "成立于1982年", "1982年成立", "于2001年1月2日开通",
// "自2001年……开通" (the verb within a short clause after the year).
void find_starts(std::string_view t, size_t block, const std::vector<Sentence>& ss,
                 std::vector<Start>& out) {
  static const RE2 verb_then_year(std::string("(") + kStartVerbs +
                                  R"()(?:于|在|自)(?:公元)?([12][0-9]{3})年)");
  // A short gap only, and none that makes the year a reference ("2024年是……成立75周年").
  static const RE2 year_then_verb(
      std::string(
          R"(([12][0-9]{3})年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?[^，。；！？,;0-9是为逢值]{0,4}?()") +
      kStartVerbs + ")");
  // All three forms need a year of four figures before 年 (the hand-read one checks its first
  // and last figure): a block without one, most of them, is not scanned.
  bool year = false;
  for (size_t p = t.find("年"); p != std::string_view::npos && !year; p = t.find("年", p + 3))
    year = p >= 4 && t[p - 4] >= '0' && t[p - 4] <= '9' && t[p - 1] >= '0' && t[p - 1] <= '9';
  if (!year) return;
  // Where each pattern's matches can start: its year ("2001年", [12] and three figures) begins
  // it, or stands 9 or 15 bytes after its start (a verb of two characters, 于/在/自, 公元). The
  // leftmost of those where the pattern matches anchored is the match an unanchored search
  // finds (about 10,000 instructions a block: a forward and a reverse scan of all of it).
  std::vector<size_t> years;
  for (size_t p = t.find("年"); p != std::string_view::npos; p = t.find("年", p + 3))
    if (p >= 4 && (t[p - 4] == '1' || t[p - 4] == '2') &&
        std::all_of(t.begin() + static_cast<long>(p) - 3, t.begin() + static_cast<long>(p),
                    [](char c) { return c >= '0' && c <= '9'; }))
      years.push_back(p - 4);
  re2::StringPiece whole(t.data(), t.size());
  for (const RE2* re : {&verb_then_year, &year_then_verb}) {
    bool verb_first = re == &verb_then_year;
    std::vector<size_t> from;
    // Before the year, verb_then_year holds 于, 在 or 自 (then 公元, if written): a year
    // without one there starts no match 9 or 15 bytes before it.
    auto prep_at = [&](size_t at) {
      std::string_view c = t.substr(at, 3);
      return c == "于" || c == "在" || c == "自";
    };
    for (size_t y : years) {
      if (!verb_first) from.push_back(y);
      if (verb_first && y >= 15 && t.substr(y - 6, 6) == "公元" && prep_at(y - 9))
        from.push_back(y - 15);
      if (verb_first && y >= 9 && prep_at(y - 3)) from.push_back(y - 9);
    }
    std::sort(from.begin(), from.end());
    size_t consumed = 0;  // as FindAndConsume: the next match begins after the last one
    for (size_t at : from) {
      re2::StringPiece g[3];
      if (at < consumed || !match_at(*re, whole, at, g, 3)) continue;
      consumed = at + g[0].size();
      const re2::StringPiece &a = g[1], &b = g[2];
      re2::StringPiece y = verb_first ? b : a, v = verb_first ? a : b;
      Start s;
      s.block = block;
      s.begin = static_cast<uint32_t>((verb_first ? v : y).data() - t.data());
      s.end = static_cast<uint32_t>((verb_first ? y.data() + y.size() + 3 : v.data() + v.size()) -
                                    t.data());
      s.year = std::stoi(std::string(y.data(), y.size()));
      s.verb = std::string(v.data(), v.size());
      s.sentence = date_text::sentence_at(ss, s.begin);
      s.before = clause_side(t, s.begin, false, 10);
      s.after = clause_side(t, s.end, true, 10);
      s.since = s.after.find("以来") != std::string_view::npos;
      out.push_back(std::move(s));
    }
  }
  // A full date as the sentence's topic, then its subject and the verb: "2006年7月1日，青藏铁路
  // 全线通车运营", "2002年1月11日美国设立…". Read by hand where a full date stands: one more
  // pattern of the verbs costs every start-up its compilation.
  static const std::vector<std::string_view> verbs = [] {
    std::vector<std::string_view> out;
    std::string_view all(kStartVerbs);
    for (size_t b = 0; b <= all.size();) {
      size_t e = std::min(all.find('|', b), all.size());
      out.push_back(all.substr(b, e - b));
      b = e + 1;
    }
    return out;
  }();
  auto digit = [&](size_t i) { return i < t.size() && t[i] >= '0' && t[i] <= '9'; };
  for (size_t p = t.find("年"); p != std::string_view::npos; p = t.find("年", p + 3)) {
    if (p < 4 || !digit(p - 4) || !digit(p - 1) || (p > 4 && digit(p - 5))) continue;
    size_t q = p + 3, d = q;
    while (digit(q)) ++q;
    if (q == d || q - d > 2 || t.substr(q, 3) != "月") continue;
    d = q += 3;
    while (digit(q)) ++q;
    if (q == d || q - d > 2 || t.substr(q, 3) != "日") continue;
    q += 3;
    if (t.substr(q, 3) == "，") q += 3;
    // the subject: up to eight characters, no clause mark, digit or 是/为/逢/值
    for (int n = 0; n <= 8 && q < t.size(); ++n) {
      auto verb = std::find_if(verbs.begin(), verbs.end(),
                               [&](std::string_view v) { return t.substr(q, v.size()) == v; });
      if (verb != verbs.end()) {
        Start s;
        s.block = block;
        s.begin = static_cast<uint32_t>(p - 4);
        s.end = static_cast<uint32_t>(q + verb->size());
        s.year = std::stoi(std::string(t.substr(p - 4, 4)));
        s.verb = std::string(*verb);
        s.sentence = date_text::sentence_at(ss, s.begin);
        s.before = clause_side(t, s.begin, false, 10);
        s.after = clause_side(t, s.end, true, 10);
        s.since = s.after.find("以来") != std::string_view::npos;
        out.push_back(std::move(s));
        break;
      }
      auto c = text::decode_at(t, q);
      if (c.size == 0 || !text::is_ideograph(c.cp) ||
          std::u32string_view(U"是为逢值").find(c.cp) != std::u32string_view::npos)
        break;
      q += c.size;
    }
  }
}

// Does the text name a year ("2010年")? Not a length or a count ("全长1956公里").
bool names_year(std::string_view t) {
  for (size_t p = t.find("年"); p != std::string_view::npos; p = t.find("年", p + 1))
    if (p >= 4 &&
        std::all_of(t.begin() + static_cast<long>(p) - 4, t.begin() + static_cast<long>(p),
                    [](char c) { return c >= '0' && c <= '9'; }))
      return true;
  return false;
}

// N and its interval from the qualifiers around it: "40多年" 40–49, "约20年" ±10%.
void set_interval(Elapsed& e, std::string_view before, std::string_view after) {
  e.lo = e.hi = e.years;
  if (after == "多" || after == "余") {
    int unit = e.years >= 10 && e.years % 10 == 0 ? 10 : 1;
    e.hi = e.years + unit - 1;
    if (unit == 1) e.hi = e.years + 0.99;
  }
  if (before == "约" || before == "大约" || before == "about" || before == "some" ||
      before == "around") {
    e.lo = e.years * 0.9;
    e.hi = e.years * 1.1;
  } else if (before == "超过" || before == "逾" || before == "more than" || before == "over") {
    e.hi = e.years + (e.years >= 10 ? 9 : 0.99);
  } else if (before == "nearly" || before == "almost") {
    e.lo = e.years * 0.9;
  }
}

// The sentence's own year of reference: 明年 / 去年 / next year / last year.
int reference_offset(std::string_view sentence) {
  if (sentence.find("明年") != std::string_view::npos) return 1;
  if (sentence.find("去年") != std::string_view::npos) return -1;
  if (sentence.find("next year") != std::string_view::npos) return 1;
  if (sentence.find("last year") != std::string_view::npos) return -1;
  return 0;
}

// The year the span counts to: the page's, shifted by 明年/去年, or another year its sentence
// names after the start ("2019年是两国建交45周年").
void references(Elapsed& e, std::string_view t, const std::vector<Sentence>& ss) {
  int si = date_text::sentence_at(ss, e.begin);
  if (si < 0) return;
  std::string_view sent = t.substr(ss[si].begin, ss[si].end - ss[si].begin);
  e.reference_offset = reference_offset(sent);
  for (int y : date_text::years_in(t, ss[si].begin, ss[si].end))
    if (y > e.start_year &&
        std::find(e.reference_years.begin(), e.reference_years.end(), y) == e.reference_years.end())
      e.reference_years.push_back(y);
}

// 建站, 建队, 建校 …: the founding of one thing, which copy also writes 成立 / 建成.
bool founding_verb(const std::string& v) {
  static constexpr std::string_view f[] = {"建站", "建队", "建校", "建院", "建所", "建馆", "建厂"};
  return std::find(std::begin(f), std::end(f), v) != std::end(f);
}
bool builds(const std::string& v) {
  static constexpr std::string_view b[] = {"成立", "建成", "建立", "始建", "创建", "组建"};
  return std::find(std::begin(b), std::end(b), v) != std::end(b);
}

// The article's start expressions for `verb` name one year: that year, else 0.
int only_year_for(const std::vector<Start>& starts, const std::string& verb) {
  std::set<int> years;
  for (const auto& s : starts)
    if (s.verb == verb) years.insert(s.year);
  return years.size() == 1 ? *years.begin() : 0;
}

// The start of the thing the span is said of, named beside its year: "东方歌舞团成立70周年" and
// "1962年1月成立的东方歌舞团" or "东方歌舞团成立于1962年"; "建站30周年" and "长城站自1985年建成"
// (a station's start, by another verb).
template <typename Pick>
bool link_by_name(const std::string& v, std::string_view t, re2::StringPiece verb, Pick& pick) {
  if (v.empty()) return false;
  std::string_view name = subject_before(t, static_cast<uint32_t>(verb.data() - t.data()));
  if (name.size() >= 6) {
    std::string attributive = "的" + std::string(name);
    if (pick(
            [&](const Start& s) {
              return s.after.substr(0, attributive.size()) == attributive ||
                     ends_with(s.before, name) || ends_with(s.before, std::string(name) + "于") ||
                     ends_with(s.before, std::string(name) + "自") ||
                     ends_with(s.before, std::string(name) + "在");
            },
            "same-name"))
      return true;
  }
  // 建站 / 建队 / 建校 …: a start of the same kind of thing ("长城站自1985年建成").
  if (v.size() == 6 && v.substr(0, 3) == "建") {
    std::string obj = v.substr(3);
    return pick(
        [&](const Start& s) {
          if (!builds(s.verb)) return false;
          std::string_view b = s.before;
          for (std::string_view p : {"于", "自", "在"})
            if (ends_with(b, p)) b = b.substr(0, b.size() - p.size());
          return ends_with(b, obj);
        },
        "same-kind");
  }
  return false;
}

}  // namespace

void derive_elapsed(const parse::Article& article, ArticleFacts& facts) {
  std::vector<std::pair<size_t, Elapsed>> pending;  // spans with a verb and no start yet
  std::vector<Start> starts;
  for (size_t bi = 0; bi < article.blocks.size(); ++bi)
    if (date_text::has_facts(article.blocks[bi].type))
      find_starts(article.blocks[bi].text.text, bi, facts.blocks[bi].sentences, starts);

  // "40年来", "四十多年来", "30周年", "已经运行满25年", "已有20年": the stated span, with the
  // verb right before it ("建站40周年") and the qualifier ("近" marks a recent period, not a
  // span from the start: skipped).
  static const RE2 zh(
      std::string(R"(((?:)") + kStartVerbs +
      R"()?)(近|约|大约|超过|逾|已有|已经|已|满|运行满|这|过去|最近)?([0-9]{1,3}|[一二三四五六七八九十百]{1,4})(多|余)?(周年|年来|年前|年了|年(?:的)?历史|年))");
  for (size_t bi = 0; bi < article.blocks.size(); ++bi) {
    if (!date_text::has_facts(article.blocks[bi].type)) continue;
    const auto& lt = article.blocks[bi].text;
    std::string_view t = lt.text;
    const auto& ss = facts.blocks[bi].sentences;
    auto emit = [&](Elapsed e) {
      references(e, t, ss);
      facts.elapsed.push_back({bi, lt.to_original(e.begin, e.end), std::move(e)});
    };

    re2::StringPiece g[6];
    const re2::StringPiece &verb = g[1], &qual = g[2], &num = g[3], &more = g[4], &unit = g[5];
    SpanScan scan;
    while (next_span(zh, t, scan, g, 6)) {
      std::string_view u(unit.data(), unit.size()), q(qual.data(), qual.size());
      // Only the forms that count from a start; "N年", "N年的历史" must follow 已有/已经/满.
      bool needs_lead = !(u == "周年" || u == "年来" || u == "年前");
      if (q == "近" || q == "这" || q == "过去" || q == "最近") continue;
      if (needs_lead && q != "已有" && q != "已经" && q != "已" && q != "满" && q != "运行满")
        continue;
      // "第30周年", "30年代", "2030年" are not spans.
      auto nb = static_cast<uint32_t>(num.data() - t.data());
      if (nb >= 3 && t.substr(nb - 3, 3) == "第") continue;
      if (nb >= 1 && std::string_view("0123456789").find(t[nb - 1]) != std::string_view::npos)
        continue;
      // "几十年来", "数十年", "上百年": an indefinite count.
      if (q.empty() && verb.empty() && nb >= 3) {
        auto prev = t.substr(nb - 3, 3);
        if (prev == "几" || prev == "数" || prev == "上" || prev == "多" || prev == "百" ||
            prev == "千" || prev == "十")
          continue;
      }
      Elapsed e;
      e.years = count_of(std::string_view(num.data(), num.size()));
      if (e.years <= 0 || e.years > 300) continue;
      e.begin = nb;
      e.end = static_cast<uint32_t>(unit.data() + unit.size() - t.data());
      if (u == "年前")
        e.form = "ago";
      else if (u == "周年")
        e.form = "anniversary";
      else
        e.form = "since";
      set_interval(e, q, std::string_view(more.data(), more.size()));

      // The start: in brackets right after, in the same sentence, in the sentence before
      // when the span opens its sentence, or the article's only year for the same verb.
      static const RE2 bracket(R"(^[（(]([12][0-9]{3})年)");
      re2::StringPiece rest(t.data() + e.end, t.size() - e.end), bg[2];
      const re2::StringPiece& y = bg[1];
      int si = date_text::sentence_at(ss, e.begin);
      if (match_at(bracket, rest, 0, bg, 2)) {
        e.start_year = std::stoi(std::string(y.data(), y.size()));
        e.start_block = bi;
        e.start_begin = static_cast<uint32_t>(y.data() - t.data());
        e.start_end = e.start_begin + 7;
        e.evidence = "parenthesized";
      } else {
        auto pick = [&](auto keep, const char* evidence) {
          std::set<int> years;
          const Start* one = nullptr;
          for (const auto& s : starts)
            if (keep(s)) {
              years.insert(s.year);
              one = &s;
            }
          if (years.size() != 1) return false;
          e.start_year = one->year;
          e.start_block = one->block;
          e.start_begin = one->begin;
          e.start_end = one->end;
          e.evidence = evidence;
          return true;
        };
        // "N年前" is the date of an event, which is a start only when the text says so.
        if (e.form == "ago") continue;
        bool opens = si >= 0 && e.begin - ss[si].begin <= 6;
        std::string v(verb.data(), verb.size());
        // A span with its own verb counts from a start of that verb: "颁布三十年来" does not
        // count from "自1999年起实施".
        // "建队50年来" counts from the team's "1973年成立": building a 站/队/校 is its founding.
        auto verb_ok = [&](const Start& s) {
          return v.empty() || s.verb == v || (founding_verb(v) && builds(s.verb));
        };
        if (!pick(
                [&](const Start& s) {
                  return s.block == bi && s.sentence == si && si >= 0 && s.end <= e.begin &&
                         verb_ok(s);
                },
                "same-sentence") &&
            !(opens && si > 0 &&
              pick(
                  [&](const Start& s) {
                    return s.block == bi && s.sentence == si - 1 && verb_ok(s);
                  },
                  "previous-sentence")) &&
            // "2006年7月1日，青藏铁路全线通车运营。…。20年来，…", "声明说，20年来": a span
            // opening its sentence or clause counts from the start a sentence or two before in
            // its paragraph, when no other year is named in between.
            !((opens || (e.begin >= 3 && t.substr(e.begin - 3, 3) == "，")) && si > 0 &&
              pick(
                  [&](const Start& s) {
                    return s.block == bi && s.sentence < si && s.sentence + 2 >= si &&
                           s.end <= e.begin && verb_ok(s) &&
                           !names_year(t.substr(s.end, e.begin - s.end));
                  },
                  "earlier-in-paragraph")) &&
            !(!v.empty() && specific_verb(v) && only_year_for(starts, v) &&
              pick([&](const Start& s) { return s.verb == v; }, "same-verb")) &&
            !link_by_name(v, t, verb, pick) &&
            !(e.form == "since" && v.empty() && opens &&
              pick([&](const Start& s) { return s.since; }, "since"))) {
          // Left for the article's other spans of the same verb (below).
          if (!v.empty() && specific_verb(v)) {
            e.verb = v;
            references(e, t, ss);
            pending.push_back({bi, std::move(e)});
          }
          continue;
        }
      }
      e.verb = std::string(verb.data(), verb.size());
      if (e.start_year >= 1000) emit(std::move(e));
    }

    // "in 1990, 20 years ago" and "20 years ago, in 1990": the start year beside "N years ago".
    auto apposition = [&](re2::StringPiece year, re2::StringPiece eq, re2::StringPiece num,
                          uint32_t end) {
      Elapsed e;
      e.years = count_of(std::string_view(num.data(), num.size()));
      if (e.years <= 0 || e.years > 300) return;
      e.start_year = std::stoi(std::string(year.data(), year.size()));
      e.start_block = bi;
      e.start_begin = static_cast<uint32_t>(year.data() - t.data());
      e.start_end = e.start_begin + 4;
      e.begin = static_cast<uint32_t>(num.data() - t.data());
      e.end = end;
      e.form = "ago";
      e.evidence = "apposition";
      set_interval(e, std::string_view(eq.data(), eq.size()), "");
      emit(std::move(e));
    };
    if (!has_word_ci(t, "year")) continue;  // both English forms say "N years ago"
    static const RE2 en(
        R"((?i)\b(?:in|since) ((?:1[6-9]|20)[0-9]{2}),? (?:(some|about|nearly|almost|around|more than|over) )?([0-9]{1,3}|[a-z]+(?:-[a-z]+)?) years? (ago|earlier)\b)");
    re2::StringPiece ein(t.data(), t.size()), year, eq, en_num, ago;
    while (RE2::FindAndConsume(&ein, en, &year, &eq, &en_num, &ago))
      apposition(year, eq, en_num, static_cast<uint32_t>(ago.data() + ago.size() - t.data()));
    // The same, the other way round: "20 years ago, in 1990".
    static const RE2 en_after(
        R"((?i)\b(?:(some|about|nearly|almost|around|more than|over) )?([0-9]{1,3}|[a-z]+(?:-[a-z]+)?) years? ago,? in ((?:1[6-9]|20)[0-9]{2})\b)");
    re2::StringPiece ain(t.data(), t.size());
    while (RE2::FindAndConsume(&ain, en_after, &eq, &en_num, &year))
      apposition(year, eq, en_num,
                 static_cast<uint32_t>(t.find("ago", en_num.data() - t.data()) + 3));
  }
  // "建队60年来" paragraphs away from "……1973年成立……。建队50年来": a span of the same specific
  // verb counts from the start the article's other spans of that verb count from.
  for (auto& p : pending) {
    std::set<int> years;
    const Elapsed* from = nullptr;
    for (const auto& x : facts.elapsed)
      if (x.fact.verb == p.second.verb) {
        years.insert(x.fact.start_year);
        from = &x.fact;
      }
    if (years.size() != 1) continue;
    Elapsed e = std::move(p.second);
    e.start_year = from->start_year;
    e.start_block = from->start_block;
    e.start_begin = from->start_begin;
    e.start_end = from->start_end;
    e.evidence = "same-verb";
    std::erase_if(e.reference_years, [&](int y) { return y <= e.start_year; });
    const auto& lt = article.blocks[p.first].text;
    facts.elapsed.push_back({p.first, lt.to_original(e.begin, e.end), std::move(e)});
  }
  std::sort(facts.elapsed.begin(), facts.elapsed.end(), [](const auto& a, const auto& b) {
    return a.block != b.block ? a.block < b.block : a.fact.begin < b.fact.begin;
  });
}

void write_fields(const At<Elapsed>& x, const RecordContext& c, RecordSink& sink) {
  const Elapsed& e = x.fact;
  sink.integer("years", e.years);
  sink.interval("interval", e.lo, e.hi);
  sink.string("form", e.form);
  sink.integer("start_year", e.start_year);
  const auto& lt = c.article.blocks[e.start_block].text;
  sink.span("start", lt.to_original(e.start_begin, e.start_end));
  sink.string("start_text",
              std::string_view(lt.text).substr(e.start_begin, e.start_end - e.start_begin));
  sink.string("evidence", e.evidence);
  sink.integer("reference_offset", e.reference_offset);
  sink.begin_array("reference_years");
  for (int y : e.reference_years) sink.integer(nullptr, y);
  sink.end_array();
  sink.integer("tolerance", e.tolerance);
  sink.string("verb", e.verb);
}

}  // namespace tally::facts
