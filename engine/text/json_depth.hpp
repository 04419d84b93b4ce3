#pragma once
// How deeply JSON text nests, found in one pass over its bytes before it is parsed. nlohmann's
// parser and destructor walk any depth without recursion, but copying a value and dump() recurse:
// an archive line or request whose "id" nests a million arrays deep would overflow the stack when
// it is copied into the result. Readers refuse such text first (docs/robustness.md).
#include <cstddef>
#include <optional>
#include <string_view>

namespace tally::text {

// Deeper than any request, LSP message or record Tally reads needs (theirs nest a few levels).
inline constexpr size_t kMaxJsonDepth = 128;

// The byte offset of the first '[' or '{' that opens a level deeper than `limit`, outside strings;
// nullopt when the text never nests that deep. The text need not be valid JSON.
std::optional<size_t> json_too_deep(std::string_view text, size_t limit = kMaxJsonDepth);

}  // namespace tally::text
