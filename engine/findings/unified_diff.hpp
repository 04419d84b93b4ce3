#pragma once
// A unified diff of a text before and after a set of edits, as `diff -u` writes it and `patch`
// reads it: what `tally check --diff` prints, so that `patch -p0 < fixes.diff` makes the same
// files `--fix` would. Built from the edits themselves (no line matching): each hunk holds the
// lines the edits touch and three lines of context around them.
#include <string>
#include <string_view>
#include <vector>

#include "findings/finding.hpp"

namespace tally::report {

// "" when `edits` is empty. `edits` in file order, none overlapping (a FixPlan's). `path` names
// the file on both the "---" and "+++" lines.
std::string unified_diff(const std::string& path, std::string_view bytes,
                         const std::vector<Edit>& edits);

}  // namespace tally::report
