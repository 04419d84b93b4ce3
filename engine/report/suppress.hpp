#pragma once
// Suppression comments in Markdown drafts, as markdownlint and textlint users expect:
//   <!-- tally-disable RULE... -->  ...  <!-- tally-enable RULE... -->   (no RULE: every rule)
//   <!-- tally-disable-next-line RULE... -->   the line after the comment
//   <!-- tally-disable-line RULE... -->        the comment's own line
// RULE may end in ".*" for a pack ("punct.*"). Plain-text drafts have no comments; use the
// .tally.yml ignore entries for them.
#include <string>
#include <string_view>
#include <vector>

#include "findings/finding.hpp"
#include "parse/document.hpp"
#include "text/line_index.hpp"

namespace tally::report {

struct Directive {
  enum Kind { Disable, Enable, DisableNextLine, DisableLine } kind;
  std::vector<std::string> rules;  // empty: every rule
  size_t offset = 0;               // where the comment starts
  size_t line = 0;                 // 1-based line the comment ends on
};

std::vector<Directive> find_directives(std::string_view bytes, const text::LineIndex& index);

// Removes the findings that Markdown suppression comments in `bytes` turn off.
void apply_suppressions(const parse::Document& doc, std::string_view bytes,
                        std::vector<Finding>& findings);

}  // namespace tally::report
