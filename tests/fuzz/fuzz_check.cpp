// The whole check with every shipped rule (YAML and Lua) on arbitrary text: findings inside the
// input, with fixes inside it too.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "parse/parse.hpp"
#include "rules/checker.hpp"
#include "rules/rule_set.hpp"
#include "text/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static tally::rules::Checker checker(
      std::make_shared<tally::rules::RuleSet>(tally::rules::load_rules({}, true)));
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto loaded = tally::text::make_source("fuzz.txt", bytes);
  if (!loaded.source) return 0;
  const auto& src = *loaded.source;
  auto doc = tally::parse::parse_document(src);
  auto result = checker.check(doc, src.bytes, {});
  for (const auto& f : result.findings) {
    if (f.span.begin > f.span.end || f.span.end > src.bytes.size()) __builtin_trap();
    if (f.fix && (f.fix->span.begin > f.fix->span.end || f.fix->span.end > src.bytes.size()))
      __builtin_trap();
  }
  return 0;
}
