#pragma once
// Every YAML file Tally reads (.tally.yml, rule files, rule tests) goes through here. libyaml
// checks the syntax first, because yaml-cpp 0.7 loops forever on some malformed input (a ","
// where a document's root should be, found by fuzzing), and aliases are counted so a "billion
// laughs" file cannot expand into exponential work. Problems are thrown as YAML::ParserException
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
