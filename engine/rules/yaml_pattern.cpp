// kind: pattern. An RE2 `pattern` found in each unit of the scope (with an optional `fix`
// template and an `unless` pattern the match must not contain), and/or a `must_match` pattern
// each unit must contain somewhere.
#include "rules/yaml_kind.hpp"
#include "rules/yaml_node.hpp"

namespace tally::rules {

namespace {

struct PatternCheck : YamlCheck {
  std::shared_ptr<RE2> pattern, must_match, unless;
  std::string fix;  // replacement template ("{1}", "{match}")

  void run(YamlRun& r) const override {
    for (const auto& u : r.units()) {
      if (u.pieces.empty()) continue;
      if (pattern)
        for (const auto& p : u.pieces) {
          if (!r.applies(p.article)) continue;
          const auto& t = r.text_of(p).text;
          for_each_match(*pattern, t, p, [&](uint32_t b, uint32_t e, const Vars& vars) {
            if (unless && RE2::PartialMatch(vars.at("match"), *unless)) return;
            std::string filled = fill(fix, vars);
            r.emit(p, b, e, vars, fix.empty() ? nullptr : &filled);
          });
        }
      if (must_match) missing(r, u);
    }
  }

  // A unit without a match of `must_match` is reported over its whole span (its first piece's
  // when it runs over blocks).
  void missing(YamlRun& r, const Unit& u) const {
    const auto& first = u.pieces.front();
    if (!r.applies(first.article)) return;
    for (const auto& p : u.pieces) {
      re2::StringPiece whole(r.text_of(p).text);
      if (must_match->Match(whole, p.lbegin, p.lend, RE2::UNANCHORED, nullptr, 0)) return;
    }
    const auto& last = u.pieces.back();
    Span s{r.text_of(first).to_original(first.lbegin, first.lend).begin,
           r.text_of(last).to_original(last.lbegin, last.lend).end};
    if (first.article != last.article || first.block != last.block)
      s = r.text_of(first).to_original(first.lbegin, first.lend);
    r.emit_span(first.article, s, {});
  }
};

}  // namespace

std::unique_ptr<const YamlCheck> parse_pattern(const RuleNode& root) {
  auto c = std::make_unique<PatternCheck>();
  if (root["pattern"]) c->pattern = regex(root["pattern"], "pattern");
  if (root["must_match"]) c->must_match = regex(root["must_match"], "must_match");
  if (root["unless"]) c->unless = regex(root["unless"], "unless");
  if (root["fix"]) c->fix = scalar(root["fix"], "fix");
  if (!c->pattern && !c->must_match)
    throw YamlError{root.Mark(), "kind 'pattern' needs 'pattern' or 'must_match'"};
  return c;
}

}  // namespace tally::rules
