#include <unistd.h>

#include <filesystem>
#include <functional>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>

#include "cli/color.hpp"
#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "findings/unified_diff.hpp"
#include "parse/pdf_reader.hpp"
#include "report/baseline.hpp"
#include "report/ignore_file.hpp"
#include "report/writer.hpp"
#include "service/engine.hpp"
#include "service/fix_text.hpp"
#include "service/memory_trim.hpp"
#include "service/ordered_map.hpp"
#include "text/atomic_write.hpp"
#include "text/line_index.hpp"

namespace tally::cli {

namespace {

// --output FILE: what was made in memory, written whole; nothing to do without it.
bool write_output(const std::string& path, const std::ostringstream& made) {
  if (path.empty()) return true;
  std::string err;
  if (text::write_file_atomically(path, made.str(), err)) return true;
  std::cerr << "tally: cannot write the report: " << err << "\n";
  return false;
}

int rank(report::Severity s) {
  return s == report::Severity::Error ? 3 : s == report::Severity::Warning ? 2 : 1;
}

// One file after a worker thread is done with it.
struct Checked {
  bool ignored = false;
  std::optional<text::InputError> error;
  std::optional<text::Source> source;
  service::CheckOutcome outcome;
  std::optional<service::FixRun> fixed;  // --fix, --diff
};

// The known list a file's fixes leave alone (--baseline, else its .tally-ignore), as a copy the
// fix passes may use on a worker thread; nothing when none applies.
using KnownFor = std::function<std::optional<report::Baseline>(const std::string& path)>;

// Reads and checks one file; safe on any thread (the engine lends each thread its own Lua state).
Checked check_file(service::Engine& engine, const std::string& file,
                   const std::optional<parse::Date>& date, const CommonOptions& opts,
                   const KnownFor& known_for) {
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
  // What a large document's check freed stays in this thread's malloc arena, where the report
  // (made on the main thread) cannot reuse it (service/memory_trim.hpp).
  service::trim_after(c.source->bytes.size());
  if (c.outcome.input_error) c.error = c.outcome.input_error;
  if ((opts.fix || opts.diff) && !c.error) {
    if (!c.source->encoding.empty())  // its bytes here are UTF-8, not what the file holds
      c.error = text::InputError{c.source->path, 0,
                                 "fixes are written in UTF-8 only; this file was read as " +
                                     c.source->encoding + " (convert it first)"};
    else {
      auto known = known_for(c.source->path);
      c.fixed = service::fix_text(engine, *c.source, req, opts.fix_rules, &c.outcome,
                                  known ? &*known : nullptr);
    }
  }
  return c;
}

// --edition: the edition rules' findings added to each page's own, sorted in with them; their
// rule errors go with the front page.
void check_edition(service::Engine& engine, std::vector<Checked>& held,
                   const std::optional<parse::Date>& date, const CommonOptions& opts) {
  std::vector<Checked*> pages;
  std::vector<const service::CheckOutcome*> outcomes;
  std::vector<std::string_view> bytes;
  for (auto& c : held)
    if (!c.ignored && !c.error && c.source && c.outcome.document) {
      pages.push_back(&c);
      outcomes.push_back(&c.outcome);
      bytes.push_back(c.source->bytes);
    }
  if (pages.empty()) return;
  service::CheckRequest req;
  req.filename = config_name(pages.front()->source->path, opts);
  req.date = date;
  req.disable = opts.disable;
  req.enable = opts.enable;
  auto res = engine.check_edition(outcomes, bytes, req);
  for (size_t p = 0; p < pages.size(); ++p) {
    auto& found = pages[p]->outcome.findings;
    for (auto& f : res.findings[p]) found.push_back(std::move(f));
    report::sort_findings(found);
  }
  auto& errors = pages.front()->outcome.rule_errors;
  errors.insert(errors.end(), res.errors.begin(), res.errors.end());
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

// --fix and --diff with the options they cannot go with: a usage error, printed.
bool fix_options_ok(const CommonOptions& opts) {
  const char* wrong = nullptr;
  if (opts.fix && opts.diff)
    wrong = "--fix writes the fixes and --diff prints them; give one of them";
  else if (!opts.fix_rules.empty() && !opts.fix && !opts.diff)
    wrong = "--fix-rule chooses the fixes of --fix or --diff; give one of them";
  else if ((opts.fix || opts.diff) && !opts.write_baseline.empty())
    wrong = "--write-baseline records findings; it does not go with --fix or --diff";
  else if ((opts.fix || opts.diff) && opts.edition)
    wrong = "--edition reports across files; it does not go with --fix or --diff";
  else if (opts.fix && std::find(opts.paths.begin(), opts.paths.end(), "-") != opts.paths.end())
    wrong = "--fix writes files; standard input has none (use --diff)";
  else if ((opts.fix || opts.diff) &&
           std::any_of(opts.paths.begin(), opts.paths.end(), parse::is_pdf_path))
    wrong = "--fix and --diff change text; a PDF is read, not rewritten (check it without them)";
  if (wrong) std::cerr << "tally: " << wrong << "\n";
  return !wrong;
}

// The fixes one pass left out because they overlapped others, on the error stream.
void report_conflicts(const std::string& path, const service::FixRun& run) {
  for (const auto& c : run.conflicts) {
    std::cerr << "tally: " << path << ":" << c.at.line << ":" << c.at.column << ": the fix of ["
              << c.rule << "] overlaps the fix of [" << c.kept_rule << "] at " << c.kept_at.line
              << ":" << c.kept_at.column << ", applied first";
    if (c.pass > 1) std::cerr << " (pass " << c.pass << ")";
    std::cerr << (c.applied_later ? "; settled by the next pass\n" : "; left as it was\n");
  }
  if (!run.settled)
    std::cerr << "tally: " << path << ": fixes still change the text after "
              << service::kMaxFixPasses << " passes (rules whose fixes undo each other)\n";
}

}  // namespace

int run_check(const CommonOptions& opts) {
  std::optional<parse::Date> date;
  if (!parse_date_option(opts.date, date) || !check_stdin_filename(opts) || !fix_options_ok(opts))
    return kUsage;
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
  service::EngineOptions engine_options{opts.rules, opts.config};
  engine_options.fixed_working_folder = true;  // the CLI never changes folder
  service::Engine engine(std::move(engine_options));
  auto in_force = rules_in_force(engine, expanded, opts);
  if (!check_disable(opts.disable, opts.enable, in_force) ||
      !check_rule_ids("--fix-rule", opts.fix_rules, in_force))
    return kUsage;
  report::WriterOptions wopts;
  wopts.err = &std::cerr;
  wopts.color = opts.format == "text" && (opts.output.empty() ? use_color(opts.color, STDOUT_FILENO)
                                                              : opts.color == "always");
  wopts.rules = in_force.front()->infos;
  wopts.group = opts.group;
  // --output: the report is made in memory and written whole at the end (text::atomic_write).
  std::ostringstream to_file;
  std::ostream& report_out = opts.output.empty() ? std::cout : to_file;
  auto writer = format->make(report_out, wopts);
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
  report::IgnoreLists ignore_lists;
  report::RunTotals totals;
  size_t rule_errors = 0;
  size_t fixes = 0, fixed_files = 0;  // --fix, --diff
  int worst = 0;
  auto record_error = [&](const text::InputError& e) {
    ++totals.errors;
    report::FileReport rep{e.path, e, {}, {}, {}};
    if (opts.write_baseline.empty() && !opts.diff) writer->file({rep, nullptr, {}, nullptr});
    if (opts.diff) print_input_error(e);
  };
  for (const auto& e : expanded.errors) record_error(e);
  // --fix and --diff leave alone what the report would leave out. The workers read lists of
  // their own: those of the report count down as its findings use them, on this thread.
  const std::optional<report::Baseline> fix_baseline =
      opts.fix || opts.diff ? baseline : std::nullopt;
  report::IgnoreLists fix_lists;
  std::mutex fix_lists_mutex;
  KnownFor known_for_fix = [&](const std::string& path) -> std::optional<report::Baseline> {
    if (fix_baseline || opts.no_tally_ignore) return fix_baseline;
    std::lock_guard lock(fix_lists_mutex);
    std::string err;  // said by the report, which reads the same list
    const auto* list = report::ignore_list_for(fix_lists, path, err);
    return list ? std::optional<report::Baseline>(*list) : std::nullopt;
  };
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
      return check_file(engine, file, date, opts, known_for_fix);
    } catch (const std::exception& e) {
      Checked c;
      c.error = text::InputError{file, 0, std::string("internal error: ") + e.what()};
      return c;
    }
  };
  // --edition: every page's bytes and lines, for related spans in another page.
  report::OtherFiles others;
  std::vector<std::unique_ptr<text::LineIndex>> page_lines;
  auto consume = [&](Checked& c) {
    if (c.ignored) return;
    if (c.error) return record_error(*c.error);
    const auto& src = *c.source;
    auto* out = &c.outcome;
    std::string_view bytes = src.bytes;
    note_rules(out->rules);
    if (c.fixed) {
      auto& run = *c.fixed;
      report_conflicts(src.path, run);
      if (opts.diff) {
        ++totals.files;
        rule_errors += out->rule_errors.size();
        report_out << report::unified_diff(src.path, src.bytes, run.edits);
        if (run.fixes) ++fixed_files;
        fixes += run.fixes;
        return;
      }
      if (run.fixes) {
        std::string err;
        if (!text::replace_if_unchanged(src.path, src.bytes, run.bytes, err)) {
          if (err.rfind(src.path + ": ", 0) == 0) err.erase(0, src.path.size() + 2);
          return record_error(text::InputError{src.path, 0, err + "; fixes not written"});
        }
        std::cerr << "tally: " << src.path << ": " << run.fixes << " fix"
                  << (run.fixes == 1 ? "" : "es") << " written\n";
        ++fixed_files;
        fixes += run.fixes;
        out = &run.last;  // what is left to report, in the file as it now is
        bytes = run.bytes;
      }
    }
    ++totals.files;
    // Positions are those of findings: a file with none (most files of a batch) needs no index
    // of its lines.
    text::LineIndex index(out->findings.empty() ? std::string_view() : bytes);
    report::FileReport rep{src.path, std::nullopt, report::locate_all(out->findings, bytes, index),
                           out->rule_errors, out->notices};
    rule_errors += out->rule_errors.size();
    if (!opts.write_baseline.empty()) {  // the baseline records them all
      recorded.push_back(std::move(rep));
      return;
    }
    // --baseline FILE, else the file's .tally-ignore (report/ignore_file.hpp): findings let stand.
    report::Baseline* known = baseline ? &*baseline : nullptr;
    if (!known && !opts.no_tally_ignore) {
      std::string err;
      known = report::ignore_list_for(ignore_lists, src.path, err);
      if (!err.empty()) {
        std::cerr << "tally: " << err << "\n";
        ++load_errors;
      }
    }
    if (known) totals.baseline += report::apply_baseline(*known, rep);
    totals.findings += rep.findings.size();
    for (const auto& f : rep.findings) {
      worst = std::max(worst, rank(f.finding.severity));
      totals.count(f.finding);
    }
    writer->file({rep, &*out->document, bytes, &index, opts.edition ? &others : nullptr});
  };
  if (opts.edition) {  // every page is checked before the edition's rules run over them all
    std::vector<Checked> held;
    service::ordered_map<std::string, Checked>(jobs_for(opts.jobs), 4 * jobs_for(opts.jobs), next,
                                               work,
                                               [&](Checked& c) { held.push_back(std::move(c)); });
    check_edition(engine, held, date, opts);
    for (const auto& c : held)
      if (c.source) {
        page_lines.push_back(std::make_unique<text::LineIndex>(c.source->bytes));
        others[c.source->path] = {c.source->bytes, page_lines.back().get()};
      }
    for (auto& c : held) consume(c);
  } else {
    service::ordered_map<std::string, Checked>(jobs_for(opts.jobs), 4 * jobs_for(opts.jobs), next,
                                               work, consume);
  }
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
  if (opts.diff) {  // the diff is the output; exit 1 when there is one, as diff(1) does
    if (!write_output(opts.output, to_file)) return kUsage;
    std::cerr << "tally: " << fixes << " fix" << (fixes == 1 ? "" : "es") << " in " << fixed_files
              << " of " << totals.files << " file" << (totals.files == 1 ? "" : "s")
              << " (not written)\n";
    if (totals.errors || totals.rule_errors) return kUsage;
    return fixes ? kFindings : kClean;
  }
  if (opts.fix)
    std::cerr << "tally: " << fixes << " fix" << (fixes == 1 ? "" : "es") << " written in "
              << fixed_files << " of " << totals.files << " file" << (totals.files == 1 ? "" : "s")
              << "\n";
  writer->finish(totals);
  if (!write_output(opts.output, to_file)) return kUsage;
  const size_t errors = totals.errors;
  if (errors || rule_errors || load_errors) return kUsage;
  auto threshold = rules::parse_severity(opts.fail_on).value_or(report::Severity::Info);
  return worst >= rank(threshold) ? kFindings : kClean;
}

}  // namespace tally::cli
