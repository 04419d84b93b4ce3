#pragma once
// Every fact of an article as a flat record (JSON object) with the field names documented in
// docs/facts.md. One shape serves `tally facts`, the YAML `fact` rule kind and the Lua view, so
// a field a rule author reads is the field `tally facts` shows.
#include <nlohmann/json.hpp>

#include "facts/extract.hpp"
#include "parse/document.hpp"

namespace tally::facts {

// Records in reading order. Each has "type", "text" (as written, logical), "span" {"begin",
// "end"} in original bytes, "block", "lbegin"/"lend" (logical bytes within the block), and
// "sentence"/"clause" (0-based indices within the block), plus the fields of its type.
nlohmann::json fact_records(const parse::Article& article, const ArticleFacts& facts);

const char* rate_unit_name(RateUnit u);
const char* date_kind_name(DateKind k);

}  // namespace tally::facts
