#include "facts/figures.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "facts/extract.hpp"
#include "facts/record_sink.hpp"

namespace tally::facts {

namespace {

std::string measure_class(std::string_view text, const Number& n, std::string m) {
  if (m == "名" || m == "位") return "人";
  // Money in wire copy: "$11.1bn", "158.7 mln dlrs", "15 cts".
  if (n.begin > 0 && text[n.begin - 1] == '$') return "dlr";
  if (n.begin >= 2 && text.substr(n.begin - 2, 2) == "£") return "stg";
  if (n.begin >= 3 && text.substr(n.begin - 3, 3) == "€") return "eur";
  for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (m == "dlrs" || m == "dlr" || m == "dollars" || m == "dollar") return "dlr";
  if (m == "cts" || m == "cents") return "ct";
  if (m.size() > 3 && m.back() == 's') m.pop_back();  // "seats" and "seat"
  return m;
}

Figure make(std::string_view text, const Number& n, uint32_t b, uint32_t e, std::string measure) {
  Figure f;
  f.begin = b;
  f.end = e;
  f.number = n;
  f.measure = measure_class(text, n, std::move(measure));
  f.lo = n.lo;
  f.hi = n.hi;
  // A figure is exact only to its written precision: decimals or a scale word make it rounded.
  if (n.qualifier.empty() && (n.decimals > 0 || n.magnitude > 1)) {
    double half = 0.5 * std::pow(10.0, -n.decimals) * n.magnitude;
    f.lo = n.value - half;
    f.hi = n.value + half;
  }
  return f;
}

}  // namespace

std::vector<Figure> block_figures(std::string_view text, const ArticleFacts& f, size_t block) {
  std::vector<Figure> out;
  // The extraction pipeline fills the vectors block by block: the block's run is found by
  // binary search, so reading every block's figures stays linear in the article.
  auto run = [&](const auto& v) {
    auto lo = std::lower_bound(v.begin(), v.end(), block,
                               [](const auto& x, size_t b) { return x.block < b; });
    auto hi =
        std::upper_bound(lo, v.end(), block, [](size_t b, const auto& x) { return b < x.block; });
    return std::make_pair(lo, hi);
  };
  auto [qb, qe] = run(f.quantities);
  for (auto q = qb; q != qe; ++q)
    out.push_back(make(text, q->fact.number, q->fact.begin, q->fact.end, q->fact.measure));
  auto [nb, ne] = run(f.numbers);
  for (auto n = nb; n != ne; ++n)
    out.push_back(make(text, n->fact, n->fact.begin, n->fact.end, ""));
  std::sort(out.begin(), out.end(),
            [](const Figure& a, const Figure& b) { return a.begin < b.begin; });
  return out;
}

bool same_measure(const Figure& a, const Figure& b) {
  if (a.measure == b.measure) return true;
  bool english = a.number.form != NumberForm::Chinese && b.number.form != NumberForm::Chinese;
  auto ascii = [](const std::string& m) {
    return m.empty() || static_cast<unsigned char>(m[0]) < 0x80;
  };
  return english && ascii(a.measure) && ascii(b.measure) &&
         (a.measure.empty() || b.measure.empty());
}

bool year_like(const Figure& f) {
  const Number& n = f.number;
  return n.decimals == 0 && n.magnitude == 1 && n.value >= 1800 && n.value <= 2100 &&
         f.measure.empty();
}

const Sentence* sentence_at(const std::vector<Sentence>& sentences, uint32_t at) {
  // Sentences are in order and do not overlap: the one beginning last at or before `at`.
  auto it = std::upper_bound(sentences.begin(), sentences.end(), at,
                             [](uint32_t a, const Sentence& s) { return a < s.begin; });
  if (it == sentences.begin()) return nullptr;
  --it;
  return at < it->end ? &*it : nullptr;
}

void write_figure(RecordSink& sink, const char* key, std::string_view text, const Figure& fig) {
  sink.begin_object(key);
  sink.string("text", text.substr(fig.begin, fig.end - fig.begin));
  sink.number("value", fig.number.value);
  sink.interval("interval", fig.lo, fig.hi);
  sink.integer("decimals", fig.number.decimals);
  sink.integer("lbegin", fig.begin);
  sink.integer("lend", fig.end);
  sink.end_object();
}

const Figure* last_before(const std::vector<Figure>& figs, uint32_t from, uint32_t at) {
  // figs are in order of begin (block_figures): a figure beginning after `at` ends after it, so
  // the answer is the first one, going back from the last beginning at or before `at`, that ends
  // by `at`; none is left once they begin before `from`. Binary search, then a walk over the
  // few figures that straddle `at`: a paragraph-long table stays linear.
  auto it = std::upper_bound(figs.begin(), figs.end(), at,
                             [](uint32_t a, const Figure& f) { return a < f.begin; });
  while (it != figs.begin()) {
    --it;
    if (it->begin < from) break;
    if (it->end <= at) return &*it;
  }
  return nullptr;
}

}  // namespace tally::facts
