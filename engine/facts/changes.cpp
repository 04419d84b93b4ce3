#include "facts/changes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include "facts/record_hooks.hpp"

namespace tally::facts {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool has_digit(std::string_view s) {
  for (char c : s)
    if (c >= '0' && c <= '9') return true;
  return false;
}

constexpr std::string_view kZhDown[] = {"下降", "减少", "降低", "回落", "下滑", "缩小", "降", "减"};
constexpr std::string_view kEnDown[] = {
    "fell",    "dropped",  "declined", "decreased", "slipped", "down",    "fall",    "drop",
    "decline", "decrease", "lost",     "eased",     "plunged", "slumped", "falling", "off"};

// An English relation is one word: "increased" is not "eased".
bool is_any(std::string_view s, const std::string_view* b, const std::string_view* e) {
  for (auto p = b; p != e; ++p)
    if (s == *p) return true;
  return false;
}

bool contains_any(std::string_view s, const std::string_view* b, const std::string_view* e) {
  for (auto p = b; p != e; ++p)
    if (s.find(*p) != std::string_view::npos) return true;
  return false;
}

// "从2018年的151项": a year between 从 and the old value names its period, it is not a figure.
std::string without_years(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i + 7 <= s.size() && s[i] >= '0' && s[i] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9' &&
        s.substr(i + 4, 3) == "年") {
      i += 6;
      continue;
    }
    out += s[i];
  }
  return out;
}

// "the week ended Feb 28, up 2.4 pct from 48.91 billion": 28 is a day, not the new value.
bool day_of_month(std::string_view t, const Figure& f) {
  std::string_view before = t.substr(0, f.begin);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  for (std::string_view m :
       {"Jan",   "Feb",  "Mar",  "Apr",    "May",       "Jun",     "Jul",      "Aug",
        "Sep",   "Sept", "Oct",  "Nov",    "Dec",       "January", "February", "March",
        "April", "June", "July", "August", "September", "October", "November", "December"})
    if (before.ends_with(m) || before.ends_with(std::string(m) + ".")) return true;
  return false;
}

struct Found {
  const Figure* from;
  const Figure* to;
  bool falling;
  const char* evidence;
};

std::optional<Found> chinese(std::string_view t, const std::vector<Figure>& figs, const Sentence& s,
                             const Rate& r) {
  const Figure* to = last_before(figs, s.begin, r.begin);
  if (!to) return std::nullopt;
  // Between the new value and the rate: only "，(同比)增长(了)"; another subject, 年均, a
  // digit or a second clause means the rate is of something else.
  std::string_view gap = trim(t.substr(to->end, r.begin - to->end));
  // A unit the quantity reader does not know ("6.9万亿美元", "293头") stays in the gap; it is a
  // unit when the old value carries it too ("从4.4万亿美元增至…").
  size_t comma = gap.substr(0, 15).find("，");  // only a comma in the first 12 bytes counts
  if (comma != std::string_view::npos && comma > 0 && comma <= 12 &&
      !has_digit(gap.substr(0, comma))) {
    const Figure* prev = last_before(figs, s.begin, to->begin);
    if (prev && t.substr(prev->end, comma) == gap.substr(0, comma)) gap.remove_prefix(comma);
  }
  if (gap.starts_with("，")) gap.remove_prefix(3);
  for (std::string_view p :
       {"同比", "比上年", "较上年", "比去年", "较去年", "较上年同期", "比上年同期", "比"})
    if (gap.starts_with(p)) {
      gap.remove_prefix(p.size());
      break;
    }
  if (!gap.starts_with(r.relation)) return std::nullopt;
  gap.remove_prefix(r.relation.size());
  bool link_ok = gap.empty();
  for (std::string_view l : {"了", "为", "达", "达到", "约", "近"}) link_ok |= gap == l;
  if (!link_ok) return std::nullopt;
  // Before the new value: 从/由 B (verb)至/到 — in one clause.
  const Figure* from = last_before(figs, s.begin, to->begin);
  if (!from) return std::nullopt;
  std::string_view mid = t.substr(from->end, to->begin - from->end);
  if (mid.size() > 36 || mid.find("，") != std::string_view::npos ||
      mid.find("；") != std::string_view::npos ||
      !(mid.find("至") != std::string_view::npos || mid.find("到") != std::string_view::npos))
    return std::nullopt;
  size_t lead_from = from->begin >= 48 ? from->begin - 48 : 0;
  if (lead_from < s.begin) lead_from = s.begin;
  std::string_view lead = t.substr(lead_from, from->begin - lead_from);
  size_t cong = std::max(lead.rfind("从") == std::string_view::npos ? 0 : lead.rfind("从") + 1,
                         lead.rfind("由") == std::string_view::npos ? 0 : lead.rfind("由") + 1);
  if (cong == 0) return std::nullopt;
  std::string_view after_cong = lead.substr(cong + 2);
  if (after_cong.find("，") != std::string_view::npos || has_digit(without_years(after_cong)))
    return std::nullopt;
  if (lead.find("年均") != std::string_view::npos) return std::nullopt;
  if (!same_measure(*from, *to)) return std::nullopt;
  bool falling = contains_any(mid, std::begin(kZhDown), std::end(kZhDown)) ||
                 contains_any(r.relation, std::begin(kZhDown), std::end(kZhDown));
  return Found{from, to, falling, "从…至"};
}

