#pragma once
// Anchored RE2 matches with capture groups, at the cost of the match rather than of the text
// after it.
//
// RE2::Match anchored at the start and asked for groups runs its backtracker straight over the
// text from the start to the end when the text is short enough for it (as a block or a
// paragraph is): each call clears a bitmap of every byte to the end and walks it, which made
// the date patterns tried at each place a date may start cost thousands of instructions a try.
// Finding the match's extent first with the DFA (one group asked: no bitmap), then reading the
// groups over that extent only, gives the same groups: it is the path RE2 takes itself for
// longer texts (DFA for the extent, then a full match of it for the groups).
#include <re2/re2.h>

#include <cstddef>

namespace tally::facts {

// Matches `re` anchored at byte `pos` of `text` (the bytes before it are context for \b);
// fills groups[0..n) as RE2::Match would. `re` must not end in $ (none of the callers' do).
inline bool match_at(const RE2& re, re2::StringPiece text, size_t pos, re2::StringPiece* groups,
                     int n) {
  re2::StringPiece whole;
  if (!re.Match(text, pos, text.size(), RE2::ANCHOR_START, &whole, 1)) return false;
  if (n <= 1) {
    if (n == 1) groups[0] = whole;
    return true;
  }
  return re.Match(text, pos, pos + whole.size(), RE2::ANCHOR_BOTH, groups, n);
}

}  // namespace tally::facts
