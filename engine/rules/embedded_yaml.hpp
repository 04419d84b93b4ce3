#pragma once
// The shipped YAML rule files parsed at build time (engine/tools/yaml_tree.cpp): each file's
// documents as RuleTrees in their compact form (rules/rule_tree.hpp), so that start-up rebuilds
// the trees instead of running yaml-cpp's scanner over 15 KB of YAML (about 19 M instructions).
// Each entry carries the hash of the text it was parsed from: a tree is used only for exactly
// that text, so an edited rules/ file is never shadowed by a stale entry.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "rules/rule_tree.hpp"

namespace tally::rules {

struct EmbeddedYaml {
  const char* path;  // relative to the rules folder: "percent/recompute.yaml"
  const char* data;  // encode_rule_trees() of its documents
  size_t size;
  uint64_t source_hash;  // source_hash() of the text it was parsed from
};

std::span<const EmbeddedYaml> embedded_yaml();

// The documents of embedded file `rel` when its tree was made from exactly `source`; false
// otherwise (the caller then parses the text).
bool embedded_yaml_trees(std::string_view rel, std::string_view source,
                         std::vector<RuleTree>& docs);

}  // namespace tally::rules
