#include "findings/fix_check.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace tally::report {

namespace {

std::string range(Span s) {
  return "[" + std::to_string(s.begin) + ", " + std::to_string(s.end) + ")";
}

// The bytes of `s`, quoted, for a message (the span was checked to lie inside the text).
std::string quoted(std::string_view bytes, Span s) {
  return "\"" + std::string(bytes.substr(s.begin, s.size())) + "\"";
}

// A position a span may start or end at: the text's ends, or a byte that starts a character
// (not a UTF-8 continuation byte).
bool on_boundary(std::string_view bytes, uint32_t pos) {
  return pos == 0 || pos >= bytes.size() || (static_cast<unsigned char>(bytes[pos]) & 0xC0) != 0x80;
}

// "" when `s` lies inside the text on character boundaries.
std::string check_span(std::string_view bytes, Span s) {
  if (s.begin > s.end) return range(s) + " ends before it begins";
  if (s.end > bytes.size())
    return range(s) + " ends past the text (" + std::to_string(bytes.size()) + " bytes)";
  if (!on_boundary(bytes, s.begin) || !on_boundary(bytes, s.end))
    return range(s) + " cuts a UTF-8 character";
  return "";
}

// Overlapping or touching: an insertion just before or after a span is on it.
bool meets(Span a, Span b) {
  return a.begin <= b.end && b.begin <= a.end;
}

bool meets_finding(const Finding& f, Span s) {
  if (meets(s, f.span)) return true;
  for (const auto& r : f.related)
    if (meets(s, r.span)) return true;
  return false;
}

}  // namespace

std::string check_fix(std::string_view bytes, const Finding& f, Span reach) {
  if (auto e = check_span(bytes, f.span); !e.empty()) return "finding span " + e;
  for (const auto& r : f.related)
    if (auto e = check_span(bytes, r.span); !e.empty()) return "related span " + e;
  if (!f.fix) return "";
  // The finding's own span is within reach too: a block's span is that of its logical text, so
  // a doubled copy that ends a paragraph lies past its article's extent though the finding holds
  // it.
  reach = {std::min(reach.begin, f.span.begin), std::max(reach.end, f.span.end)};
  const auto edits = f.fix->edits();
  const bool spread = edits.size() > 1;
  bool any_meets = false;
  for (size_t i = 0; i < edits.size(); ++i) {
    const Span s = edits[i].span;
    const std::string name = "fix edit " + std::to_string(i + 1) + " ";
    if (auto e = check_span(bytes, s); !e.empty()) return name + e;
    if (i > 0 && s.begin < edits[i - 1].span.end)
      return name + range(s) + " overlaps or comes before edit " + std::to_string(i) + " " +
             range(edits[i - 1].span);
    const bool on = meets_finding(f, s);
    any_meets = any_meets || on;
    if (!spread && !on)
      return name + range(s) + " " + quoted(bytes, s) + " is away from the finding " +
             range(f.span) + " " + quoted(bytes, f.span);
    if (spread && (s.begin < reach.begin || s.end > reach.end))
      return name + range(s) + " " + quoted(bytes, s) + " is outside the finding's article " +
             range(reach);
  }
  if (!any_meets)
    return "no edit of the fix meets the finding " + range(f.span) + " " + quoted(bytes, f.span);
  return "";
}

}  // namespace tally::report
