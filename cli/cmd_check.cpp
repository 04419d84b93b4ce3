#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <set>

#include "cli/color.hpp"
#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "report/baseline.hpp"
#include "report/writer.hpp"
#include "service/engine.hpp"
#include "service/ordered_map.hpp"
#include "text/line_index.hpp"

namespace tally::cli {

namespace {

int rank(report::Severity s) {
  return s == report::Severity::Error ? 3 : s == report::Severity::Warning ? 2 : 1;
}

// One file after a worker thread is done with it.
struct Checked {
  bool ignored = false;
  std::optional<text::InputError> error;
  std::optional<text::Source> source;
  service::CheckOutcome outcome;
};

// Reads and checks one file; safe on any thread (the engine lends each thread its own Lua state).
Checked check_file(service::Engine& engine, const std::string& file,
                   const std::optional<parse::Date>& date, const CommonOptions& opts) {
  Checked c;
  std::string name = config_name(file, opts);
  if (engine.ignored(name)) {
    c.ignored = true;
    if (file == "-")  // else the run would end with no word about what was read
      std::cerr << "tally: " << name << ": not checked (ignored by " << engine.config_for(name).path
                << ")\n";
    return c;
  }
  // Each file stands alone: a bad one is reported and the others are still checked.
  // A config that cannot be used is the error to report: its `encoding:` may be what is wrong.
  if (auto bad = engine.config_error(name); !bad.empty()) {
    c.error = text::InputError{file == "-" ? name : file, 0, "config: " + bad};
    return c;
  }
  auto enc = !opts.encoding.empty() ? opts.encoding : engine.config_for(name).encoding;
  auto loaded = load_input(file, opts, enc);
  if (!loaded.source) {
    c.error = loaded.error;
    return c;
  }
  c.source = std::move(loaded.source);
  service::CheckRequest req;
  req.filename = name;
  req.date = date;
  req.disable = opts.disable;
  req.enable = opts.enable;
  parse::parse_input_format(opts.input_format, req.input_format);
  c.outcome = engine.check(*c.source, req);
  if (c.outcome.input_error) c.error = c.outcome.input_error;
  return c;
}

// The rule sets the files will be checked with: one per config, found once per folder.
std::vector<std::shared_ptr<const rules::RuleSet>> rules_in_force(service::Engine& engine,
                                                                  const Expanded& expanded,
                                                                  const CommonOptions& opts) {
  std::vector<std::shared_ptr<const rules::RuleSet>> sets;
  std::set<std::string> folders;
  auto add = [&](const std::string& name) {
    auto set = engine.rules_for(name);
    if (std::find(sets.begin(), sets.end(), set) == sets.end()) sets.push_back(set);
  };
  for (const auto& file : expanded.files) {
    auto name = config_name(file, opts);
    if (folders.insert(std::filesystem::path(name).parent_path().string()).second) add(name);
  }
  if (sets.empty()) add("./-");
  return sets;
}

}  // namespace

int run_check(const CommonOptions& opts) {
  std::optional<parse::Date> date;
  if (!parse_date_option(opts.date, date) || !check_stdin_filename(opts)) return kUsage;
  std::optional<report::Baseline> baseline;
  if (!opts.baseline.empty()) {
    std::string err;
    baseline = report::load_baseline(opts.baseline, err);
    if (!baseline) {
      std::cerr << "tally: " << err << "\n";
      return kUsage;
    }
  }
  const auto* format = report::find_output_format(opts.format);
  if (!format) {  // --format is validated against the same table; a caller may skip that
    std::cerr << "tally: unknown format '" << opts.format << "'\n";
    return kUsage;
  }
  auto expanded = expand_inputs(opts);
  service::Engine engine({opts.rules, opts.config});
  auto in_force = rules_in_force(engine, expanded, opts);
  if (!check_disable(opts.disable, opts.enable, in_force)) return kUsage;
  report::WriterOptions wopts;
  wopts.err = &std::cerr;
  wopts.color = opts.format == "text" && use_color(opts.color, STDOUT_FILENO);
  wopts.rules = in_force.front()->infos;
  auto writer = format->make(std::cout, wopts);
  // Rule sets met so far (one per config), their load errors printed once.
  std::vector<std::shared_ptr<const rules::RuleSet>> sets;
  size_t load_errors = 0;
  auto note_rules = [&](const std::shared_ptr<const rules::RuleSet>& set) {
    if (std::find(sets.begin(), sets.end(), set) != sets.end()) return;
    sets.push_back(set);
    print_rule_problems(*set);
    load_errors += set->errors.size();
  };
  std::vector<report::FileReport> recorded;  // for --write-baseline
  report::RunTotals totals;
  size_t rule_errors = 0;
  int worst = 0;
  auto record_error = [&](const text::InputError& e) {
    ++totals.errors;
    report::FileReport rep{e.path, e, {}, {}, {}};
    if (opts.write_baseline.empty()) writer->file({rep, nullptr, {}, nullptr});
  };
  for (const auto& e : expanded.errors) record_error(e);
  // Files are checked on --jobs threads; results are reported here in the order of the paths.
  size_t next_file = 0;
  auto next = [&](std::string& file) {
    if (next_file == expanded.files.size()) return false;
    file = expanded.files[next_file++];
    return true;
  };
  auto work = [&](const std::string& file) {
    // Whatever one file throws is that file's error: the other files are still checked.
    try {
      return check_file(engine, file, date, opts);
    } catch (const std::exception& e) {
      Checked c;
      c.error = text::InputError{file, 0, std::string("internal error: ") + e.what()};
      return c;
    }
  };
  auto consume = [&](Checked& c) {
    if (c.ignored) return;
    if (c.error) return record_error(*c.error);
    const auto& src = *c.source;
    auto& out = c.outcome;
    note_rules(out.rules);
    ++totals.files;
    text::LineIndex index(src.bytes);
    report::FileReport rep{src.path, std::nullopt,
                           report::locate_all(out.findings, src.bytes, index), out.rule_errors,
                           out.notices};
    rule_errors += out.rule_errors.size();
    if (!opts.write_baseline.empty()) {  // the baseline records them all
      recorded.push_back(std::move(rep));
      return;
    }
    if (baseline) totals.baseline += report::apply_baseline(*baseline, rep);
    totals.findings += rep.findings.size();
    for (const auto& f : rep.findings) worst = std::max(worst, rank(f.finding.severity));
    writer->file({rep, &*out.document, src.bytes, &index});
  };
  service::ordered_map<std::string, Checked>(jobs_for(opts.jobs), 4 * jobs_for(opts.jobs), next,
                                             work, consume);
  if (!opts.write_baseline.empty()) {
    std::string err;
    if (!report::write_baseline(opts.write_baseline, recorded, err)) {
      std::cerr << "tally: cannot write the baseline: " << err << "\n";
      return kUsage;
    }
    std::cerr << "tally: wrote " << opts.write_baseline << "\n";
    return totals.errors || rule_errors || load_errors ? kUsage : kClean;
  }
  totals.rule_errors = rule_errors + load_errors;
  writer->finish(totals);
  const size_t errors = totals.errors;
  if (errors || rule_errors || load_errors) return kUsage;
  auto threshold = rules::parse_severity(opts.fail_on).value_or(report::Severity::Info);
  return worst >= rank(threshold) ? kFindings : kClean;
}

}  // namespace tally::cli
