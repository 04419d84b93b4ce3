#pragma once
// Whether a finding's suggested fix is one an editor can apply as meant: every span inside the
// text and cut on UTF-8 character boundaries, the edits in file order and not overlapping, and
// the fix on what the finding points at. A fix elsewhere replaces text the editor was never
// shown. Checked on every rule test case (`tally test-rules`) and by the fuzz_check target over
// the shipped rules.
#include <string>
#include <string_view>

#include "findings/finding.hpp"

namespace tally::report {

// "" when `f` (found in `bytes`) and its fix are sound; otherwise what is wrong, naming the
// edit ("fix edit 2 [10, 13) …"). A fix of one edit must overlap or touch the finding's span or
// one of its related spans. A fix of several edits stands for marks spread over the finding's
// article (an article set in ASCII punctuation throughout gets one finding and one fix): one of
// them must meet the finding, and all must lie within the finding's span or `reach`, the
// article's extent (the whole text for a finding of the document, article -1).
std::string check_fix(std::string_view bytes, const Finding& f, Span reach);

}  // namespace tally::report
