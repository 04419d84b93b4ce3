#pragma once
// Which suggested fixes to apply to a text, and the text once they are applied: the one fix
// engine behind `tally check --fix`/`--diff`, the C API's tally_fix and the language server's
// "fix all of this rule" action. Fixes are chosen in a fixed order (by where they start, then by
// rule id, then by where they end), and a fix any of whose edits overlaps an edit already chosen
// is left out and reported, so that two runs on the same text always choose the same fixes.
#include <string>
#include <string_view>
#include <vector>

#include "findings/finding.hpp"

namespace tally::report {

// A fix left out because it overlaps one chosen before it (indices into the findings given).
struct FixConflict {
  size_t dropped = 0;
  size_t kept = 0;
};

struct FixPlan {
  std::vector<size_t> applied;         // findings whose fixes are applied, in the order chosen
  std::vector<FixConflict> conflicts;  // fixes left out, in the order met
  std::vector<Edit> edits;             // every edit applied, in file order, none overlapping
};

// Whether `rule` is named by `pattern`: the id itself, or "prefix.*" for a pack.
bool rule_named(const std::string& pattern, const std::string& rule);

// Chooses the fixes of `findings` over `bytes` to apply: those of the rules `only` names (every
// rule when it is empty), skipping fixes that change nothing. In a file whose lines end in
// "\r\n", a line break a fix brings in ("\n") is written "\r\n" too.
FixPlan plan_fixes(std::string_view bytes, const std::vector<Finding>& findings,
                   const std::vector<std::string>& only = {});

// `bytes` with `edits` (in file order, none overlapping) applied.
std::string apply_edits(std::string_view bytes, const std::vector<Edit>& edits);

// Edits against an original text that make the same text as `total` (against that original)
// followed by `later` (against the text `total` made, given as `current`): what a second pass of
// fixes adds to the first, so that one diff shows every pass. Edits that meet are joined into one.
std::vector<Edit> compose_edits(std::string_view current, const std::vector<Edit>& total,
                                const std::vector<Edit>& later);

}  // namespace tally::report
