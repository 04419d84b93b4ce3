#pragma once
// Every fact of an article as a flat record with the field names documented in docs/facts.md.
// One emitter serves `tally facts` (JSON), the YAML `fact` rule kind (JSON) and the Lua view
// (tables built straight from the facts, no JSON in between), so a field a rule author reads is
// the field `tally facts` shows.
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "facts/extract.hpp"
#include "facts/record_sink.hpp"
#include "parse/document.hpp"

namespace tally::facts {

// Records in reading order (by span start; ties in type order). Each has "type", "text" (as
// written, logical), "span" {"begin", "end"} in original bytes, "block", "lbegin"/"lend"
// (logical bytes within the block), and "sentence"/"clause" (0-based indices within the
// block), plus the fields of its type. With `only_type`, records of that type alone.
void emit_records(const parse::Article& article, const ArticleFacts& facts, RecordSink& sink,
                  std::string_view only_type = {});

// The records of one kind, in the order emit_records lists them (the Lua view builds each of its
// lists when a rule first reads it).
void emit_records_of(const parse::Article& article, const ArticleFacts& facts, RecordKind kind,
                     RecordSink& sink);

// The kind of each record emit_records lists, in its order: the k-th record of kind K there is
// the next one emit_records_of(K) lists.
std::vector<RecordKind> record_order(const ArticleFacts& facts);

// Index of the sentence of `sentences` (one block's) holding logical offset `at`, and of the
// clause within it; -1 when none does. Records' "sentence" and "clause" fields are these.
std::pair<int, int> locate_in(const std::vector<Sentence>& sentences, uint32_t at);

// The same records as a JSON array.
nlohmann::json fact_records(const parse::Article& article, const ArticleFacts& facts,
                            std::string_view only_type = {});

}  // namespace tally::facts
