// kind: change. A change stated with its endpoints must agree with them: the `change` facts
// (engine/facts/changes.cpp: "由260人增至352人，增长35%", "rose 34 pct to A from B", "from B to A,
// up X%"), with the figures as intervals at their written precision. `tolerance` is in units of
// the rate's last written digit (default 1: wire copy computes from unrounded figures and often
// truncates). With `multiples: {message: …, tolerance: 0.5}`, a multiple is checked too:
// "Y是X的N倍", X written right before 的N倍 and Y before 是 (at most 30 bytes before X), in one
// sentence, means Y/X = N.
// Placeholders: {text}, {computed} (at one more decimal than the text), and
//   a change: {from}, {to}, {direction} (增长/下降, up/down in the article's language);
//   a multiple: {larger} (Y), {base} (X).
#include <algorithm>
#include <cmath>
#include <string_view>
#include <tuple>

#include "facts/figures.hpp"
#include "rules/yaml_arith.hpp"
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

// A figure as the rule reads it: an open end is infinite on its own side.
struct Val {
  Span span;
  uint32_t begin = 0, end = 0;
  double value = 0, lo = 0, hi = 0;
  int decimals = 0;
  const std::string* measure = nullptr;  // null for a bare number
};

Val val(Span span, uint32_t b, uint32_t e, const facts::Number& n, double lo, double hi) {
  return {span,
          b,
          e,
          n.value,
          std::isinf(lo) ? -HUGE_VAL : lo,
          std::isinf(hi) ? HUGE_VAL : hi,
          n.decimals,
          nullptr};
}

struct ChangeCheck : YamlCheck {
  double tolerance = 1;
  bool multiples = false;
  std::map<std::string, std::string> multiple_message;
  double multiple_tolerance = 0.5;

  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      for (const auto& c : ai.facts->changes) change(r, ai, c);
      if (!multiples) continue;
      for (const auto& q : ai.facts->quantities)
        if (q.fact.measure == "倍") multiple(r, ai, q);
    }
  }

  void change(YamlRun& r, const ArticleInput& ai, const facts::At<facts::Change>& x) const {
    const auto& c = x.fact;
    const auto& rate = ai.facts->rates[c.rate].fact.number;
    const auto& t = ai.article->blocks[x.block].text.text;
    Val from = val({}, c.from.begin, c.from.end, c.from.number, c.from.lo, c.from.hi);
    Val to = val({}, c.to.begin, c.to.end, c.to.number, c.to.lo, c.to.hi);
    Val stated = val(x.span, c.begin, c.end, rate, rate.lo, rate.hi);
    if (from.lo <= 0) return;
    double lo = (to.lo - from.hi) / from.hi * 100;
    double hi = (to.hi - from.lo) / from.lo * 100;
    if (c.falling) std::tie(lo, hi) = std::make_pair(-hi, -lo);
    double half = tolerance * std::pow(10.0, -rate.decimals);
    if (!(hi < stated.lo - half - 1e-9 || lo > stated.hi + half + 1e-9)) return;
    double computed = (to.value - from.value) / from.value * 100;
    if (c.falling) computed = -computed;
    bool zh = ai.article->language == "zh";
    r.emit_span(ai.index, x.span,
                {{"text", t.substr(c.begin, c.end - c.begin)},
                 {"from", t.substr(from.begin, from.end - from.begin)},
                 {"to", t.substr(to.begin, to.end - to.begin)},
                 {"direction", c.falling ? (zh ? "下降" : "down") : (zh ? "增长" : "up")},
                 {"computed", arith_format(computed, rate.decimals + 1)}});
  }

  // "Y是X的N倍": the last two figures of the sentence before the multiple.
  void multiple(YamlRun& r, const ArticleInput& ai, const facts::At<facts::Quantity>& times) const {
    const auto& f = *ai.facts;
    const auto& t = ai.article->blocks[times.block].text.text;
    const auto& sentences = f.blocks[times.block].sentences;
    const auto* sentence = facts::sentence_at(sentences, times.fact.begin);
    // The figures of the sentence ending before the multiple, in reading order (numbers before
    // quantities at one offset, as the article's facts list them).
    std::vector<Val> before;
    auto take = [&](Span span, uint32_t b, uint32_t e, const facts::Number& n,
                    const std::string* measure) {
      if (facts::sentence_at(sentences, b) != sentence || e > times.fact.begin) return;
      before.push_back(val(span, b, e, n, n.lo, n.hi));
      before.back().measure = measure;
    };
    for (const auto& n : f.numbers)
      if (n.block == times.block) take(n.span, n.fact.begin, n.fact.end, n.fact, nullptr);
    for (const auto& q : f.quantities)
      if (q.block == times.block)
        take(q.span, q.fact.begin, q.fact.end, q.fact.number, &q.fact.measure);
    std::stable_sort(before.begin(), before.end(),
                     [](const Val& a, const Val& b) { return a.span.begin < b.span.begin; });
    if (before.size() < 2) return;
    const Val& x = before[before.size() - 1];
    const Val& y = before[before.size() - 2];
    auto is_times = [](const Val& v) { return v.measure && *v.measure == "倍"; };
    if (x.lo <= 0 || is_times(x) || is_times(y)) return;
    if (x.end > times.fact.begin || t.compare(x.end, times.fact.begin - x.end, "的") != 0) return;
    std::string_view between =
        y.end <= x.begin ? std::string_view(t).substr(y.end, x.begin - y.end) : std::string_view();
    if (between.find("是") == std::string_view::npos || between.size() > 30) return;
    const auto& n = times.fact.number;
    double half = multiple_tolerance * std::pow(10.0, -n.decimals);
    double lo = y.lo / x.hi, hi = y.hi / x.lo;
    double nlo = std::isinf(n.lo) ? -HUGE_VAL : n.lo, nhi = std::isinf(n.hi) ? HUGE_VAL : n.hi;
    if (!(hi < nlo - half - 1e-9 || lo > nhi + half + 1e-9)) return;
    Vars vars{{"text", t.substr(times.fact.begin, times.fact.end - times.fact.begin)},
              {"larger", t.substr(y.begin, y.end - y.begin)},
              {"base", t.substr(x.begin, x.end - x.begin)},
              {"computed", arith_format(y.value / x.value, n.decimals + 1)}};
    size_t at = r.out.size();
    r.emit_span(ai.index, times.span, vars);
    // A multiple has its own message (the rule's `message` is the change's).
    if (r.out.size() > at)
      r.out.back().message =
          fill(pick_language(multiple_message, r.message_language(ai.index)), vars);
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_change(const RuleNode& root) {
  auto c = std::make_unique<ChangeCheck>();
  c->tolerance = number_key(root, "tolerance", 1);
  if (auto m = root["multiples"]) {
    if (!m.IsMap()) throw YamlError{m.Mark(), "'multiples' must map message and tolerance"};
    for (const auto& kv : m.pairs()) {
      auto k = kv.first.as<std::string>();
      if (k != "message" && k != "tolerance")
        throw YamlError{kv.first.Mark(), "unknown key 'multiples." + k + "'"};
    }
    if (!m["message"]) throw YamlError{m.Mark(), "'multiples' needs 'message'"};
    c->multiples = true;
    c->multiple_message = texts(m["message"], "multiples.message");
    c->multiple_tolerance = number_key(m, "tolerance", 0.5);
  }
  return c;
}

}  // namespace tally::rules
