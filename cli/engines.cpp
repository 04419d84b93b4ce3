#include "cli/engines.hpp"

#include <iostream>

namespace tally::cli {

rules::Checker& Engines::for_config(const config::Config& config) {
  std::vector<std::string> folders = config.rules;
  folders.insert(folders.end(), cli_.begin(), cli_.end());
  std::string key;
  for (const auto& f : folders) key += f + '\n';
  auto it = checkers_.find(key);
  if (it == checkers_.end()) {
    auto set = std::make_shared<rules::RuleSet>(rules::load_rules(folders, true));
    for (const auto& e : set->errors) print_rule_error(e);
    load_errors_ += set->errors.size();
    it = checkers_.emplace(key, std::make_unique<rules::Checker>(set)).first;
  }
  return *it->second;
}

void print_rule_error(const rules::RuleError& e) {
  std::cerr << e.str() << "\n";
}

}  // namespace tally::cli
