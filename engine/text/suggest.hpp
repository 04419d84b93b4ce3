#pragma once
// "Did you mean …?": the nearest of a list of known names to a misspelt one. One helper for
// every place a user types a name Tally knows (commands, rule ids in flags, .tally.yml and the
// HTTP API), so that they all suggest the same way.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tally::text {

// Edits (insert, delete, substitute, swap two neighbours) between two strings, counted in code
// points and ignoring ASCII case; invalid UTF-8 counts byte by byte.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, when it is near enough to be a typo: at most a third of the
// word's length in edits (at least one). The first of equally near candidates wins.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

// "; did you mean 'x'?" for the closest candidate, or "" when none is near.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace tally::text
