#include "service/fix_text.hpp"

namespace tally::service {

FixRun fix_text(Engine& engine, const text::Source& source, const CheckRequest& request,
                const std::vector<std::string>& only, const CheckOutcome* first) {
  FixRun run;
  run.bytes = source.bytes;
  text::Source current = source;
  run.last = first ? *first : engine.check(current, request);
  for (size_t pass = 1;; ++pass) {
    if (run.last.input_error) break;
    auto plan = report::plan_fixes(current.bytes, run.last.findings, only);
    if (plan.edits.empty()) break;
    if (pass > kMaxFixPasses) {  // fixes that undo each other: stop, and say so
      run.settled = false;
      break;
    }
    const auto& fs = run.last.findings;
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
    auto left = report::plan_fixes(current.bytes, run.last.findings, only);
    for (auto& c : run.conflicts) {
      bool still = false;
      for (size_t i : left.applied) still = still || run.last.findings[i].rule == c.rule;
      c.applied_later = !still;
    }
  }
  run.bytes = std::move(current.bytes);
  return run;
}

}  // namespace tally::service