bool annual(std::string_view s) {
  for (std::string_view w : {"a year", "per year", "annual", "annually", "per annum", "compound"})
    if (s.find(w) != std::string_view::npos) return true;
  return false;
}

std::optional<Found> english(std::string_view t, const std::vector<Figure>& figs, const Sentence& s,
                             const Rate& r) {
  std::string_view post = t.substr(r.end, s.end - r.end);
  bool falling = is_any(r.relation, std::begin(kEnDown), std::end(kEnDown));
  // "rose 34 pct to A from B"
  for (std::string_view w : {" to ", " at "})
    if (post.starts_with(w)) {
      uint32_t at = r.end + static_cast<uint32_t>(w.size());
      const Figure* to = nullptr;
      for (const auto& f : figs)
        if (f.begin >= at && f.begin <= at + 1) to = &f;  // "$" may come first
      if (!to) return std::nullopt;
      std::string_view rest = t.substr(to->end, s.end - to->end);
      if (!rest.starts_with(" from ")) return std::nullopt;
      uint32_t fb = to->end + 6;
      for (std::string_view skip :
           {"a year-earlier ", "a revised ", "a restated ", "the ", "a ", "an "})
        if (t.substr(fb).starts_with(skip)) {
          fb += static_cast<uint32_t>(skip.size());
          break;
        }
      const Figure* from = nullptr;
      for (const auto& f : figs)
        if (f.begin >= fb && f.begin <= fb + 1) from = &f;
      if (!from || !same_measure(*from, *to)) return std::nullopt;
      if (annual(t.substr(r.end, from->end - r.end))) return std::nullopt;
      return Found{from, to, falling, "to…from"};
    }
  // "rose 12 pct from B to A"; when no "to A" follows, "A, up X pct from B" is tried below.
  if (!r.relation.empty())
    for (std::string_view w : {" from $", " from £", " from "})
      if (post.starts_with(w)) {
        uint32_t at = r.end + static_cast<uint32_t>(w.size());
        const Figure* from = nullptr;
        const Figure* to = nullptr;
        for (const auto& f : figs) {
          if (f.begin == at) from = &f;
          if (from && !to && f.begin > from->end) to = &f;
        }
        if (!from || !to) break;
        std::string_view mid = t.substr(from->end, to->begin - from->end);
        if ((mid == " to " || mid == " to $" || mid == " to £") && !year_like(*from) &&
            !year_like(*to) && same_measure(*from, *to))
          return Found{from, to, falling, "from…to"};
        break;
      }
  // "from B to A, up X%" / "…, a fall of X%"
  const Figure* to = last_before(figs, s.begin, r.begin);
  if (!to) return std::nullopt;
  std::string_view gap = t.substr(to->end, r.begin - to->end);
  bool gap_ok = false;
  for (std::string_view g :
       {", up ", ", down ", ", or ", ", a rise of ", ", an increase of ", ", a fall of ",
        ", a drop of ", ", a decline of ", ", a gain of ", ", a decrease of "})
    gap_ok |= gap == g;
  if (!gap_ok) return std::nullopt;
  // "A, up X pct from B": the old value follows the rate.
  if (gap != ", or ") {
    std::string_view rest = t.substr(r.end, s.end - r.end);
    for (std::string_view w : {" from $", " from £", " from "})
      if (rest.starts_with(w)) {
        uint32_t at = r.end + static_cast<uint32_t>(w.size());
        const Figure* from = nullptr;
        for (const auto& f : figs)
          if (f.begin == at) from = &f;
        if (!from || year_like(*from) || !same_measure(*from, *to) || day_of_month(t, *to) ||
            to->number.magnitude < from->number.magnitude)
          return std::nullopt;
        return Found{from, to, falling, "up…from"};
      }
  }
  const Figure* from = last_before(figs, s.begin, to->begin);
  if (!from) return std::nullopt;
  std::string_view mid = t.substr(from->end, to->begin - from->end);
  // "rose to A from B, up X%": here the last figure is the old value B, the one before it A.
  if (mid == " from " || mid == " from $" || mid == " from £") {
    const Figure* a = from;
    const Figure* b = to;
    std::string_view before_a = t.substr(s.begin, a->begin - s.begin);
    for (std::string_view sign : {"$", "£"})
      if (before_a.ends_with(sign)) before_a.remove_suffix(sign.size());
    if (!before_a.ends_with(" to ") || year_like(*b) || !same_measure(*a, *b) || gap == ", or ")
      return std::nullopt;
    return Found{b, a, falling, "to…from, up"};
  }
  if (mid != " to " && mid != " to $" && mid != " to £") return std::nullopt;
  std::string_view lead = t.substr(s.begin, from->begin - s.begin);
  if (!(lead.ends_with("from ") || lead.ends_with("from $") || lead.ends_with("from £")))
    return std::nullopt;
  if (gap == ", or ") {
    falling = false;
    for (std::string_view w :
         {" fell ", " dropped ", " declined ", " decreased ", " slipped ", " lost "})
      falling |= lead.find(w) != std::string_view::npos;
  }
  return Found{from, to, falling, "from…to"};
}

}  // namespace

