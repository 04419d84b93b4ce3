#include "service/fix_text.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace tally::service {

namespace {

// A finding the known list let stand in an earlier pass: its rule and where it is now.
using Kept = std::pair<std::string, Span>;

// The findings of a check of `bytes` whose fixes may be applied: all of them, less those `known`
// lets stand (matched by file, rule, text and line, as the report leaves them out) and those let
// stand in an earlier pass (`kept`: a fix elsewhere on their line changed the line, not them).
// The ones left out are added to `kept`.
std::vector<report::Finding> fixable(const std::vector<report::Finding>& findings,
                                     const std::string& bytes, const std::string& path,
                                     const report::Baseline* known, std::vector<Kept>& kept) {
  if (!known) return findings;
  text::LineIndex index(bytes);
  auto located = report::locate_all(findings, bytes, index);
  auto skip = report::known_findings(*known, path, located);
  std::vector<report::Finding> out;
  std::vector<Kept> now;
  for (size_t i = 0; i < findings.size(); ++i) {
    Kept k{findings[i].rule, findings[i].span};
    if (skip[i] || std::find(kept.begin(), kept.end(), k) != kept.end())
      now.push_back(std::move(k));
    else
      out.push_back(findings[i]);
  }
  kept = std::move(now);
  return out;
}

// Where `s` is once `edits` (in file order, none overlapping) are applied, or nothing when one of
// them changes its bytes.
std::optional<Span> moved(Span s, const std::vector<report::Edit>& edits) {
  int64_t delta = 0;
  for (const auto& e : edits) {
    if (e.span.end <= s.begin && !(e.span.empty() && e.span.begin == s.begin && s.empty()))
      delta += static_cast<int64_t>(e.replacement.size()) - e.span.size();
    else if (e.span.begin >= s.end)
      break;
    else
      return std::nullopt;
  }
  return Span{static_cast<uint32_t>(s.begin + delta), static_cast<uint32_t>(s.end + delta)};
}

}  // namespace

FixRun fix_text(Engine& engine, const text::Source& source, const CheckRequest& request,
                const std::vector<std::string>& only, const CheckOutcome* first,
                const report::Baseline* known) {
  FixRun run;
  run.bytes = source.bytes;
  text::Source current = source;
  run.last = first ? *first : engine.check(current, request);
  std::vector<Kept> kept;
  for (size_t pass = 1;; ++pass) {
    if (run.last.input_error) break;
    const auto fs = fixable(run.last.findings, current.bytes, source.path, known, kept);
    auto plan = report::plan_fixes(current.bytes, fs, only);
    if (plan.edits.empty()) break;
    if (pass > kMaxFixPasses) {  // fixes that undo each other: stop, and say so
      run.settled = false;
      break;
    }
    text::LineIndex index(current.bytes);
    for (const auto& c : plan.conflicts)
      run.conflicts.push_back({pass, fs[c.dropped].rule, fs[c.kept].rule,
                               index.position(fs[c.dropped].fix->extent().begin),
                               index.position(fs[c.kept].fix->extent().begin), false});
    run.edits = report::compose_edits(current.bytes, run.edits, plan.edits);
    current.bytes = report::apply_edits(current.bytes, plan.edits);
    std::erase_if(kept, [&](Kept& k) {
      auto at = moved(k.second, plan.edits);
      if (at) k.second = *at;
      return !at;
    });
    run.fixes += plan.applied.size();
    run.passes = pass;
    run.last = engine.check(current, request);
  }
  // A conflict of an earlier pass whose fix is not offered any more was settled by a later one.
  if (!run.conflicts.empty()) {
    const auto fs = fixable(run.last.findings, current.bytes, source.path, known, kept);
    auto left = report::plan_fixes(current.bytes, fs, only);
    for (auto& c : run.conflicts) {
      bool still = false;
      for (size_t i : left.applied) still = still || fs[i].rule == c.rule;
      c.applied_later = !still;
    }
  }
  run.bytes = std::move(current.bytes);
  return run;
}

}  // namespace tally::service
