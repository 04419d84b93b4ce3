#include "facts/counts.hpp"

#include <algorithm>
#include <array>
#include <optional>

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
  }
  return "?";
}

namespace {

using Range = std::pair<uint32_t, uint32_t>;

size_t cps(std::string_view s) {
  return text::count_code_points(s);
}

bool claim_measure(std::string_view m) {
  static constexpr std::string_view ok[] = {"地", "级", "方", "个", "张", "项", "大类", "大", "种",
                                            "类", "批", "家", "支", "条", "部", "所",   "位"};
  return std::find(std::begin(ok), std::end(ok), m) != std::end(ok);
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
  if (!cjk && s.find(", ") == std::string_view::npos && s.find(" and ") == std::string_view::npos)
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
  for (auto c : conj) {
    auto p = ls.find(c);
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
    bool conj_seen =
        s.find(" and ") != std::string_view::npos || s.find(" or ") != std::string_view::npos;
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

bool boundary(char32_t c) {
  return c == U'，' || c == U'。' || c == U'；' || c == U'：' || c == U'（' || c == U'）' ||
         c == U'(' || c == U')' || c == U'！' || c == U'？' || c == ';' || c == ':' || c == '.';
}

// Clause-like regions: text between boundary marks.
std::vector<Range> regions(std::string_view t) {
  std::vector<Range> out;
  uint32_t start = 0;
  for (uint32_t i = 0; i < t.size();) {
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
    if (n.approximate || n.value < 2 || n.value > 20 || n.value != static_cast<int>(n.value))
      continue;
    bool english =
        n.form == NumberForm::English ||
        (!q.measure.empty() && (q.measure[0] | 0x20) >= 'a' && (q.measure[0] | 0x20) <= 'z');
    if (!english && !claim_measure(q.measure)) continue;
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

  // Lists in each clause region; a region holding a claim ends its list at the claim.
  for (auto [b, e] : regions(t)) {
    for (const auto& c : out.claims)
      if (c.begin > b && c.begin < e) {
        uint32_t cb = c.begin;
        if (cb >= 3 && t.substr(cb - 3, 3) == "“") cb -= 3;
        // A count that is itself an item ("36 个市级、9 个县级") does not end the list.
        uint32_t p = cb;
        while (p > b && t[p - 1] == ' ') --p;
        if (p >= b + 3 && t.substr(p - 3, 3) == "、") continue;
        e = cb;
        break;
      }
    bool open = false;
    auto items = split_items(t, b, e, open);
    if (items.empty()) continue;
    tidy_items(t, items);
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
      if (l.end <= c.begin &&
          (between.empty() || between == "“" || between == " " || between == "的")) {
        best = CountLink{ci, li, LinkEvidence::ListBefore, true};
        break;
      }
      if (l.begin >= c.end) {
        std::string_view mid = t.substr(c.end, l.begin - c.end);
        bool paren =
            mid.find("（") != std::string_view::npos || mid.find('(') != std::string_view::npos;
        bool colon =
            mid.find("：") != std::string_view::npos || mid.find(':') != std::string_view::npos;
        if ((paren || colon) && cps(mid) <= 12 && mid.find("。") == std::string_view::npos) {
          best = CountLink{ci, li, paren ? LinkEvidence::Parenthesized : LinkEvidence::Colon, true};
          break;
        }
      }
      if (!best && sentence_of(c.begin) == sentence_of(l.begin))
        best = CountLink{ci, li, LinkEvidence::SameSentence, false};
    }
    if (best) out.links.push_back(*best);
  }
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
