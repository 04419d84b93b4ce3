#pragma once
// The kinds of YAML rule (docs/rules.md), after Vale's check types: a kind is one file that
// parses its own keys (errors at their file:line:column) into a YamlCheck, whose `run` reports
// what the rule finds, plus one line of the table in yaml_kinds.cpp, from which the loader's
// "unknown kind" message, its key checks and the docs' list of kinds are derived.
#include <re2/re2.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "findings/finding.hpp"
#include "rules/input.hpp"
#include "rules/message.hpp"
#include "rules/rule_tree.hpp"
#include "rules/scope.hpp"
#include "rules/yaml_rule.hpp"
#include "text/logical_text.hpp"

namespace tally::rules {

// One rule run over one document: what a kind's check reads and where its findings go.
struct YamlRun {
  YamlRun(const YamlRule& r, const DocumentInput& i, std::vector<report::Finding>& o)
      : rule(r), in(i), out(o) {}

  const YamlRule& rule;
  const DocumentInput& in;
  std::vector<report::Finding>& out;

  // The rule's scope cut into units (computed on first use: `fact` rules need none).
  const std::vector<Unit>& units();

  // By the article's index in the document: `in.articles` may hold some of them only (an
  // editor's re-check runs a per-article rule on the articles an edit touched).
  const parse::Article& article(int a) const { return in.doc->articles[a]; }
  const text::LogicalText& text_of(const Piece& p) const {
    return article(p.article).blocks[p.block].text;
  }
  // Whether the rule's `languages` include article `a`'s.
  bool applies(int a) const;
  // The language to word article `a`'s messages and labels in: the article's, unless the check
  // asks for the other (CheckSettings::messages).
  const std::string& message_language(int a) const {
    return in.messages.empty() ? article(a).language : in.messages;
  }
  // Reports logical bytes [lb, le) of a piece's block, with an optional replacement for them.
  void emit(const Piece& p, uint32_t lb, uint32_t le, const Vars& vars,
            const std::string* replacement = nullptr);
  void emit_span(int a, Span s, const Vars& vars, const std::string* replacement = nullptr,
                 std::vector<report::Related> related = {});
  // A finding at span `s` of article `a` with a message already filled and the fix as given,
  // on any line (the kinds moved from Lua offer the fixes their Lua versions offered). Null past
  // kMaxFindingsPerRule.
  report::Finding* emit_finding(int a, Span s, std::string message,
                                std::optional<report::Fix> fix = std::nullopt);
  // `texts` (a message of the rule, {zh, en}) in article `a`'s message language, filled.
  std::string worded(const std::map<std::string, std::string>& texts, int a,
                     const Vars& vars) const {
    return fill(pick_language(texts, message_language(a)), vars);
  }
  // Findings kept so far; past kMaxFindingsPerRule the rest are counted in `dropped`, and the
  // check says so in a notice (a page of 400,000 unclosed brackets is not 400,000 findings).
  size_t emitted = 0, dropped = 0;

 private:
  std::vector<Unit> units_;
  bool have_units_ = false;
};

// A kind's keys, compiled.
class YamlCheck {
 public:
  virtual ~YamlCheck() = default;
  virtual void run(YamlRun& run) const = 0;
  // Whether run() may join findings of several articles into one (halfwidth's merge_message):
  // such a rule's findings are the whole document's, never one article's alone.
  virtual bool joins_articles() const { return false; }
};

struct YamlKind {
  std::string_view name;
  std::vector<std::string_view> keys;  // the kind's own keys
  Scope default_scope;
  // Builds the check from the rule's mapping; throws YamlError.
  std::unique_ptr<const YamlCheck> (*parse)(const RuleNode& rule);
};

// Every kind, in the order docs/rules.md lists them.
const std::vector<YamlKind>& yaml_kinds();
const YamlKind* find_yaml_kind(std::string_view name);
// "pattern, substitution, …": for messages and docs.
std::string yaml_kind_names();

// Every match of `re` in the piece, as logical offsets plus "match" and "1".."9" captures.
void for_each_match(const RE2& re, const std::string& text, const Piece& p,
                    const std::function<void(uint32_t, uint32_t, const Vars&)>& f);

}  // namespace tally::rules
