#pragma once
// The fact kinds as data, from facts/kinds.def: what the Lua view, the YAML `fact` kind, the docs
// and `tally facts --kinds` list. Indexed by RecordKind.
#include <array>
#include <string>
#include <string_view>

#include "facts/record_sink.hpp"

namespace tally::facts {

struct FactKindInfo {
  RecordKind kind;
  std::string_view type;      // the record's "type"
  std::string_view also;      // a second type the kind emits ("rank"), or empty
  std::string_view lua_list;  // article.<lua_list> in the Lua view
  std::string_view doc;
};

namespace detail {
constexpr std::string_view also_type(RecordKind k) {
#define FACT_ALSO(Id, type) \
  if (k == RecordKind::Id) return type;
#define FACT_KIND(...)
#include "facts/kinds.def"
#undef FACT_KIND
#undef FACT_ALSO
  return {};
}
}  // namespace detail

inline constexpr FactKindInfo kFactKinds[] = {
#define FACT_KIND(Id, member, Struct, type, lua_list, derive, doc) \
  {RecordKind::Id, type, detail::also_type(RecordKind::Id), lua_list, doc},
#include "facts/kinds.def"
#undef FACT_KIND
};

constexpr const FactKindInfo& fact_kind(RecordKind k) {
  return kFactKinds[static_cast<size_t>(k)];
}

// True when `type` is a record type some kind emits (what the YAML `fact:` key accepts).
constexpr bool is_fact_type(std::string_view type) {
  for (const auto& k : kFactKinds)
    if (k.type == type || (!k.also.empty() && k.also == type)) return true;
  return false;
}

// "number, quantity, …, unpaired": for error messages and help.
inline std::string fact_type_list() {
  std::string out;
  for (const auto& k : kFactKinds)
    for (auto t : {k.type, k.also})
      if (!t.empty()) (out += out.empty() ? "" : ", ") += t;
  return out;
}

namespace detail {
constexpr bool indexed_by_kind() {
  for (size_t i = 0; i < std::size(kFactKinds); ++i)
    if (static_cast<size_t>(kFactKinds[i].kind) != i) return false;
  return true;
}
static_assert(indexed_by_kind(), "kFactKinds must be in RecordKind order");
}  // namespace detail

}  // namespace tally::facts
