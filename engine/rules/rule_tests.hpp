#pragma once
// Rule tests: NAME.test.yaml beside a rule lists texts that must pass and texts that must fire,
// with the span (by quoted substring), message and fix expected, and the accepted false alarms
// (`known_misfire:`, LanguageTool's triggers_error). Format in docs/rules.md.
#include <map>
#include <string>
#include <vector>

#include "parse/parse.hpp"
#include "rules/checker.hpp"

namespace tally::rules {

struct RuleTestResult {
  std::string file;
  int line = 0;  // of the case in the test file
  std::string rule;
  bool passed = false;
  bool known = false;  // a known_misfire case that still fires: accepted, counted apart
  std::string detail;  // what went wrong
};

// The cases one test file holds, by section.
struct TestCoverage {
  std::string rule;
  size_t fire = 0, pass = 0, known = 0;
};

struct RuleTestReport {
  std::vector<RuleTestResult> results;
  std::vector<RuleError> errors;                 // test files that could not be read
  std::map<std::string, TestCoverage> coverage;  // test file -> its cases
  size_t passed() const;                         // known misfires included
  size_t known() const;
  size_t failed() const;
};

RuleTestReport run_rule_tests(Checker& checker, const std::vector<std::string>& test_files);

// Checks a rule test's text (or an example): a text with form feeds is an edition whose pages
// are the parts between them ("page-1.txt", …), each checked alone, then the edition's rules
// over all; findings come back with spans (related spans of other pages included, their `file`
// cleared) as offsets in `text`. `error` is set when a part is not valid input.
CheckResult check_pages(Checker& checker, const std::string& text, const parse::ParseOptions& opts,
                        const CheckSettings& settings, std::string& error);

// Holds each rule of `rules` to what a shipped rule must prove, adding a result per failure to
// `rep` (after run_rule_tests filled its coverage): NAME.test.yaml beside the rule's file
// (rules/FAMILY/NAME.*), with at least one fire case and one pass case, and an `example:` that
// fires (read as plain lines; as published today when the rule needs a publication date).
void prove_rules(Checker& checker, const std::vector<const RuleInfo*>& rules, RuleTestReport& rep);

}  // namespace tally::rules
