// kind: consistency. Two or more `forms` (RE2 patterns) of one thing; within a unit (the article
// by default) the form used first is the one the article settled on, and every use of another
// form is reported with {match} and {first}.
#include <algorithm>
#include <tuple>

#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

struct ConsistencyCheck : YamlCheck {
  std::vector<std::shared_ptr<RE2>> forms;

  void run(YamlRun& r) const override {
    for (const auto& u : r.units()) {
      struct Hit {
        size_t form;
        Piece piece;
        uint32_t b, e;
        std::string text;
      };
      std::vector<Hit> hits;
      for (const auto& p : u.pieces) {
        if (!r.applies(p.article)) continue;
        const auto& t = r.text_of(p).text;
        for (size_t k = 0; k < forms.size(); ++k)
          for_each_match(*forms[k], t, p, [&](uint32_t b, uint32_t e, const Vars& v) {
            hits.push_back({k, p, b, e, v.at("match")});
          });
      }
      if (hits.empty()) continue;
      auto key = [](const Hit& h) { return std::tuple(h.piece.article, h.piece.block, h.b); };
      auto first = std::min_element(hits.begin(), hits.end(),
                                    [&](const Hit& a, const Hit& b) { return key(a) < key(b); });
      for (const auto& h : hits)
        if (h.form != first->form)
          r.emit(h.piece, h.b, h.e, {{"match", h.text}, {"first", first->text}});
    }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_consistency(const RuleNode& root) {
  auto c = std::make_unique<ConsistencyCheck>();
  auto f = root["forms"];
  if (!f || !f.IsSequence() || f.size() < 2)
    throw YamlError{f ? f.Mark() : root.Mark(),
                    "kind 'consistency' needs 'forms', two or more patterns"};
  for (const auto& x : f.items()) c->forms.push_back(regex(x, "forms"));
  return c;
}

}  // namespace tally::rules
