#include "facts/records.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>

#include "facts/record_hooks.hpp"

namespace tally::facts {

using nlohmann::json;

// Sentences and their clauses are in order and do not overlap, so both are searched: walking
// them for every fact was quadratic in a long paragraph. A clause holds `at` up to three bytes
// past its end (its closing punctuation); the first such clause is the one whose end + 3 is
// the first past `at`, if it begins by `at`.
std::pair<int, int> locate_in(const std::vector<Sentence>& sentences, uint32_t at) {
  auto s = std::upper_bound(sentences.begin(), sentences.end(), at,
                            [](uint32_t a, const Sentence& x) { return a < x.begin; });
  if (s == sentences.begin() || at >= std::prev(s)->end) return {-1, -1};
  const auto& sen = *std::prev(s);
  auto c = std::upper_bound(sen.clauses.begin(), sen.clauses.end(), at,
                            [](uint32_t a, const auto& x) { return a < x.end + 3; });
  int clause =
      c != sen.clauses.end() && at >= c->begin ? static_cast<int>(c - sen.clauses.begin()) : -1;
  return {static_cast<int>(std::prev(s) - sentences.begin()), clause};
}

namespace {

// One record to emit: which fact, and where it starts (the sort key).
struct Ref {
  Span span;
  RecordKind kind;
  uint32_t i = 0;  // index into its kind's vector
};

// Writes the fields every record shares, then the kind's own (facts/record_hooks.hpp).
template <typename T>
void emit_one(const parse::Article& a, const ArticleFacts& f, const At<T>& x, RecordKind kind,
              const char* type, uint32_t i, RecordSink& sink) {
  const auto& lt = a.blocks[x.block].text;
  auto [lb, le] = logical_range(x.fact);
  auto [sen, cl] = locate_in(f.blocks[x.block].sentences, lb);
  sink.begin_record(kind, record_type(x.fact, type));
  sink.integer("block", static_cast<int64_t>(x.block));
  sink.string("text", std::string_view(lt.text).substr(lb, le - lb));
  sink.span("span", x.span);
  sink.integer("lbegin", lb);
  sink.integer("lend", le);
  sink.integer("sentence", sen);
  sink.integer("clause", cl);
  write_fields(x, RecordContext{a, f, i}, sink);
  sink.end_record();
}

void emit(const parse::Article& a, const ArticleFacts& f, const Ref& r, RecordSink& sink) {
  switch (r.kind) {
#define FACT_KIND(Id, member, Struct, type, lua_list, derive, doc) \
  case RecordKind::Id:                                             \
    emit_one(a, f, f.member[r.i], r.kind, type, r.i, sink);        \
    break;
#include "facts/kinds.def"
#undef FACT_KIND
  }
}

// Every record's place, in kind order and then stably by start, as the records are listed; with
// `only`, of that type alone; with `kind`, of that kind alone.
std::vector<Ref> refs(const ArticleFacts& f, std::string_view only,
                      std::optional<RecordKind> kind = std::nullopt) {
  std::vector<Ref> out;
  auto each = [&](RecordKind k, const char* type, const auto& v) {
    if (kind && k != *kind) return;
    for (size_t i = 0; i < v.size(); ++i)
      if (only.empty() || record_type(v[i].fact, type) == only)
        out.push_back({v[i].span, k, static_cast<uint32_t>(i)});
  };
#define FACT_KIND(Id, member, Struct, type, lua_list, derive, doc) \
  each(RecordKind::Id, type, f.member);
#include "facts/kinds.def"
#undef FACT_KIND
  std::stable_sort(out.begin(), out.end(),
                   [](const Ref& x, const Ref& y) { return x.span.begin < y.span.begin; });
  return out;
}

struct JsonSink : RecordSink {
  json out = json::array();
  std::vector<json*> open;

  json& slot(const char* key) {
    json& top = *open.back();
    if (top.is_array()) {
      top.push_back(nullptr);
      return top.back();
    }
    return top[key];
  }
  void begin_record(RecordKind, const char* type) override {
    out.push_back(json::object());
    open = {&out.back()};
    out.back()["type"] = type;
  }
  void end_record() override { open.clear(); }
  void begin_object(const char* key) override {
    json& s = slot(key);
    s = json::object();
    open.push_back(&s);
  }
  void end_object() override { open.pop_back(); }
  void begin_array(const char* key) override {
    json& s = slot(key);
    s = json::array();
    open.push_back(&s);
  }
  void end_array() override { open.pop_back(); }
  void null(const char* key) override { slot(key) = nullptr; }
  void boolean(const char* key, bool v) override { slot(key) = v; }
  void integer(const char* key, int64_t v) override { slot(key) = v; }
  void number(const char* key, double v) override { slot(key) = v; }
  void string(const char* key, std::string_view v) override { slot(key) = std::string(v); }
  void span(const char* key, Span s) override { slot(key) = {{"begin", s.begin}, {"end", s.end}}; }
  void interval(const char* key, double lo, double hi) override {
    auto end = [](double v) { return std::isinf(v) ? json(nullptr) : json(v); };
    slot(key) = {end(lo), end(hi)};
  }
};

}  // namespace

void emit_records(const parse::Article& a, const ArticleFacts& f, RecordSink& sink,
                  std::string_view only_type) {
  for (const auto& r : refs(f, only_type)) emit(a, f, r, sink);
}

void emit_records_of(const parse::Article& a, const ArticleFacts& f, RecordKind kind,
                     RecordSink& sink) {
  for (const auto& r : refs(f, {}, kind)) emit(a, f, r, sink);
}

std::vector<RecordKind> record_order(const ArticleFacts& f) {
  std::vector<RecordKind> out;
  for (const auto& r : refs(f, {})) out.push_back(r.kind);
  return out;
}

json fact_records(const parse::Article& a, const ArticleFacts& f, std::string_view only_type) {
  JsonSink sink;
  emit_records(a, f, sink, only_type);
  return std::move(sink.out);
}

}  // namespace tally::facts
