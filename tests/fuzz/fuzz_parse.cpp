// The parser: pages (hard-wrapped columns) and Markdown, chosen by the first byte, with every
// block's span inside the input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "parse/parse.hpp"
#include "text/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const char* name = data[0] & 1 ? "fuzz.md" : "fuzz.txt";
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto loaded = tally::text::make_source(name, bytes);
  if (!loaded.source) return 0;
  auto doc = tally::parse::parse_document(*loaded.source);
  for (const auto& a : doc.articles)
    for (const auto& b : a.blocks)
      if (b.span.begin > b.span.end || b.span.end > loaded.source->bytes.size()) __builtin_trap();
  return 0;
}
