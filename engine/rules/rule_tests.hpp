#pragma once
// Rule tests: NAME.test.yaml beside a rule lists texts that must pass and texts that must fire,
// with the span (by quoted substring), message and fix expected. Format in docs/rules.md.
#include <string>
#include <vector>

#include "rules/checker.hpp"

namespace tally::rules {

struct RuleTestResult {
  std::string file;
  int line = 0;  // of the case in the test file
  std::string rule;
  bool passed = false;
  std::string detail;  // what went wrong
};

struct RuleTestReport {
  std::vector<RuleTestResult> results;
  std::vector<RuleError> errors;  // test files that could not be read
  size_t passed() const;
  size_t failed() const;
};

RuleTestReport run_rule_tests(Checker& checker, const std::vector<std::string>& test_files);

}  // namespace tally::rules
