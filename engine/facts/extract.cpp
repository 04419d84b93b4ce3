#include "facts/extract.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>

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

// Facts read from the text so far (relations are derived after the cap).
size_t text_facts(const ArticleFacts& f) {
  return f.numbers.size() + f.quantities.size() + f.ordinals.size() + f.rates.size() +
         f.dates.size() + f.claims.size() + f.lists.size() + f.pairs.size() + f.unpaired.size();
}

// Where each kind's vector stood before the block being read.
struct Marks {
  size_t numbers, quantities, ordinals, rates, dates, claims, lists, pairs, unpaired, links;
  explicit Marks(const ArticleFacts& f)
      : numbers(f.numbers.size()),
        quantities(f.quantities.size()),
        ordinals(f.ordinals.size()),
        rates(f.rates.size()),
        dates(f.dates.size()),
        claims(f.claims.size()),
        lists(f.lists.size()),
        pairs(f.pairs.size()),
        unpaired(f.unpaired.size()),
        links(f.links.size()) {}
};

// Keeps of v[from…] the facts that begin before logical byte `cut`; returns the old index ->
// new index map of that part (npos when dropped).
template <typename T>
std::vector<size_t> keep_before(std::vector<At<T>>& v, size_t from, uint32_t cut) {
  std::vector<size_t> map(v.size() - from, std::string::npos);
  size_t to = from;
  for (size_t i = from; i < v.size(); ++i)
    if (logical_range(v[i].fact).first < cut) {
      map[i - from] = to;
      if (to != i) v[to] = std::move(v[i]);
      ++to;
    }
  v.erase(v.begin() + static_cast<std::ptrdiff_t>(to), v.end());
  return map;
}

template <typename T>
void add_begins(const std::vector<At<T>>& v, size_t from, std::vector<uint32_t>& out) {
  for (size_t i = from; i < v.size(); ++i) out.push_back(logical_range(v[i].fact).first);
}

// The block just read took the article past kMaxFactsPerArticle: keeps its first facts in
// reading order up to the cap; returns the logical byte from which its facts were dropped.
uint32_t cap_block(ArticleFacts& f, const Marks& m, size_t allowed) {
  std::vector<uint32_t> begins;
  add_begins(f.numbers, m.numbers, begins);
  add_begins(f.quantities, m.quantities, begins);
  add_begins(f.ordinals, m.ordinals, begins);
  add_begins(f.rates, m.rates, begins);
  add_begins(f.dates, m.dates, begins);
  add_begins(f.claims, m.claims, begins);
  add_begins(f.lists, m.lists, begins);
  add_begins(f.pairs, m.pairs, begins);
  add_begins(f.unpaired, m.unpaired, begins);
  std::nth_element(begins.begin(), begins.begin() + static_cast<std::ptrdiff_t>(allowed),
                   begins.end());
  uint32_t cut = begins[allowed];  // facts at and after it go (ties included: never over)
  keep_before(f.numbers, m.numbers, cut);
  keep_before(f.quantities, m.quantities, cut);
  keep_before(f.ordinals, m.ordinals, cut);
  keep_before(f.rates, m.rates, cut);
  keep_before(f.dates, m.dates, cut);
  keep_before(f.pairs, m.pairs, cut);
  keep_before(f.unpaired, m.unpaired, cut);
  auto claims = keep_before(f.claims, m.claims, cut);
  auto lists = keep_before(f.lists, m.lists, cut);
  size_t to = m.links;
  for (size_t i = m.links; i < f.links.size(); ++i) {
    auto l = f.links[i];
    size_t c = claims[l.claim - m.claims], li = lists[l.list - m.lists];
    if (c == std::string::npos || li == std::string::npos) continue;
    l.claim = c;
    l.list = li;
    f.links[to++] = l;
  }
  f.links.resize(to);
  return cut;
}

// After a block: past the cap, its later facts go and the article's later blocks are not read.
void cap_if_over(ArticleFacts& f, const Marks& m, const text::LogicalText& lt) {
  size_t n = text_facts(f);
  if (n <= kMaxFactsPerArticle) return;
  size_t before = m.numbers + m.quantities + m.ordinals + m.rates + m.dates + m.claims + m.lists +
                  m.pairs + m.unpaired;
  uint32_t cut = cap_block(f, m, kMaxFactsPerArticle - before);
  f.capped = true;
  f.capped_at = lt.to_original(cut, cut).begin;
}

// Where reading a block longer than kMaxBlockBytes stops: at the end of the last sentence that
// ends within the limit, else at the last character boundary within it that does not cut a
// figure or a word.
uint32_t read_limit(std::string_view t, const std::vector<Sentence>& sentences) {
  auto limit = static_cast<uint32_t>(kMaxBlockBytes);
  uint32_t cut = 0;
  for (const auto& s : sentences) {
    if (s.end > limit) break;
    cut = s.end;
  }
  if (cut > 0) return cut;
  cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
  auto word = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == ',' || c == '%';
  };
  uint32_t at = cut;
  while (at > 0 && word(t[at - 1])) --at;
  return at > 0 ? at : cut;
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
    std::string_view t = lt.text;
    auto orig = [&](uint32_t b, uint32_t e) { return lt.to_original(b, e); };
    out.blocks.push_back({split_sentences(t)});
    if (out.capped) continue;  // the cap was reached: the rest is not read
    Marks marks(out);
    // A block too long to read whole is read up to a sentence end within kMaxBlockBytes.
    std::optional<uint32_t> cut;
    if (t.size() > kMaxBlockBytes) {
      cut = read_limit(t, out.blocks.back().sentences);
      t = t.substr(0, *cut);
    }
    auto cap_length = [&] {
      if (!cut || out.capped) return;
      keep_before(out.pairs, marks.pairs, *cut);
      keep_before(out.unpaired, marks.unpaired, *cut);
      out.capped = out.capped_by_length = true;
      out.capped_at = lt.to_original(*cut, *cut).begin;
    };
    auto& pairs = block_pairs[bi];
    for (auto& p : pairs.pairs) {
      auto [b, e] = logical_range(p);
      out.pairs.push_back({bi, orig(b, e), std::move(p)});
    }
    for (auto& u : pairs.unpaired) {
      auto [b, e] = logical_range(u);
      out.unpaired.push_back({bi, orig(b, e), std::move(u)});
    }
    if (!has_facts(block.type)) {
      cap_if_over(out, marks, lt);
      cap_length();
      continue;
    }

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
    cap_if_over(out, marks, lt);
    cap_length();
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
