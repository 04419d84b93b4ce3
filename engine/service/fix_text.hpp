#pragma once
// Applying suggested fixes until none is left to apply: the fix engine the CLI (`--fix`,
// `--diff`) and the C API (tally_fix) share. Each pass checks the text, chooses fixes with
// report::plan_fixes (fixed order; overlapping ones left for the next pass) and applies them;
// passes stop when a check offers nothing more to fix (at most kMaxFixPasses), so that running
// it again on its own output changes nothing.
#include <string>
#include <vector>

#include "findings/fix_plan.hpp"
#include "report/baseline.hpp"
#include "service/engine.hpp"
#include "text/line_index.hpp"

namespace tally::service {

inline constexpr size_t kMaxFixPasses = 10;

// A fix left out of a pass because it overlapped one applied before it in the same pass.
struct FixConflictNote {
  size_t pass = 1;              // 1 for the text as read; positions are in that pass's text
  std::string rule, kept_rule;  // the fix left out, the fix applied
  text::Position at, kept_at;   // where each fix starts
  bool applied_later = false;   // a later pass applied it (or it was no longer offered)
};

struct FixRun {
  std::string bytes;                // the text with the fixes applied
  std::vector<report::Edit> edits;  // from the text as read to `bytes`, in file order
  size_t fixes = 0;                 // fixes applied, every pass counted
  size_t passes = 0;                // checks that applied something
  bool settled = true;              // the last check offered nothing more to fix
  std::vector<FixConflictNote> conflicts;
  CheckOutcome last;  // the check of `bytes` (its findings are what is left)
};

// Fixes `source` with the fixes of the rules `only` names (every rule when empty). `first` is a
// check of `source` already made with `request` (the CLI has one), or null to make it here.
// `known` (a `.tally-ignore` or --baseline, or null): findings it lets stand are not fixed; it
// is asked afresh in every pass, as the report of that pass's text would be
// (report::known_findings), so a known finding a fix moves stays known.
FixRun fix_text(Engine& engine, const text::Source& source, const CheckRequest& request,
                const std::vector<std::string>& only, const CheckOutcome* first = nullptr,
                const report::Baseline* known = nullptr);

}  // namespace tally::service
