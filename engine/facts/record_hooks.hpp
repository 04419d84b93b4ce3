#pragma once
// What each fact kind's file provides besides its extractor: the fields of its records. One
// `write_fields` per struct of facts/kinds.def, defined in the kind's own file; the emitter in
// records.cpp writes the fields every record shares and calls these for the rest.
#include "facts/extract.hpp"
#include "facts/record_sink.hpp"

namespace tally::facts {

struct RecordContext {
  const parse::Article& article;
  const ArticleFacts& facts;
  size_t index;  // of the record in its kind's vector
};

#define FACT_KIND(Id, member, Struct, type, lua_list, derive, doc) \
  void write_fields(const At<Struct>& fact, const RecordContext& c, RecordSink& sink);
#include "facts/kinds.def"
#undef FACT_KIND

// A record's "type" is its kind's; a kind with a second type (FACT_ALSO) says which it is.
template <typename T>
const char* record_type(const T&, const char* type) {
  return type;
}
inline const char* record_type(const Ordinal& o, const char*) {
  return o.rank ? "rank" : "ordinal";
}

// The fields of a number, shared by every kind built on one.
inline void write_number_fields(const Number& n, RecordSink& sink) {
  sink.number("value", n.value);
  sink.interval("interval", n.lo, n.hi);
  sink.boolean("approximate", n.approximate);
  sink.integer("decimals", n.decimals);
  sink.string("qualifier", n.qualifier);
}

}  // namespace tally::facts
