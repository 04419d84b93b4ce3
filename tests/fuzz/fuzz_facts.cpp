// The fact extractors (numbers, quantities, rates, dates, counts, lists, pairs, quotes) on
// whatever the parser makes of the input, and the records rules read.
#include <cstddef>
#include <cstdint>
#include <string>

#include "facts/extract.hpp"
#include "facts/records.hpp"
#include "parse/parse.hpp"
#include "text/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto loaded = tally::text::make_source("fuzz.txt", bytes);
  if (!loaded.source) return 0;
  auto doc = tally::parse::parse_document(*loaded.source);
  auto facts = tally::facts::extract_document_facts(doc);
  for (size_t i = 0; i < facts.size() && i < doc.articles.size(); ++i)
    tally::facts::fact_records(doc.articles[i], facts[i]);
  return 0;
}
