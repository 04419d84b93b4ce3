#pragma once
// Sentence and clause boundaries, so rules can say "in the same sentence" and "in the next
// clause". Chinese ends sentences at 。！？； (a closing quote after one belongs to the sentence);
// English at . ! ? before a space and a capital, not after common abbreviations or inside numbers.
#include <cstdint>
#include <string_view>
#include <vector>

namespace tally::facts {

struct Clause {
  uint32_t begin = 0, end = 0;  // logical bytes, without the separator
  bool qizhong = false;  // opens with "其中" / "of whom" / "including": a part of what precedes
};

struct Sentence {
  uint32_t begin = 0, end = 0;  // logical bytes, final punctuation included
  std::vector<Clause> clauses;
};

std::vector<Sentence> split_sentences(std::string_view text);

}  // namespace tally::facts
