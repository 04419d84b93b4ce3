#include "facts/shares.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include "facts/record_hooks.hpp"

namespace tally::facts {

namespace {

// Strips trailing linking words and spaces: "占比为" -> "占比", "占到" -> "占".
std::string_view strip_links(std::string_view s) {
  for (bool moved = true; moved;) {
    moved = false;
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1), moved = true;
    for (std::string_view w : {"达到", "为", "达", "到", "了", "约", "近", "超过", "高达", "是"})
      if (s.ends_with(w)) {
        s.remove_suffix(w.size());
        moved = true;
        break;
      }
  }
  return s;
}

// Where the block's clause separators ，；：、 end, in order (each is three bytes). Found once per
// block: searching back from every rate was quadratic in a table with no separator in it.
std::vector<uint32_t> separator_ends(std::string_view t) {
  std::vector<uint32_t> out;
  for (size_t p = 0; p + 3 <= t.size(); ++p) {
    std::string_view c = t.substr(p, 3);
    if (c == "，" || c == "；" || c == "：" || c == "、")
      out.push_back(static_cast<uint32_t>(p + 3)), p += 2;
  }
  return out;
}

// Start of the clause holding `at`: after the last ，；：、 wholly in [from, at), else `from`.
uint32_t clause_start(const std::vector<uint32_t>& seps, uint32_t from, uint32_t at) {
  auto it = std::upper_bound(seps.begin(), seps.end(), at);
  if (it == seps.begin()) return from;
  uint32_t end = *--it;
  return end >= from + 3 ? end : from;
}

bool opens_with_zhan(std::string_view clause) {
  while (!clause.empty() && clause.front() == ' ') clause.remove_prefix(1);
  for (std::string_view lead : {"约", "共", "仅", "只", "则", "均"})
    if (clause.starts_with(lead)) {
      clause.remove_prefix(lead.size());
      break;
    }
  return clause.starts_with("占");
}

// Start of the clause `n` clauses before the one starting at `cs`.
uint32_t back_clauses(const std::vector<uint32_t>& seps, uint32_t from, uint32_t cs, int n) {
  for (int i = 0; i < n && cs > from; ++i) cs = clause_start(seps, from, cs - 1);
  return cs;
}

// figs are in order of begin (block_figures), so these search rather than walk the block.
const Figure* first_at(const std::vector<Figure>& figs, uint32_t at, uint32_t until) {
  auto it = std::lower_bound(figs.begin(), figs.end(), at,
                             [](const Figure& f, uint32_t a) { return f.begin < a; });
  return it != figs.end() && it->begin <= until ? &*it : nullptr;
}

// Nearest figure before `at` (from `from` on) of the measure of `part`.
const Figure* whole_before(const std::vector<Figure>& figs, uint32_t from, uint32_t at,
                           const Figure& part) {
  auto it = std::upper_bound(figs.begin(), figs.end(), at,
                             [](uint32_t a, const Figure& f) { return a < f.begin; });
  while (it != figs.begin()) {
    --it;
    if (it->begin < from) break;
    if (it->end <= at && same_measure(*it, part)) return &*it;
  }
  return nullptr;
}

// Does the whole named in words ("全国跨区送电量") name the figure before 其中? It does when it
// says so (总数, 总量, 总额) or shares two Han characters in a row with the words just before
// the figure ("跨区输送电量1952亿千瓦时": 跨区).
bool names_whole(std::string_view t, uint32_t scope, const Figure& whole, std::string_view named) {
  for (std::string_view w : {"总数", "总量", "总额", "总和", "总计"})
    if (named.find(w) != std::string_view::npos) return true;
  uint32_t from = whole.begin >= scope + 30 ? whole.begin - 30 : scope;
  std::string_view ctx = t.substr(from, whole.begin - from);
  for (size_t i = 0; i + 6 <= named.size(); i += 3) {
    std::string_view bigram = named.substr(i, 6);
    if (static_cast<unsigned char>(bigram[0]) < 0xE0 ||
        static_cast<unsigned char>(bigram[3]) < 0xE0)
      continue;
    if (ctx.find(bigram) != std::string_view::npos) return true;
  }
  return false;
}

struct Found {
  Figure part, whole;
  const char* evidence;
};

std::optional<Found> chinese(std::string_view t, const std::vector<Figure>& figs,
                             const std::vector<uint32_t>& seps,
                             const std::vector<Sentence>& sentences, const Rate& r) {
  const Sentence* s = sentence_at(sentences, r.begin);
  if (!s) return std::nullopt;
  uint32_t cs = clause_start(seps, s->begin, r.begin);
  std::string_view pre = t.substr(cs, r.begin - cs);
  std::string_view named;  // the whole as 占…的 names it in words
  // 占W的X%: the whole is the figure between 占 and 的.
  if (strip_links(pre).ends_with("的")) {
    size_t zhan = pre.find("占");
    if (zhan == std::string_view::npos) return std::nullopt;
    uint32_t zb = cs + static_cast<uint32_t>(zhan);
    const Figure* whole = last_before(figs, zb, r.begin);
    // The part: in the clause before 占, or up to two clauses back ("其中…777亿千瓦时，同比增长
    // 11.2%，占…的"): last_before takes the nearest figure, so nothing lies between.
    uint32_t from = back_clauses(seps, s->begin, cs, 2);
    const Figure* part = last_before(figs, from, zb);
    if (whole && part && same_measure(*part, *whole)) return Found{*part, *whole, "占…的"};
    if (whole || !part) return std::nullopt;
    // "其中P，占W的X%" with W in words: the whole figure before 其中, if W names it.
    std::string_view head = strip_links(pre);
    named = head.substr(zhan + 3, head.size() - zhan - 6);
  }
  std::string_view head = named.empty() ? strip_links(pre) : std::string_view("占");
  if (!(head.ends_with("占比") || head.ends_with("占") || head.ends_with("比重") ||
        head.ends_with("比例")))
    return std::nullopt;
  // No other figure in the rate's clause: "占比" follows its part directly or after a comma.
  uint32_t from = back_clauses(seps, s->begin, cs, 2);
  const Figure* part = last_before(figs, from, r.begin);
  if (!part) return std::nullopt;
  // A part in an earlier clause is the share's only when the rate's clause opens with 占
  // ("，占比15.2%"); "社会投资规模占比达92.5%" names a subject of its own.
  if (part->end <= cs && !opens_with_zhan(pre)) return std::nullopt;
  // The whole is named by 其中 / 中有 / 中， before the part, in this sentence or, when the
  // sentence opens with 其中, the one before.
  uint32_t scope = s->begin;
  if (t.substr(s->begin).starts_with("其中") && s != &sentences.front()) scope = (s - 1)->begin;
  std::string_view span = t.substr(scope, part->begin - scope);
  size_t m = std::string_view::npos;
  for (std::string_view w : {"其中", "中有", "中，"}) {
    size_t p = span.rfind(w);
    if (p != std::string_view::npos && (m == std::string_view::npos || p > m)) m = p;
  }
  if (m == std::string_view::npos) return std::nullopt;
  uint32_t mark = scope + static_cast<uint32_t>(m);
  const Figure* whole = whole_before(figs, scope, mark, *part);
  if (!whole) return std::nullopt;
  // The whole is the figure right before the marker, not one clauses earlier.
  if (last_before(figs, scope, mark) != whole) return std::nullopt;
  // Between 其中 and the part, a figure of the same measure is a sibling part only when it has
  // its own share ("其中A类300件，占25%，B类200件，占比…"); otherwise the part may be a part of
  // it ("其中民事案件800件，审结750件，占比93.8%": 750 of 800, not of the whole).
  for (auto f = std::upper_bound(figs.begin(), figs.end(), mark,
                                 [](uint32_t a, const Figure&x) { return a < x.begin; });
       f != figs.end() && f->begin < part->begin; ++f)
    if (f->end <= part->begin && &*f != part && same_measure(*f, *part) &&
        t.substr(f->end, part->begin - f->end).find("占") == std::string_view::npos)
      return std::nullopt;
  if (!named.empty()) {
    // "W…，占全国…的37.8%。其中P，占全国…的41.3%": W is itself a share of the named whole.
    if (t.substr(whole->end, mark - whole->end).find("占") != std::string_view::npos)
      return std::nullopt;
    if (!names_whole(t, scope, *whole, named)) return std::nullopt;
  }
  return Found{*part, *whole, named.empty() ? "其中…占" : "其中…占…的"};
}

std::optional<Found> english(std::string_view t, const std::vector<Figure>& figs,
                             const std::vector<Sentence>& sentences, const Rate& r) {
  const Sentence* s = sentence_at(sentences, r.begin);
  if (!s) return std::nullopt;
  std::string_view pre = t.substr(s->begin, r.begin - s->begin);
  size_t strip = pre.size();
  while (strip > 0 && pre[strip - 1] == ' ') --strip;
  pre = pre.substr(0, strip);
  if (!pre.ends_with(", or") && !pre.ends_with(" or")) return std::nullopt;
  uint32_t or_at = s->begin + static_cast<uint32_t>(pre.size() - (pre.ends_with(", or") ? 4 : 3));
  const Figure* part = last_before(figs, s->begin, or_at);
  if (!part || or_at - part->end > 2) return std::nullopt;
  // "P, or X pct, of the W"
  std::string_view post = t.substr(r.end, std::min<size_t>(24, t.size() - r.end));
  for (std::string_view w : {", of the ", " of the ", ", of its ", " of its ", ", of ", " of "})
    if (post.starts_with(w)) {
      uint32_t at = r.end + static_cast<uint32_t>(w.size());
      const Figure* whole = first_at(figs, at, at + 1);
      if (whole && same_measure(*part, *whole)) return Found{*part, *whole, "or…of the"};
      return std::nullopt;
    }
  std::string_view before_part = t.substr(s->begin, part->begin - s->begin);
  for (std::string_view sign : {"$", "£", "€"})
    if (before_part.ends_with(sign)) before_part.remove_suffix(sign.size());
  // "P of the W, or X%", "P out of W, or X%": the figure before ", or" is the whole.
  for (std::string_view w : {" out of ", " of the ", " of its ", " of "})
    if (before_part.ends_with(w)) {
      uint32_t at = static_cast<uint32_t>(s->begin + before_part.size() - w.size());
      const Figure* p = last_before(figs, s->begin, at);
      if (p && p->end == at && same_measure(*p, *part)) return Found{*p, *part, "of the…or"};
      return std::nullopt;
    }
  // "W …, of which P, or X%"
  for (std::string_view w : {"of which ", "of whom "})
    if (before_part.ends_with(w)) {
      uint32_t mark = part->begin - static_cast<uint32_t>(w.size());
      const Figure* whole = last_before(figs, s->begin, mark);
      if (whole && same_measure(*part, *whole)) return Found{*part, *whole, "of which…or"};
      return std::nullopt;
    }
  // "Of the W …, P, or X%"
  if (t.substr(s->begin).starts_with("Of the ") || t.substr(s->begin).starts_with("Of its ")) {
    const Figure* whole = first_at(figs, s->begin + 7, s->begin + 8);
    if (whole && whole != part && same_measure(*part, *whole))
      return Found{*part, *whole, "of the…or"};
  }
  return std::nullopt;
}

}  // namespace

