#include "rules/article_memo.hpp"

#include <cstring>

namespace tally::rules {

namespace {

void put(std::string& out, uint64_t v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void put(std::string& out, std::string_view s) {
  put(out, s.size());
  out.append(s);
}
void put(std::string& out, Span s, uint32_t origin) {
  put(out, (uint64_t{s.begin - origin} << 32) | (s.end - origin));
}

Span shifted(Span s, int64_t delta) {
  return {static_cast<uint32_t>(s.begin + delta), static_cast<uint32_t>(s.end + delta)};
}

bool inside(Span s, Span extent) {
  return s.begin >= extent.begin && s.end <= extent.end;
}

}  // namespace

std::string article_key(const parse::Document& doc, std::string_view bytes, size_t k) {
  const auto& a = doc.articles[k];
  Span ext = a.extent();
  uint32_t o = ext.begin;
  std::string key;
  put(key, k);  // first, and alone: content_key() is what follows it
  put(key, a.headline);
  put(key, a.language);
  uint64_t confidence = 0;
  std::memcpy(&confidence, &a.confidence, sizeof confidence);
  put(key, confidence);
  put(key, a.uncertain);
  for (const auto& n : a.notes) put(key, n);
  put(key, bytes.substr(ext.begin, ext.size()));
  for (const auto& b : a.blocks) {
    put(key, static_cast<uint64_t>(b.type));
    put(key, b.span, o);
    put(key, b.pieces.size());
    for (const auto& p : b.pieces) put(key, p, o);
    put(key, b.text.text);
    for (const auto& p : b.text.pieces) {
      put(key, p.logical);
      put(key, Span{p.begin, p.end}, o);
    }
    for (const auto& r : b.text.repairs) {
      put(key, static_cast<uint64_t>(r.kind));
      put(key, r.original, o);
      put(key, bytes.substr(r.original.begin, r.original.size()));
      put(key, r.repaired);
      for (const auto& s : r.removed) put(key, s, o);
    }
  }
  return key;
}

std::string_view content_key(std::string_view article_key) {
  return article_key.substr(sizeof(uint64_t));
}

namespace {

template <typename T>
void shift_fact(T&, int64_t) {}
// A restatement names both mentions' places in the file.
void shift_fact(facts::Restatement& r, int64_t delta) {
  r.first.span = shifted(r.first.span, delta);
  r.second.span = shifted(r.second.span, delta);
}

}  // namespace

void shift_facts(facts::ArticleFacts& f, int64_t delta) {
  if (delta == 0) return;
    // Every kind's records hold their place in the file; their logical offsets are the block's.
#define FACT_KIND(Id, member, Struct, type, lua_list, derive, doc) \
  for (auto& at : f.member) {                                      \
    at.span = shifted(at.span, delta);                             \
    shift_fact(at.fact, delta);                                    \
  }
#include "facts/kinds.def"
#undef FACT_KIND
  if (f.capped) f.capped_at = static_cast<uint32_t>(f.capped_at + delta);
}

void shift_finding(report::Finding& f, int64_t delta) {
  f.span = shifted(f.span, delta);
  if (f.fix) {
    f.fix->span = shifted(f.fix->span, delta);
    for (auto& e : f.fix->more) e.span = shifted(e.span, delta);
  }
  for (auto& r : f.related) r.span = shifted(r.span, delta);
}

bool finding_within(const report::Finding& f, Span extent) {
  if (!inside(f.span, extent)) return false;
  if (f.fix) {
    if (!inside(f.fix->span, extent)) return false;
    for (const auto& e : f.fix->more)
      if (!inside(e.span, extent)) return false;
  }
  for (const auto& r : f.related)
    if (!inside(r.span, extent)) return false;
  return true;
}

}  // namespace tally::rules
