// kind: breakdown. A whole and its parts as the text relates them (the `breakdown` facts,
// engine/facts/totals.cpp), compared as intervals at their written precision:
//   compare: part  a part larger than its whole ("共658人，其中…700人"), at the first such part;
//   compare: sum   parts said to make up the whole that do not add up to it, at the whole; parts
//                  named as kinds of the whole (`disjoint`) are wrong only above it.
// Placeholders: {part}, {whole}, {sum} ("50件 + 40件 + 20件").
#include <cmath>
#include <limits>
#include <string_view>

#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// An open end is infinite on its own side, whatever the sign the interval carries.
double lo_of(const facts::Amount& a) {
  return std::isinf(a.lo) ? -kInf : a.lo;
}
double hi_of(const facts::Amount& a) {
  return std::isinf(a.hi) ? kInf : a.hi;
}

struct BreakdownCheck : YamlCheck {
  bool sum = false;

  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      if (!r.applies(ai.index)) continue;
      for (const auto& b : ai.facts->breakdowns) {
        const auto& lt = ai.article->blocks[b.block].text;
        auto text = [&](const facts::Amount& a) {
          return std::string(std::string_view(lt.text).substr(a.begin, a.end - a.begin));
        };
        const auto& w = b.fact.whole;
        if (!sum) {
          for (const auto& p : b.fact.parts)
            if (lo_of(p) > hi_of(w)) {
              r.emit_span(ai.index, lt.to_original(p.begin, p.end),
                          {{"part", text(p)}, {"whole", text(w)}});
              break;
            }
          continue;
        }
        if (!(b.fact.complete || b.fact.disjoint) || b.fact.parts.size() < 2) continue;
        double lo = 0, hi = 0;
        std::string shown;
        for (const auto& p : b.fact.parts) {
          lo += lo_of(p);
          hi += hi_of(p);
          (shown += shown.empty() ? "" : " + ") += text(p);
        }
        if ((b.fact.complete && hi < lo_of(w)) || lo > hi_of(w))
          r.emit_span(ai.index, lt.to_original(w.begin, w.end),
                      {{"sum", shown}, {"whole", text(w)}});
      }
    }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_breakdown(const RuleNode& root) {
  auto c = std::make_unique<BreakdownCheck>();
  if (!root["compare"])
    throw YamlError{root.Mark(), "kind 'breakdown' needs 'compare' (part or sum)"};
  std::string how = scalar(root["compare"], "compare");
  if (how != "part" && how != "sum")
    throw YamlError{root["compare"].Mark(), "'compare' must be part or sum, not '" + how + "'"};
  c->sum = how == "sum";
  return c;
}

}  // namespace tally::rules
