// The whole check with every shipped rule (YAML and Lua) on arbitrary text: every finding and its
// fix sound by report::check_fix (spans inside the input on character boundaries, edits in order
// and apart, each fix on what its finding points at).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "findings/fix_check.hpp"
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
    tally::Span reach{0, static_cast<uint32_t>(src.bytes.size())};
    if (f.article >= 0 && static_cast<size_t>(f.article) < doc.articles.size())
      reach = doc.articles[f.article].extent();
    auto bad = tally::report::check_fix(src.bytes, f, reach);
    if (!bad.empty()) {
      std::fprintf(stderr, "%s: %s\n", f.rule.c_str(), bad.c_str());
      __builtin_trap();
    }
  }
  return 0;
}
