#pragma once
// A byte pre-test for kind: repetition when its token is one bracketed class of literal
// characters: such a token repeats only where one of its characters stands twice in a row, and
// looking for that is a cheap walk over bytes where RE2's search of the pair is not.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tally::rules {

struct DoubledClass {
  std::vector<std::pair<char32_t, char32_t>> ranges;  // members, inclusive
  std::array<bool, 256> lead{};                       // first bytes of members' UTF-8
};

// The class of a pattern written as "[...]" of literal characters and ranges (no escapes, no
// nested brackets, no negation), or nothing when the pattern is anything else.
std::optional<DoubledClass> doubled_class_of(const std::string& pattern);

// Whether text holds a member of c twice in a row (the same code point back to back).
bool has_doubled(std::string_view text, const DoubledClass& c);

}  // namespace tally::rules
