#pragma once
// Rule sets and checkers for the CLI: one per combination of rule folders (from --rules and the
// .tally.yml that applies), loaded once, with their load errors reported once.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "rules/checker.hpp"

namespace tally::cli {

class Engines {
 public:
  explicit Engines(std::vector<std::string> cli_folders) : cli_(std::move(cli_folders)) {}
  // The checker for a file whose config is `config`; prints rule load errors the first time.
  rules::Checker& for_config(const config::Config& config);
  size_t load_errors() const { return load_errors_; }
  // The first checker loaded (its rules describe the run), or null when none was needed.
  rules::Checker* any() const {
    return checkers_.empty() ? nullptr : checkers_.begin()->second.get();
  }

 private:
  std::vector<std::string> cli_;
  std::map<std::string, std::unique_ptr<rules::Checker>> checkers_;
  size_t load_errors_ = 0;
};

void print_rule_error(const rules::RuleError& e);

}  // namespace tally::cli
