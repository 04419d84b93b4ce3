// kind: restatement. One figure given twice for the same thing that the two mentions do not
// agree on (the `restatement` facts, engine/facts/restatements.cpp: the same words in the same
// measure, no other place, period, source or part between them).
//   headline: false  every pair but the first article's headline against its body, reported at
//                    the later mention with the earlier one beside it;
//   headline: true   the first article's headline against its body, reported at the headline's
//                    figure with the body's beside it; `scale_message` instead of `message` when
//                    the two differ by a power of ten of 1,000 or more (万 for 亿, million for
//                    billion).
// Placeholders: {words}, {first}, {second}. `related_label` marks the other mention.
#include <algorithm>
#include <cmath>

#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

// 万 for 亿, million for billion: the ratio is a power of ten, 1,000 or more.
bool scale_slip(double a, double b) {
  if (a <= 0 || b <= 0) return false;
  double r = std::log10(std::max(a, b) / std::min(a, b));
  return r >= 2.9 && std::abs(r - std::floor(r + 0.5)) < 0.01;
}

struct RestatementCheck : YamlCheck {
  bool headline = false;
  std::map<std::string, std::string> related_label, scale_message;

  void run(YamlRun& r) const override {
    for (const auto& ai : r.in.articles) {
      // An article the page parser is unsure of may hold two stories' figures, or another
      // story's headline: the two mentions are not known to be of one thing.
      if (!r.applies(ai.index) || ai.article->uncertain) continue;
      const auto& lang = r.message_language(ai.index);
      for (const auto& x : ai.facts->restatements) {
        const auto& s = x.fact;
        bool in_headline = s.headline && ai.index == 0;
        if (s.agree || in_headline != headline) continue;
        Vars vars{{"words", s.words}, {"first", s.first.text}, {"second", s.second.text}};
        const auto& other = headline ? s.second : s.first;
        std::vector<report::Related> related;
        if (!related_label.empty())
          related.push_back({other.span, fill(pick_language(related_label, lang), vars), {}});
        size_t at = r.out.size();
        r.emit_span(ai.index, headline ? s.first.span : x.span, vars, nullptr, std::move(related));
        if (headline && !scale_message.empty() && r.out.size() > at &&
            scale_slip(s.first.value, s.second.value))
          r.out.back().message = fill(pick_language(scale_message, lang), vars);
      }
    }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_restatement(const RuleNode& root) {
  auto c = std::make_unique<RestatementCheck>();
  if (root["headline"]) c->headline = flag(root["headline"], "headline");
  if (root["related_label"]) c->related_label = texts(root["related_label"], "related_label");
  if (root["scale_message"]) {
    if (!c->headline)
      throw YamlError{root["scale_message"].Mark(), "'scale_message' goes with 'headline: true'"};
    c->scale_message = texts(root["scale_message"], "scale_message");
  }
  return c;
}

}  // namespace tally::rules
