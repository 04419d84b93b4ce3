#pragma once
// How deeply a YAML file nests, found in one pass over its bytes before any parser sees it.
// libyaml rescans its stack of possible simple keys at every token, so a rule file nested 80,000
// flow levels deep ("{a: {a: …", 320 KB) took 41 s to be refused; yaml-cpp's node builder
// recurses once per level. Tally's own files nest a few levels; anything deeper than the limit
// is refused with its position (docs/robustness.md).
#include <cstddef>
#include <optional>
#include <string_view>

namespace tally::config {

inline constexpr size_t kMaxYamlDepth = 64;

struct YamlDepthAt {
  size_t line = 0, column = 0, offset = 0;  // 0-based, of the token that opens the level
};

// Where the first level deeper than `limit` opens: flow collections ('[' '{' outside quoted
// scalars and comments) and block collections (each deeper indentation, each "- " or "? " that
// opens a compact collection on its line), counted together. nullopt when the text never nests
// that deep. The text need not be valid YAML; block scalars' lines are skipped.
std::optional<YamlDepthAt> yaml_too_deep(std::string_view text, size_t limit = kMaxYamlDepth);

}  // namespace tally::config
