#include "rules/yaml_local.hpp"

#include <algorithm>
#include <string_view>

#include "rules/yaml_kind.hpp"

namespace tally::rules {

bool yaml_rule_per_article(const YamlRule& rule) {
  // Each of these kinds reads one scope unit or one article's facts at a time and keeps nothing
  // from one article to the next (their run() in rules/yaml_NAME.cpp). A kind added later stays
  // off this list until the same is true of it. A rule whose check joins articles' findings
  // into one (halfwidth with a merge_message) is not either: only a run on every article
  // makes that finding.
  static constexpr std::string_view kinds[] = {
      "pattern",   "substitution", "pair",        "repetition", "consistency", "fact",
      "breakdown", "enumeration",  "weekday",     "elapsed",    "age",         "change",
      "rate",      "range",        "restatement", "partition",  "ranking",     "future",
      "sequence",  "halfwidth",    "fragment",    "repair"};
  return rule.scope != Scope::Document && !rule.check->joins_articles() &&
         std::find(std::begin(kinds), std::end(kinds), rule.info.kind) != std::end(kinds);
}

}  // namespace tally::rules
