#include "parse/parse_memo.hpp"

#include <iterator>

namespace tally::parse {

namespace {

void put(std::string& out, uint32_t v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

Span shifted(Span s, int64_t delta) {
  return {static_cast<uint32_t>(s.begin + delta), static_cast<uint32_t>(s.end + delta)};
}

template <typename Map>
void drop_unused(Map& map, uint32_t since) {
  for (auto it = map.begin(); it != map.end();)
    it = it->second.used < since ? map.erase(it) : std::next(it);
}

}  // namespace

void shift_logical_text(text::LogicalText& lt, int64_t delta) {
  if (delta == 0) return;
  for (auto& p : lt.pieces) {
    p.begin = static_cast<uint32_t>(p.begin + delta);
    p.end = static_cast<uint32_t>(p.end + delta);
  }
  for (auto& r : lt.repairs) {
    r.original = shifted(r.original, delta);
    for (auto& s : r.removed) s = shifted(s, delta);
  }
}

text::LogicalText ParseMemo::logical_text(std::string_view bytes,
                                          const std::vector<text::Segment>& segs) {
  // build_logical_text reads the bytes of its segments and those between them (the gap a
  // synthetic space stands for, the spaces between the copies of a doubled run), nothing else:
  // with the segments in file order, the bytes from the first to the end of the last are the
  // whole of its input. Segments out of order (a paragraph taken up again earlier in the file)
  // are built as they are.
  bool ordered = !segs.empty();
  for (size_t i = 1; ordered && i < segs.size(); ++i)
    ordered = segs[i].span.begin >= segs[i - 1].span.end;
  if (!ordered || segs.back().span.end > bytes.size()) {
    ++built;
    return text::build_logical_text(bytes, segs);
  }
  uint32_t base = segs.front().span.begin, end = segs.back().span.end;
  key_.clear();
  for (const auto& s : segs) {
    put(key_, s.span.begin - base);
    put(key_, s.span.end - base);
    key_ += static_cast<char>((s.after_break ? 1 : 0) | (s.wrap_in_column ? 2 : 0));
  }
  key_.append(bytes.substr(base, end - base));
  auto it = texts_.find(key_);
  if (it == texts_.end()) {
    ++built;
    auto lt = text::build_logical_text(bytes, segs);
    auto kept = lt;
    shift_logical_text(kept, -int64_t{base});
    texts_.emplace(key_, Text{std::move(kept), parse_});
    return lt;
  }
  ++hits;
  it->second.used = parse_;
  auto lt = it->second.text;
  shift_logical_text(lt, base);
  return lt;
}

const TermCounts& ParseMemo::terms(const std::string& text) {
  auto it = terms_.find(text);
  if (it == terms_.end()) it = terms_.emplace(text, Terms{count_terms(text), parse_}).first;
  it->second.used = parse_;
  return it->second.terms;
}

void ParseMemo::next_parse() {
  ++parse_;
  if (parse_ < 2) return;
  drop_unused(texts_, parse_ - 1);
  drop_unused(terms_, parse_ - 1);
}

}  // namespace tally::parse
