#pragma once
// Paired marks: quotation marks and brackets, “…”, ‘…’, 《…》, （…）, (…), 「…」, 『…』, "…". One
// mechanism serves the `pair` and `unpaired` facts and the YAML `pair` rule kind (with the marks
// the rule names), so that what a rule reports as unbalanced is what `tally facts` shows.
//
// What it knows, in both languages:
// - An apostrophe is not a closing quote: ’ or ' between letters ("didn’t", "Xi’an", "O’Brien"),
//   before a digit or after a space before a letter ("’90s", "rock ’n’ roll"), after a word
//   when no single quote is open ("companies’"), ’s after a closing bracket or quote ("(EU)’s"),
//   and a plural's ’ inside a single quotation whose own closing mark follows ("‘the editors’
//   views’"). CJK characters are not letters here: "‘好’的" is a quotation.
// - ASCII " does not say which way it faces; its neighbours do: after a space and before a word
//   it opens, after a word and before a space or punctuation it closes.
// - A quotation running over paragraphs opens each paragraph with its opening mark and closes
//   only at the end of the last (the convention in Chinese and English copy): an opener left
//   open at the end of a block whose next block starts with the same mark is continued, not
//   unpaired. Where paragraphs were merged into one line (archived copy), a new opening " at the
//   start of a sentence while one is open continues the quotation the same way.
// - Archived copy also split sentences into paragraphs (around an italicised word): a block that
//   ends mid-sentence (no . ? ! : or closing quote last) followed by one that goes on in
//   lowercase carries its open quotation marks into it; one never closed is reported where it is.
// Pairs are matched within a block; marks left unpaired are recorded as they are.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tally::facts {

struct MarkPair {
  std::string open, close;  // equal for ASCII quotes
};

// Every quotation mark and bracket the `pair` facts track.
const std::vector<MarkPair>& quote_and_bracket_marks();

struct Pair {
  uint32_t open = 0, close = 0;  // logical byte offsets of the two marks
  uint32_t open_len = 0, close_len = 0;
  std::string kind;  // the opening mark: "“", "《", "(", "\"", …
};

struct Unpaired {
  uint32_t at = 0, len = 0;
  std::string mark;
  bool opener = true;
  uint32_t pair = 0;  // index of its MarkPair
};

struct Pairs {
  std::vector<Pair> pairs;
  std::vector<Unpaired> unpaired;  // by position
};

// The marks of one block.
Pairs find_pairs(std::string_view text, const std::vector<MarkPair>& marks);
inline Pairs find_pairs(std::string_view text) {
  return find_pairs(text, quote_and_bracket_marks());
}

// The marks of consecutive blocks (the paragraphs of an article, in order), one Pairs per
// block, with the continued-quotation convention applied between them.
std::vector<Pairs> find_pairs_in_blocks(const std::vector<std::string_view>& blocks,
                                        const std::vector<MarkPair>& marks);

}  // namespace tally::facts
