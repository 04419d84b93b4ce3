#include "findings/fix_plan.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace tally::report {

namespace {

// Two edits touch the same bytes, or insert at the same place (whose text would come first is
// then a matter of chance, so only one is taken).
bool overlap(const Span& a, const Span& b) {
  if (a.begin < b.end && b.begin < a.end) return true;
  return a.begin == b.begin && (a.empty() || b.empty());
}

// Whether the file's lines end in "\r\n": its first line break says so.
bool crlf_file(std::string_view bytes) {
  auto nl = bytes.find('\n');
  return nl != std::string_view::npos && nl > 0 && bytes[nl - 1] == '\r';
}

std::string with_crlf(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) out += '\r';
    out += s[i];
  }
  return out;
}

}  // namespace

bool rule_named(const std::string& pattern, const std::string& rule) {
  if (pattern.size() >= 2 && pattern.compare(pattern.size() - 2, 2, ".*") == 0)
    return rule.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  return pattern == rule;
}

FixPlan plan_fixes(std::string_view bytes, const std::vector<Finding>& findings,
                   const std::vector<std::string>& only) {
  const bool crlf = crlf_file(bytes);
  std::vector<size_t> order;
  for (size_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    if (!f.fix) continue;
    if (!only.empty() && std::none_of(only.begin(), only.end(),
                                      [&](const std::string& p) { return rule_named(p, f.rule); }))
      continue;
    bool changes = false, inside = true;
    for (const auto& e : f.fix->edits()) {
      inside = inside && e.span.begin <= e.span.end && e.span.end <= bytes.size();
      if (inside && bytes.substr(e.span.begin, e.span.size()) != e.replacement) changes = true;
    }
    if (changes && inside) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    auto ea = findings[a].fix->extent(), eb = findings[b].fix->extent();
    return std::tie(ea.begin, findings[a].rule, ea.end) <
           std::tie(eb.begin, findings[b].rule, eb.end);
  });
  FixPlan plan;
  std::vector<std::pair<Span, size_t>> taken;  // edits chosen so far, with their finding
  for (size_t i : order) {
    auto edits = findings[i].fix->edits();
    auto clash = taken.end();
    for (const auto& e : edits) {
      clash = std::find_if(taken.begin(), taken.end(),
                           [&](const auto& t) { return overlap(t.first, e.span); });
      if (clash != taken.end()) break;
    }
    if (clash != taken.end()) {
      plan.conflicts.push_back({i, clash->second});
      continue;
    }
    plan.applied.push_back(i);
    for (auto& e : edits) {
      taken.emplace_back(e.span, i);
      if (crlf) e.replacement = with_crlf(e.replacement);
      plan.edits.push_back(std::move(e));
    }
  }
  std::sort(plan.edits.begin(), plan.edits.end(), [](const Edit& a, const Edit& b) {
    return std::tie(a.span.begin, a.span.end) < std::tie(b.span.begin, b.span.end);
  });
  return plan;
}

std::string apply_edits(std::string_view bytes, const std::vector<Edit>& edits) {
  std::string out;
  out.reserve(bytes.size());
  size_t at = 0;
  for (const auto& e : edits) {
    out.append(bytes.substr(at, e.span.begin - at));
    out += e.replacement;
    at = e.span.end;
  }
  out.append(bytes.substr(at));
  return out;
}

std::vector<Edit> compose_edits(std::string_view current, const std::vector<Edit>& total,
                                const std::vector<Edit>& later) {
  // Every edit as a range of `current`: the earlier ones where their replacements now stand.
  struct Range {
    uint32_t begin, end;
    long delta;  // bytes the edit added to the text (0 for a later edit)
    bool later;  // one of `later`
    size_t index;
  };
  std::vector<Range> ranges;
  long shift = 0;
  for (size_t i = 0; i < total.size(); ++i) {
    const auto& e = total[i];
    auto b = static_cast<uint32_t>(static_cast<long>(e.span.begin) + shift);
    auto size = static_cast<uint32_t>(e.replacement.size());
    long delta = static_cast<long>(size) - static_cast<long>(e.span.size());
    ranges.push_back({b, b + size, delta, false, i});
    shift += delta;
  }
  for (size_t i = 0; i < later.size(); ++i)
    ranges.push_back({later[i].span.begin, later[i].span.end, 0, true, i});
  std::stable_sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) {
    return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
  });
  // Ranges that meet or touch make one edit of the original.
  std::vector<Edit> out;
  long before = 0;  // bytes added by the earlier edits before the cluster at hand
  for (size_t i = 0; i < ranges.size();) {
    uint32_t ub = ranges[i].begin, ue = ranges[i].end;
    size_t j = i + 1;
    while (j < ranges.size() && ranges[j].begin <= ue) ue = std::max(ue, ranges[j++].end);
    long inside = 0;
    std::string text;
    uint32_t at = ub;
    for (size_t k = i; k < j; ++k) {
      if (!ranges[k].later) {
        inside += ranges[k].delta;
        continue;
      }
      const auto& e = later[ranges[k].index];
      text.append(current.substr(at, e.span.begin - at));
      text += e.replacement;
      at = e.span.end;
    }
    text.append(current.substr(at, ue - at));
    auto ob = static_cast<uint32_t>(static_cast<long>(ub) - before);
    auto oe = static_cast<uint32_t>(static_cast<long>(ue) - before - inside);
    out.push_back({{ob, oe}, std::move(text)});
    before += inside;
    i = j;
  }
  return out;
}

}  // namespace tally::report
