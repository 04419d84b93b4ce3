#pragma once
// Checks documents against a rule set: facts are extracted once, every YAML rule and every Lua
// rule in force runs, settings (disabled rules, severities) apply, and findings come out sorted.
// A Checker owns a Lua state and is used by one thread at a time; make one per thread.
#include <memory>
#include <set>

#include "findings/finding.hpp"
#include "findings/notice.hpp"
#include "findings/settings.hpp"
#include "parse/document.hpp"
#include "rules/article_memo.hpp"
#include "rules/lua_rules.hpp"
#include "rules/rule_set.hpp"

namespace tally::rules {

struct CheckResult {
  std::vector<report::Finding> findings;
  std::vector<RuleError> errors;        // rules that failed on this document
  std::vector<report::Notice> notices;  // rules that could not run on it, and why
};

// The findings of an edition's rules (on_edition), by page.
struct EditionResult {
  std::vector<std::vector<report::Finding>> findings;  // one list per page, sorted
  std::vector<RuleError> errors;
};

// One page of an edition: a parsed document and its bytes.
struct EditionPage {
  const parse::Document* doc = nullptr;
  std::string_view bytes;
};

class Checker {
 public:
  explicit Checker(std::shared_ptr<const RuleSet> rules);
  CheckResult check(const parse::Document& doc, std::string_view bytes,
                    const CheckSettings& settings);
  // The same result, with the articles' Lua rules shared out between this checker and
  // `helper` (another Lua state, of the same rule set, used by no one else meanwhile) on two
  // threads: for one large draft at a time, an editor's, while a second core would idle.
  // Articles are taken in turn by whichever thread is free and merged back in article order;
  // a rule that fails on an article loses its findings on the later ones, as in check().
  CheckResult check(const parse::Document& doc, std::string_view bytes,
                    const CheckSettings& settings, Checker& helper);
  // Runs the rules' on_edition over the pages of an edition, in the order given (the first is
  // the front page). Only on_edition runs: each page's own check is check()'s.
  EditionResult check_edition(const std::vector<EditionPage>& pages, const CheckSettings& settings);
  // The same result, reusing from `memo` the Lua findings of the articles an edit did not touch
  // (rules/article_memo.hpp) and refilling it: for an editor re-checking one document. Falls
  // back to check() whenever reuse could differ from it (a rule error, a rule near its budget).
  // `two_threads`: extract the articles' facts on two threads (a core is free).
  CheckResult check(const parse::Document& doc, std::string_view bytes,
                    const CheckSettings& settings, ArticleMemo& memo, bool two_threads = false);
  // A flag that stops the Lua rules once set (LuaSandbox::set_cancel); nullptr for none.
  void set_cancel(const std::atomic<bool>* cancel) { lua_->set_cancel(cancel); }
  const RuleSet& rules() const { return *rules_; }
  const std::shared_ptr<const RuleSet>& rules_ptr() const { return rules_; }

 private:
  // The settings with the rules that cannot run on `doc` (rules/requirements.hpp) turned off,
  // and the notices saying so.
  CheckSettings gated(const parse::Document& doc, const CheckSettings& settings,
                      std::vector<report::Notice>& notices) const;
  std::function<bool(const LuaRule&)> active_rules(const CheckSettings& settings) const;
  // A rule that reached its finding cap on the document adds a notice naming it.
  void run_yaml(const DocumentInput& in, const CheckSettings& settings,
                std::vector<report::Finding>& findings, std::vector<report::Notice>& notices) const;

  std::shared_ptr<const RuleSet> rules_;
  std::unique_ptr<LuaRules> lua_;
};

}  // namespace tally::rules
