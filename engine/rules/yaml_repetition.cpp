// kind: repetition. The same `token` (an RE2 pattern) twice in a row, with only `between` (a
// pattern the gap must match in full; default: nothing) between them; the fix drops the second.
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

struct RepetitionCheck : YamlCheck {
  std::shared_ptr<RE2> token, between;

  void run(YamlRun& r) const override {
    for (const auto& u : r.units())
      for (const auto& p : u.pieces) {
        if (!r.applies(p.article)) continue;
        const auto& t = r.text_of(p).text;
        std::string prev;
        uint32_t prev_end = 0;
        bool have = false;
        for_each_match(*token, t, p, [&](uint32_t b, uint32_t e, const Vars& vars) {
          const auto& m = vars.at("match");
          if (have && m == prev && !m.empty()) {
            std::string gap = t.substr(prev_end, b - prev_end);
            if (between ? RE2::FullMatch(gap, *between) : gap.empty()) {
              std::string none;
              r.emit(p, prev_end, e, vars, &none);
            }
          }
          prev = m;
          prev_end = e;
          have = true;
        });
      }
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_repetition(const RuleNode& root) {
  auto c = std::make_unique<RepetitionCheck>();
  if (!root["token"]) throw YamlError{root.Mark(), "kind 'repetition' needs 'token'"};
  c->token = regex(root["token"], "token");
  if (root["between"]) c->between = regex(root["between"], "between");
  return c;
}

}  // namespace tally::rules
