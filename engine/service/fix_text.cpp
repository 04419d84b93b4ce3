#include "service/fix_text.hpp"

namespace tally::service {

namespace {

// The findings of a check of `bytes` whose fixes may be applied: all of them, less those `known`
// lets stand (matched by file, rule, text and line, as the report leaves them out).
std::vector<report::Finding> fixable(const std::vector<report::Finding>& findings,
                                     const std::string& bytes, const std::string& path,
                                     const report::Baseline* known) {
  if (!known) return findings;
  text::LineIndex index(bytes);
  auto located = report::locate_all(findings, bytes, index);
  auto skip = report::known_findings(*known, path, located);
  std::vector<report::Finding> out;
  for (size_t i = 0; i < findings.size(); ++i)
    if (!skip[i]) out.push_back(findings[i]);
  return out;
}

}  // namespace

FixRun fix_text(Engine& engine, const text::Source& source, const CheckRequest& request,
                const std::vector<std::string>& only, const CheckOutcome* first,
                const report::Baseline* known) {
  FixRun run;
  run.bytes = source.bytes;
  text::Source current = source;
  run.last = first ? *first : engine.check(current, request);
  for (size_t pass = 1;; ++pass) {
    if (run.last.input_error) break;
    const auto fs = fixable(run.last.findings, current.bytes, source.path, known);
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
    run.fixes += plan.applied.size();
    run.passes = pass;
    run.last = engine.check(current, request);
  }
  // A conflict of an earlier pass whose fix is not offered any more was settled by a later one.
  if (!run.conflicts.empty()) {
    const auto fs = fixable(run.last.findings, current.bytes, source.path, known);
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
