#pragma once
// Paired delimiters: “…”, ‘…’, 《…》, （…）, (…), 「…」, 『…』 and ASCII "…". Pairs are matched
// within a block; marks left unpaired are recorded as they are, never guessed away.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tally::facts {

struct Pair {
  uint32_t open = 0, close = 0;  // logical byte offsets of the two marks
  uint32_t open_len = 0, close_len = 0;
  std::string kind;  // the opening mark: "“", "《", "(", "\"", …
};

struct Unpaired {
  uint32_t at = 0, len = 0;
  std::string mark;
  bool opener = true;
};

struct Pairs {
  std::vector<Pair> pairs;
  std::vector<Unpaired> unpaired;
};

Pairs find_pairs(std::string_view text);

}  // namespace tally::facts
