#pragma once
// Every fact of an article as a flat record with the field names documented in docs/facts.md.
// One emitter serves `tally facts` (JSON), the YAML `fact` rule kind (JSON) and the Lua view
// (tables built straight from the facts, no JSON in between), so a field a rule author reads is
// the field `tally facts` shows.
#include <nlohmann/json.hpp>
#include <string_view>

#include "facts/extract.hpp"
#include "parse/document.hpp"

namespace tally::facts {

// What a record is of. ("ordinal" and "rank" records are both Ordinal.)
enum class RecordKind : uint8_t {
  Number,
  Quantity,
  Ordinal,
  Rate,
  Date,
  Count,
  List,
  Pair,
  Unpaired
};

// Receives records field by field. Keys are string literals; a null key is an element of the
// array being filled.
struct RecordSink {
  virtual ~RecordSink() = default;
  // The "type" field (`type`) is the sink's to write.
  virtual void begin_record(RecordKind kind, const char* type) = 0;
  virtual void end_record() = 0;
  virtual void begin_object(const char* key) = 0;
  virtual void end_object() = 0;
  virtual void begin_array(const char* key) = 0;
  virtual void end_array() = 0;
  virtual void null(const char* key) = 0;
  virtual void boolean(const char* key, bool v) = 0;
  virtual void integer(const char* key, int64_t v) = 0;
  virtual void number(const char* key, double v) = 0;
  virtual void string(const char* key, std::string_view v) = 0;
  virtual void span(const char* key, Span s) = 0;  // {"begin", "end"}, original bytes
  // [lo, hi]; an infinite end means the wording leaves that side open.
  virtual void interval(const char* key, double lo, double hi) = 0;
};

// Records in reading order (by span start; ties in type order). Each has "type", "text" (as
// written, logical), "span" {"begin", "end"} in original bytes, "block", "lbegin"/"lend"
// (logical bytes within the block), and "sentence"/"clause" (0-based indices within the
// block), plus the fields of its type. With `only_type`, records of that type alone.
void emit_records(const parse::Article& article, const ArticleFacts& facts, RecordSink& sink,
                  std::string_view only_type = {});

// The same records as a JSON array.
nlohmann::json fact_records(const parse::Article& article, const ArticleFacts& facts,
                            std::string_view only_type = {});

const char* rate_unit_name(RateUnit u);
const char* date_kind_name(DateKind k);

}  // namespace tally::facts
