// kind: substitution. A map of wrong: right words; each wrong form found is reported with the
// right one as its fix. `ignore_case`, and `word` for whole words only.
#include <algorithm>
#include <cctype>

#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

struct SubstitutionCheck : YamlCheck {
  std::vector<std::pair<std::string, std::string>> swap;  // wrong -> right, longest first
  std::shared_ptr<RE2> any_wrong;

  void run(YamlRun& r) const override {
    for (const auto& u : r.units())
      for (const auto& p : u.pieces) {
        if (!r.applies(p.article)) continue;
        const auto& t = r.text_of(p).text;
        for_each_match(*any_wrong, t, p, [&](uint32_t b, uint32_t e, const Vars& found) {
          Vars vars = found;
          const auto& m = vars["match"];
          std::string right;
          for (const auto& [w, rr] : swap)
            if (w.size() == m.size() &&
                std::equal(w.begin(), w.end(), m.begin(), [](char x, char y) {
                  return std::tolower(static_cast<unsigned char>(x)) ==
                         std::tolower(static_cast<unsigned char>(y));
                })) {
              right = rr;
              break;
            }
          vars["replacement"] = right;
          r.emit(p, b, e, vars, &right);
        });
      }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_substitution(const RuleNode& root) {
  auto c = std::make_unique<SubstitutionCheck>();
  auto s = root["swap"];
  if (!s || !s.IsMap() || s.size() == 0)
    throw YamlError{s ? s.Mark() : root.Mark(),
                    "kind 'substitution' needs 'swap', a map wrong: right"};
  for (const auto& kv : s.pairs())
    c->swap.push_back({scalar(kv.first, "swap"), scalar(kv.second, "swap")});
  std::sort(c->swap.begin(), c->swap.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  bool ignore_case = root["ignore_case"] && flag(root["ignore_case"], "ignore_case");
  bool word = root["word"] && flag(root["word"], "word");
  std::string alt;
  for (const auto& [w, _] : c->swap) alt += (alt.empty() ? "" : "|") + RE2::QuoteMeta(w);
  std::string src = word ? "\\b(?:" + alt + ")\\b" : "(?:" + alt + ")";
  RE2::Options o;
  o.set_case_sensitive(!ignore_case);
  c->any_wrong = std::make_shared<RE2>(src, o);
  return c;
}

}  // namespace tally::rules