void derive_shares(const parse::Article& article, ArticleFacts& facts) {
  // One pass over the rates, which the pipeline fills block by block (see derive_changes).
  std::vector<Figure> figs;
  std::vector<uint32_t> seps;
  size_t read = SIZE_MAX;  // the block whose figures `figs` holds
  for (size_t ri = 0; ri < facts.rates.size(); ++ri) {
    const auto& r = facts.rates[ri];
    size_t bi = r.block;
    if (bi >= article.blocks.size() || bi >= facts.blocks.size()) continue;
    std::string_view t = article.blocks[bi].text.text;
    if (r.fact.unit == RateUnit::PercentagePoints || !r.fact.relation.empty()) continue;
    if (read != bi) figs = block_figures(t, facts, bi), seps = separator_ends(t), read = bi;
    const auto& sentences = facts.blocks[bi].sentences;
    bool han = r.fact.begin >= 3 && static_cast<unsigned char>(t[r.fact.begin - 1]) >= 0x80;
    auto found = han || article.language == "zh" ? chinese(t, figs, seps, sentences, r.fact)
                                                 : english(t, figs, sentences, r.fact);
    if (!found) continue;
    // A part larger than its whole means the pairing is wrong ("Of the 1986 total, 12 mln"),
    // or the figures are, which is count.part-exceeds-whole's to say.
    if (year_like(found->part) || year_like(found->whole) || found->part.lo > found->whole.hi)
      continue;
    Share sh;
    sh.begin = r.fact.begin;
    sh.end = r.fact.end;
    sh.rate = ri;
    sh.part = found->part;
    sh.whole = found->whole;
    sh.evidence = found->evidence;
    facts.shares.push_back({bi, r.span, std::move(sh)});
  }
}

void write_fields(const At<Share>& x, const RecordContext& c, RecordSink& sink) {
  std::string_view t = c.article.blocks[x.block].text.text;
  const Rate& r = c.facts.rates[x.fact.rate].fact;
  write_number_fields(r.number, sink);
  sink.string("unit", rate_unit_name(r.unit));
  write_figure(sink, "part", t, x.fact.part);
  write_figure(sink, "whole", t, x.fact.whole);
  sink.string("evidence", x.fact.evidence);
}

}  // namespace tally::facts
