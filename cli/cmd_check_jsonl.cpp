// tally check --jsonl: an archive as JSON lines, one article per line in, one result per line
// out, in input order, in memory bounded by the thread count (not by the archive's size).
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "parse/parse.hpp"
#include "service/engine.hpp"
#include "service/jsonl_lines.hpp"
#include "service/ordered_map.hpp"
#include "service/record.hpp"

namespace tally::cli {

namespace {

using Line = service::JsonlLine;

int rank(report::Severity s) {
  return s == report::Severity::Error ? 3 : s == report::Severity::Warning ? 2 : 1;
}

}  // namespace

int run_check_jsonl(const CommonOptions& opts) {
  std::optional<parse::Date> date;
  if (!parse_date_option(opts.date, date)) return kUsage;
  std::ifstream file;
  std::istream* in = &std::cin;
  if (opts.jsonl != "-") {
    file.open(opts.jsonl, std::ios::binary);
    if (!file) {
      std::cerr << "tally: " << opts.jsonl << ": cannot open\n";
      return kUsage;
    }
    in = &file;
  }
  service::EngineOptions engine_options{opts.rules, opts.config};
  engine_options.fixed_working_folder = true;  // the CLI never changes folder
  service::Engine engine(std::move(engine_options));
  auto rules = engine.rules_for("./-");
  print_rule_problems(*rules);
  if (!check_disable(opts.disable, opts.enable, {rules})) return kUsage;

  size_t number = 0, articles = 0, findings = 0, bad = 0, rule_errors = 0, notices = 0;
  int worst = 0;
  // Lines over the limit are skipped without ever being held (service/jsonl_lines.hpp).
  service::JsonlLines lines(in->rdbuf());
  std::string read_error;  // the archive stopped being readable part-way (a folder, EIO)
  auto next = [&](Line& line) {
    // libstdc++'s filebuf throws on a read error: the lines read so far are still checked and
    // reported, and the run ends with the error (exit 2) instead of an abort.
    try {
      if (!lines.next(line)) return false;
    } catch (const std::exception& e) {
      read_error = e.what();
      return false;
    }
    number = lines.lines();
    return true;
  };
  service::CheckRequest defaults;
  defaults.date = date;
  defaults.disable = opts.disable;
  defaults.enable = opts.enable;
  parse::parse_input_format(opts.input_format, defaults.input_format);  // checked by main()
  // The same function makes tally_check_record's results (tally.dask): one behaviour for both.
  auto work = [&](const Line& line) {
    auto r = line.too_long ? service::record_too_long(line.number)
                           : service::check_record(engine, line.text, defaults, line.number);
    return std::make_pair(line.number, std::move(r));
  };
  auto consume = [&](std::pair<size_t, service::RecordResult>& numbered) {
    auto& [line, r] = numbered;
    if (r.json.empty()) return;
    if (r.bad) {
      ++bad;
      std::cerr << opts.jsonl << ":" << line << ": error: " << r.error << "\n";
    } else {
      ++articles;
    }
    findings += r.findings;
    rule_errors += r.rule_errors;
    notices += r.notices;
    if (r.worst) worst = std::max(worst, rank(*r.worst));
    std::cout << r.json << '\n';
  };
  service::ordered_map<Line, std::pair<size_t, service::RecordResult>>(
      jobs_for(opts.jobs), 4 * jobs_for(opts.jobs), next, work, consume);
  std::cout.flush();
  std::cerr << "tally: " << findings << " finding" << (findings == 1 ? "" : "s") << " in "
            << articles << " article" << (articles == 1 ? "" : "s");
  if (bad) std::cerr << ", " << bad << " bad line" << (bad == 1 ? "" : "s");
  if (notices) std::cerr << ", " << notices << " notice" << (notices == 1 ? "" : "s");
  if (rule_errors + rules->errors.size())
    std::cerr << ", " << rule_errors + rules->errors.size() << " rule errors";
  std::cerr << "\n";
  if (!read_error.empty()) {
    std::cerr << "tally: " << opts.jsonl << ": cannot read past line " << number << ": "
              << read_error << "\n";
    return kUsage;
  }
  if (bad || rule_errors || !rules->errors.empty()) return kUsage;
  auto threshold = rules::parse_severity(opts.fail_on).value_or(report::Severity::Info);
  return worst >= rank(threshold) ? kFindings : kClean;
}

}  // namespace tally::cli
