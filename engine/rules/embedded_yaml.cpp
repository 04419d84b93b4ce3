#include "rules/embedded_yaml.hpp"

#include "rules/source_hash.hpp"

namespace tally::rules {

bool embedded_yaml_trees(std::string_view rel, std::string_view source,
                         std::vector<RuleTree>& docs) {
  for (const auto& e : embedded_yaml())
    if (rel == e.path)
      return e.source_hash == source_hash(source) &&
             decode_rule_trees(std::string_view(e.data, e.size), docs);
  return false;
}

}  // namespace tally::rules
