#include "facts/extract.hpp"

#include <algorithm>
#include <iterator>
#include <map>

namespace tally::facts {

namespace {

// The ranges of a block already read as one fact (dates, then rates, ordinals, quantities),
// merged where they overlap and kept in order: a block with thousands of figures (a table) is
// looked up in log time rather than walked for every figure.
class Taken {
 public:
  // Does [b, e) overlap a range taken? The ranges are disjoint and in order, so only the last
  // one beginning before `e` can.
  bool covers(uint32_t b, uint32_t e) const {
    auto it = ranges_.lower_bound(e);
    if (it == ranges_.begin()) return false;
    --it;
    return it->second > b;
  }
  void add(uint32_t b, uint32_t e) {
    if (b >= e) return;  // facts are never empty
    auto it = ranges_.lower_bound(e);
    while (it != ranges_.begin()) {
      auto p = std::prev(it);
      if (p->second <= b) break;
      b = std::min(b, p->first), e = std::max(e, p->second);
      it = ranges_.erase(p);
    }
    ranges_[b] = e;
  }

 private:
  std::map<uint32_t, uint32_t> ranges_;  // begin -> end
};

// Headings and bylines hold no facts worth checking; dates in a byline or page header are
// layout, and a caption's facts are still facts.
bool has_facts(parse::BlockType t) {
  return t == parse::BlockType::Paragraph || t == parse::BlockType::Caption ||
         t == parse::BlockType::Headline || t == parse::BlockType::Subheadline ||
         t == parse::BlockType::Kicker || t == parse::BlockType::Subhead;
}

}  // namespace

ArticleFacts extract_facts(const parse::Article& article, std::optional<parse::Date> pub) {
  ArticleFacts out;
  // Quotations may run from one paragraph into the next: marks are paired over the article.
  std::vector<std::string_view> texts;
  for (const auto& b : article.blocks) texts.push_back(b.text.text);
  auto block_pairs = find_pairs_in_blocks(texts, quote_and_bracket_marks());
  for (size_t bi = 0; bi < article.blocks.size(); ++bi) {
    const auto& block = article.blocks[bi];
    const auto& lt = block.text;
    const std::string& t = lt.text;
    auto orig = [&](uint32_t b, uint32_t e) { return lt.to_original(b, e); };
    out.blocks.push_back({split_sentences(t)});
    auto& pairs = block_pairs[bi];
    for (auto& p : pairs.pairs) {
      auto [b, e] = logical_range(p);
      out.pairs.push_back({bi, orig(b, e), std::move(p)});
    }
    for (auto& u : pairs.unpaired) {
      auto [b, e] = logical_range(u);
      out.unpaired.push_back({bi, orig(b, e), std::move(u)});
    }
    if (!has_facts(block.type)) continue;

    auto numbers = find_numbers(t);
    Taken taken;
    for (auto& d : find_dates(t)) {
      taken.add(d.begin, d.end);
      out.dates.push_back({bi, orig(d.begin, d.end), std::move(d)});
    }
    auto rates = find_rates(t, numbers);
    for (auto& r : rates) {
      if (taken.covers(r.begin, r.end)) continue;
      taken.add(r.begin, r.end);
      out.rates.push_back({bi, orig(r.begin, r.end), std::move(r)});
    }
    std::vector<Number> free;
    for (const auto& n : numbers)
      if (!taken.covers(n.begin, n.end)) free.push_back(n);
    auto q = find_quantities(t, free);
    std::vector<Quantity> kept;
    for (auto& o : q.ordinals) {
      taken.add(o.begin, o.end);
      out.ordinals.push_back({bi, orig(o.begin, o.end), std::move(o)});
    }
    for (auto& x : q.quantities) {
      if (taken.covers(x.begin, x.end)) continue;
      taken.add(x.begin, x.end);
      kept.push_back(x);
    }
    for (const auto& n : free)
      if (!taken.covers(n.begin, n.end)) out.numbers.push_back({bi, orig(n.begin, n.end), n});
    auto counts = find_counts(t, kept, out.blocks.back().sentences);
    for (auto& x : kept) {
      // "六个" inside the named set "“六个一”" is the count claim, not a quantity of "一".
      bool named =
          std::any_of(counts.claims.begin(), counts.claims.end(), [&](const CountClaim& c) {
            return c.begin <= x.begin && c.end >= x.end && c.end - c.begin > x.end - x.begin;
          });
      if (!named) out.quantities.push_back({bi, orig(x.begin, x.end), std::move(x)});
    }
    size_t claim0 = out.claims.size(), list0 = out.lists.size();
    for (auto& c : counts.claims) out.claims.push_back({bi, orig(c.begin, c.end), std::move(c)});
    for (auto& l : counts.lists) out.lists.push_back({bi, orig(l.begin, l.end), std::move(l)});
    for (const auto& l : counts.links)
      out.links.push_back({claim0 + l.claim, list0 + l.list, l.evidence, l.strong});
  }
  std::vector<DateFact*> order;
  for (auto& d : out.dates) order.push_back(&d.fact);
  resolve_dates(order, pub);
  // Relations between the facts just read, in the order of facts/kinds.def.
  using Derive = void (*)(const parse::Article&, ArticleFacts&);
  for (Derive derive : std::initializer_list<Derive>{
#define FACT_KIND(Id, member, Struct, type, lua_list, derive, doc) derive,
#include "facts/kinds.def"
#undef FACT_KIND
       })
    if (derive) derive(article, out);
  return out;
}

std::vector<ArticleFacts> extract_document_facts(const parse::Document& doc) {
  std::vector<ArticleFacts> out;
  out.reserve(doc.articles.size());
  for (const auto& a : doc.articles) out.push_back(extract_facts(a, doc.publication_date));
  return out;
}

}  // namespace tally::facts
