#pragma once
// Every YAML file Tally reads (.tally.yml, rule files, rule tests) goes through here. yaml-cpp
// 0.7 loops forever on some malformed input (a "," or "?" where a document's root should be,
// found by fuzzing), so libyaml checks the syntax first (and counts aliases, so a "billion
// laughs" file cannot expand into exponential work), then yaml-cpp's parser runs once without
// building nodes and is stopped if it starts a second document where the last one started. Problems are thrown as YAML::ParserException
// with the position, like yaml-cpp's own errors.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace tally::config {

// Largest number of nodes a file may stand for once its aliases are expanded.
inline constexpr size_t kMaxYamlNodes = 200000;

std::vector<YAML::Node> load_all_yaml(const std::string& text);
YAML::Node load_yaml(const std::string& text);  // the first document; null when none

}  // namespace tally::config
