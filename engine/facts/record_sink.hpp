#pragma once
// The seam between fact records and what consumes them (JSON for `tally facts` and the YAML
// `fact` kind, Lua tables for the rules' article view): records are written field by field, so a
// field a rule author reads is the field `tally facts` shows.
#include <cstdint>
#include <string_view>

#include "text/span.hpp"

namespace tally::facts {

// What a record is of, one per line of facts/kinds.def, in its order.
enum class RecordKind : uint8_t {
#define FACT_KIND(Id, member, Struct, type, lua_list, derive, doc) Id,
#include "facts/kinds.def"
#undef FACT_KIND
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

}  // namespace tally::facts
