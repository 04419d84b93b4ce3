#include "rules/checker.hpp"

#include <algorithm>

#include "facts/extract.hpp"
#include "rules/input.hpp"
#include "rules/yaml_kinds.hpp"

namespace tally::rules {

bool rule_enabled(const std::string& id, const CheckSettings& s) {
  if (!s.only.empty() && std::none_of(s.only.begin(), s.only.end(),
                                      [&](const auto& p) { return rule_matches(p, id); }))
    return false;
  for (const auto& d : s.disabled)
    if (rule_matches(d, id)) return false;
  return true;
}

Checker::Checker(std::shared_ptr<const RuleSet> rules)
    : rules_(std::move(rules)), lua_(rules_->limits, module_lookup()) {
  // Errors loading these files were reported when the set was loaded.
  for (const auto& f : rules_->lua_files) lua_.load_file(f.path, f.folder, f.text);
}

CheckResult Checker::check(const parse::Document& doc, std::string_view bytes,
                           const CheckSettings& settings) {
  CheckResult res;
  auto facts = facts::extract_document_facts(doc);
  auto in = prepare_input(doc, bytes, facts);
  for (const auto& r : rules_->yaml)
    if (rule_enabled(r.info.id, settings)) run_yaml_rule(r, in, res.findings);
  lua_.run(
      in,
      [&](const LuaRule& r) {
        auto it = rules_->owner.find(r.info.id);
        return it != rules_->owner.end() && it->second == r.info.file &&
               rule_enabled(r.info.id, settings);
      },
      res.findings, res.errors);
  for (auto& f : res.findings)
    if (auto it = settings.severity.find(f.rule); it != settings.severity.end())
      f.severity = it->second;
  report::sort_findings(res.findings);
  // A rule reporting one place twice (a fact seen from two sides) says it once.
  res.findings.erase(std::unique(res.findings.begin(), res.findings.end(),
                                 [](const report::Finding& a, const report::Finding& b) {
                                   return a.rule == b.rule && a.span == b.span &&
                                          a.message == b.message;
                                 }),
                     res.findings.end());
  return res;
}

}  // namespace tally::rules