void derive_changes(const parse::Article& article, ArticleFacts& facts) {
  // One pass over the rates, which the pipeline fills block by block (a loop over blocks with
  // one over all rates inside was quadratic on a page of many short paragraphs).
  std::vector<Figure> figs;
  size_t read = SIZE_MAX;  // the block whose figures `figs` holds
  for (size_t ri = 0; ri < facts.rates.size(); ++ri) {
    const auto& r = facts.rates[ri];
    size_t bi = r.block;
    if (bi >= article.blocks.size() || bi >= facts.blocks.size()) continue;
    std::string_view t = article.blocks[bi].text.text;
    if (r.fact.unit != RateUnit::Percent) continue;
    if (r.fact.relation.empty() && article.language == "zh") continue;
    const Sentence* s = sentence_at(facts.blocks[bi].sentences, r.fact.begin);
    if (!s) continue;
    if (read != bi) figs = block_figures(t, facts, bi), read = bi;
    auto found =
        article.language == "zh" ? chinese(t, figs, *s, r.fact) : english(t, figs, *s, r.fact);
    if (!found) continue;
    Change c;
    c.begin = r.fact.begin;
    c.end = r.fact.end;
    c.rate = ri;
    c.from = *found->from;
    c.to = *found->to;
    c.falling = found->falling;
    c.evidence = found->evidence;
    // Wire copy drops the scale of the old value: "to 1.5 billion from 1.2".
    if (c.from.number.magnitude == 1 && c.to.number.magnitude > 1 && c.from.number.value < 1000) {
      double m = c.to.number.magnitude;
      double half = 0.5 * std::pow(10.0, -c.from.number.decimals) * m;
      c.from.number.value *= m;
      c.from.lo = c.from.number.value - half;
      c.from.hi = c.from.number.value + half;
    }
    facts.changes.push_back({bi, r.span, std::move(c)});
  }
}

void write_fields(const At<Change>& x, const RecordContext& c, RecordSink& sink) {
  std::string_view t = c.article.blocks[x.block].text.text;
  const Rate& r = c.facts.rates[x.fact.rate].fact;
  write_number_fields(r.number, sink);
  sink.string("unit", rate_unit_name(r.unit));
  sink.string("relation", r.relation);
  write_figure(sink, "from", t, x.fact.from);
  write_figure(sink, "to", t, x.fact.to);
  sink.boolean("falling", x.fact.falling);
  sink.string("evidence", x.fact.evidence);
}

}  // namespace tally::facts
