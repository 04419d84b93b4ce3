#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <set>

#include "cli/color.hpp"
#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "report/baseline.hpp"
#include "report/ci_formats.hpp"
#include "report/json_format.hpp"
#include "report/text_format.hpp"
#include "service/engine.hpp"
#include "service/ordered_map.hpp"
#include "text/line_index.hpp"

namespace tally::cli {

namespace {

int rank(report::Severity s) {
  return s == report::Severity::Error ? 3 : s == report::Severity::Warning ? 2 : 1;
}

std::vector<report::Finding> plain(const std::vector<report::LocatedFinding>& located) {
  std::vector<report::Finding> out;
  for (const auto& l : located) out.push_back(l.finding);
  return out;
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
  const bool text_out = opts.format == "text";
  const bool color = text_out && use_color(opts.color, STDOUT_FILENO);
  auto expanded = expand_inputs(opts);
  service::Engine engine({opts.rules, opts.config});
  if (!opts.disable.empty() && !check_disable(opts.disable, rules_in_force(engine, expanded, opts)))
    return kUsage;
  // Rule sets met so far (one per config), their load errors printed once.
  std::vector<std::shared_ptr<const rules::RuleSet>> sets;
  size_t load_errors = 0;
  auto note_rules = [&](const std::shared_ptr<const rules::RuleSet>& set) {
    if (std::find(sets.begin(), sets.end(), set) != sets.end()) return;
    sets.push_back(set);
    for (const auto& e : set->errors) print_rule_error(e);
    load_errors += set->errors.size();
  };
  std::vector<report::FileReport> reports;  // for every format but text, printed at the end
  nlohmann::json files = nlohmann::json::array();
  size_t total = 0, errors = 0, rule_errors = 0, checked = 0, known = 0;
  std::vector<std::pair<std::string, report::Notice>> notices;  // for the text footer
  int worst = 0;
  auto record_error = [&](const text::InputError& e) {
    ++errors;
    if (opts.format == "json") files.push_back(report::input_error_json(e));
    if (text_out) print_input_error(e);
    reports.push_back({e.path, e, {}, {}, {}});
  };
  for (const auto& e : expanded.errors) record_error(e);
  // Files are checked on --jobs threads; results are reported here in the order of the paths.
  size_t next_file = 0;
  auto next = [&](std::string& file) {
    if (next_file == expanded.files.size()) return false;
    file = expanded.files[next_file++];
    return true;
  };
  auto work = [&](const std::string& file) { return check_file(engine, file, date, opts); };
  auto consume = [&](Checked& c) {
    if (c.ignored) return;
    if (c.error) return record_error(*c.error);
    const auto& src = *c.source;
    auto& out = c.outcome;
    note_rules(out.rules);
    ++checked;
    const auto& doc = *out.document;
    text::LineIndex index(src.bytes);
    report::FileReport rep{src.path, std::nullopt,
                           report::locate_all(out.findings, src.bytes, index), out.rule_errors,
                           out.notices};
    for (const auto& n : out.notices) notices.emplace_back(src.path, n);
    if (!opts.write_baseline.empty()) reports.push_back(rep);  // the baseline records them all
    if (baseline) known += report::apply_baseline(*baseline, rep);
    auto findings = plain(rep.findings);
    total += findings.size();
    rule_errors += out.rule_errors.size();
    for (const auto& f : findings) worst = std::max(worst, rank(f.severity));
    if (opts.format == "json") {
      files.push_back(report::file_json(doc, findings, out.rule_errors, out.notices, index));
    } else if (text_out) {
      report::write_findings_text(std::cout, src.path, src.bytes, index, findings, color);
      for (const auto& e : out.rule_errors)
        std::cerr << src.path << ": rule error: " << e.str() << "\n";
    }
    // Only the CI formats print from the whole list; text and JSON stream and need none of it.
    if (opts.write_baseline.empty() && !text_out && opts.format != "json")
      reports.push_back(std::move(rep));
  };
  service::ordered_map<std::string, Checked>(jobs_for(opts.jobs), 4 * jobs_for(opts.jobs), next,
                                             work, consume);
  if (!opts.write_baseline.empty()) {
    std::string err;
    if (!report::write_baseline(opts.write_baseline, reports, err)) {
      std::cerr << "tally: " << err << "\n";
      return kUsage;
    }
    std::cerr << "tally: wrote " << opts.write_baseline << "\n";
    return errors || rule_errors || load_errors ? kUsage : kClean;
  }
  if (opts.format == "json") {
    std::cout << nlohmann::json{{"version", report::kJsonSchemaVersion},
                                {"files", files},
                                {"summary",
                                 {{"files", checked},
                                  {"findings", total},
                                  {"baseline", known},
                                  {"errors", errors},
                                  {"rule_errors", rule_errors + load_errors},
                                  {"notices", notices.size()}}}}
                     .dump(2)
              << "\n";
  } else if (text_out) {
    report::write_notices_text(std::cout, notices);
    std::cout << total << " finding" << (total == 1 ? "" : "s") << " in " << checked << " file"
              << (checked == 1 ? "" : "s");
    if (known) std::cout << ", " << known << " known from the baseline";
    if (errors) std::cout << ", " << errors << " input error" << (errors == 1 ? "" : "s");
    if (rule_errors + load_errors)
      std::cout << ", " << rule_errors + load_errors << " rule error"
                << (rule_errors + load_errors == 1 ? "" : "s");
    std::cout << "\n";
  } else if (opts.format == "sarif") {
    std::vector<rules::RuleInfo> infos;
    if (!sets.empty()) infos = sets.front()->infos;
    report::write_sarif(std::cout, reports, infos);
  } else if (opts.format == "github") {
    report::write_github(std::cout, reports);
  } else if (opts.format == "junit") {
    report::write_junit(std::cout, reports);
  } else {
    report::write_checkstyle(std::cout, reports);
  }
  if (errors || rule_errors || load_errors) return kUsage;
  auto threshold = rules::parse_severity(opts.fail_on).value_or(report::Severity::Info);
  return worst >= rank(threshold) ? kFindings : kClean;
}

}  // namespace tally::cli
