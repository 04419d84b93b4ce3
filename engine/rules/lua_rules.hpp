#pragma once
// Rules written in Lua. A file declares rules with tally.rule{ id = …, on_article = function(
// article, report) … end }; each runs once per article under the sandbox's limits, and an error
// in one (a bug, a loop, a runaway allocation) becomes a rule error while the others still run.
// One LuaRules per thread: a Lua state is not shared.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "findings/finding.hpp"
#include "findings/rule_info.hpp"
#include "rules/input.hpp"
#include "rules/lua_sandbox.hpp"
#include "rules/lua_view.hpp"

namespace tally::rules {

struct LuaRule {
  RuleInfo info;
  int on_article = 0;  // registry reference; 0 for a rule of the edition only
  int on_edition = 0;  // registry reference of on_edition(edition, report); 0 for none
  // tally.rule{ merge = {zh = …, en = …} }: the message of one finding for a document in which
  // several articles got a grouped finding of this rule (merge_grouped.hpp); empty: no merging.
  std::map<std::string, std::string> merge_message;
};

class LuaRules {
 public:
  LuaRules(LuaLimits limits, ModuleLookup modules);
  ~LuaRules();
  LuaRules(const LuaRules&) = delete;
  LuaRules& operator=(const LuaRules&) = delete;

  // Runs a rule file, collecting the rules it declares. `folder` is where its require() looks.
  // `bytecode`: the file compiled at build time, for shipped files only (embedded_bytecode.hpp);
  // empty, or refused by this Lua, and `code` is compiled as text.
  std::vector<RuleError> load_file(const std::string& path, const std::string& folder,
                                   std::string_view code, std::string_view bytecode = {});
  const std::vector<LuaRule>& rules() const { return rules_; }
  // A house rule whose id does not name its folder and file, one per rule (rules/rule_meta.hpp).
  const std::vector<RuleError>& warnings() const { return warnings_; }

  // Runs the rules `active` accepts on every article of `in`. A rule that fails on an article
  // is not run on the articles after it.
  // `capped`, when given, gets the rules that reported more than kMaxFindingsPerRule findings
  // and how many they reported past it (those were not kept).
  void run(const DocumentInput& in, const std::function<bool(const LuaRule&)>& active,
           std::vector<report::Finding>& findings, std::vector<RuleError>& errors,
           std::vector<std::pair<std::string, size_t>>* capped = nullptr);

  // The rules with `on_article` that `active` accepts, in declaration order: the `todo` of
  // run_article. Empty when no Lua rule runs on articles (every shipped per-article check is a
  // YAML kind): then no article view is built, no Lua is called and nothing is collected.
  std::vector<const LuaRule*> select(const std::function<bool(const LuaRule&)>& active) const;
  // Runs `todo`, less the rules `skip` names, on article `k` of `in`: the building block of
  // run() and of checking the articles of one document on two Lua states (Checker::check with
  // a helper). A rule that fails adds its error and leaves none of its findings on the article.
  // `spend` has one entry per rule of rules(), shared by every run_article of one document:
  // the budget, findings and printed output are per rule per document.
  void run_article(const DocumentInput& in, size_t k, const std::vector<const LuaRule*>& todo,
                   const std::function<bool(const LuaRule&)>& skip, RuleSpend* spend,
                   std::vector<report::Finding>& findings, std::vector<RuleError>& errors);
  // Runs the on_edition functions of the rules `active` accepts, once, over the pages of an
  // edition: every page's articles (`refs`, in page order) and the figures two pages give
  // otherwise (`restatements`, indices into `refs`). Each finding added to `findings` has its
  // page (0-based) added to `pages_of`; a rule that fails adds its error and no finding.
  void run_edition(const std::vector<const DocumentInput*>& pages,
                   const std::vector<EditionRef>& refs,
                   const std::vector<facts::EditionRestatement>& restatements,
                   const std::function<bool(const LuaRule&)>& active,
                   std::vector<report::Finding>& findings, std::vector<size_t>& pages_of,
                   std::vector<RuleError>& errors);
  // Before and after the run_article calls of one document on this state (LuaSandbox).
  void begin_document() { sandbox_->begin_document(); }
  // See LuaSandbox::set_cancel: once the flag is set, no further rule runs and the running one
  // stops without an error (the check as a whole is reported cancelled).
  void set_cancel(const std::atomic<bool>* cancel) { sandbox_->set_cancel(cancel); }
  bool cancelled() const { return sandbox_->cancelled(); }
  void end_document() { sandbox_->end_document(); }

 private:
  static int declare(lua_State* L);
  static int report(lua_State* L);
  static int locate(lua_State* L);
  static LuaRules* self(lua_State* L);

  std::unique_ptr<LuaSandbox> sandbox_;
  std::vector<LuaRule> rules_;
  std::vector<RuleError> warnings_;
  std::string loading_;  // the file being loaded, for tally.rule
  int tally_ref_ = 0;    // the frozen `tally` table
  // While a rule runs:
  const DocumentInput* doc_ = nullptr;
  const ArticleInput* article_ = nullptr;
  const LuaRule* rule_ = nullptr;
  std::vector<report::Finding>* out_ = nullptr;
  RuleSpend* spend_ = nullptr;  // the running rule's
  // While on_edition runs: the pages, and the page of each finding reported.
  const std::vector<const DocumentInput*>* edition_ = nullptr;
  std::vector<size_t>* edition_pages_ = nullptr;
  // report()'s work space: members, so that a Lua error leaving report() skips no destructor.
  report::Finding pending_;
  std::map<std::string, std::string> texts_;
  std::vector<report::Edit> edits_;
};

// What a rule may hand to C++ on one document: findings, and bytes of one message or fix text.
// The texts also count against the rule's memory cap.
constexpr size_t kMaxFindingsPerRule = 10'000;
constexpr size_t kMaxReportText = 64u << 10;

// The rules (of `rules`, with `spend` one entry per rule) that reported more findings on one
// document than kMaxFindingsPerRule, with how many more.
std::vector<std::pair<std::string, size_t>> capped_findings(const std::vector<LuaRule>& rules,
                                                            const RuleSpend* spend);

// Related spans of one finding (report{related = …}): the figures a rate or a sum was computed
// from; a list word's items.
constexpr size_t kMaxRelated = 64;

}  // namespace tally::rules
