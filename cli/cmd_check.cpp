#include <iostream>

#include "cli/commands.hpp"
#include "cli/engines.hpp"
#include "cli/inputs.hpp"
#include "report/json_format.hpp"
#include "report/suppress.hpp"
#include "report/text_format.hpp"
#include "text/line_index.hpp"

namespace tally::cli {

int run_check(const CommonOptions& opts) {
  std::optional<parse::Date> date;
  if (!parse_date_option(opts.date, date)) return kUsage;
  auto expanded = expand_paths(opts.paths);
  Engines engines(opts.rules);
  nlohmann::json files = nlohmann::json::array();
  size_t total = 0, errors = 0, rule_errors = 0, checked = 0;
  auto record_error = [&](const text::InputError& e) {
    ++errors;
    if (opts.format == "json")
      files.push_back(report::input_error_json(e));
    else
      print_input_error(e);
  };
  for (const auto& e : expanded.errors) record_error(e);
  for (const auto& file : expanded.files) {
    auto setup = setup_for(file, opts, date);
    if (!setup.config_error && config::ignored(setup.config, file)) continue;
    // Each file stands alone: a bad one is reported and the others are still checked.
    auto loaded = file == "-" ? text::load_stdin() : text::load_file(file);
    if (!loaded.source) {
      record_error(*loaded.error);
      continue;
    }
    const auto& src = *loaded.source;
    if (setup.config_error) {
      record_error({src.path, 0, "config: " + *setup.config_error});
      continue;
    }
    ++checked;
    auto doc = parse::parse_document(src, setup.options);
    auto& checker = engines.for_config(setup.config);
    auto result = checker.check(doc, src.bytes, settings_for(setup.config, opts.disable, file));
    report::apply_suppressions(doc, src.bytes, result.findings);
    const auto& findings = result.findings;
    total += findings.size();
    rule_errors += result.errors.size();
    text::LineIndex index(src.bytes);
    if (opts.format == "json") {
      files.push_back(report::file_json(doc, findings, result.errors, index));
    } else {
      report::write_findings_text(std::cout, src.path, src.bytes, index, findings);
      for (const auto& e : result.errors)
        std::cerr << src.path << ": rule error: " << e.str() << "\n";
    }
  }
  size_t load_errors = engines.load_errors();
  if (opts.format == "json") {
    std::cout << nlohmann::json{{"version", report::kJsonSchemaVersion},
                                {"files", files},
                                {"summary",
                                 {{"files", checked},
                                  {"findings", total},
                                  {"errors", errors},
                                  {"rule_errors", rule_errors + load_errors}}}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << total << " finding" << (total == 1 ? "" : "s") << " in " << checked << " file"
              << (checked == 1 ? "" : "s");
    if (errors) std::cout << ", " << errors << " input error" << (errors == 1 ? "" : "s");
    if (rule_errors + load_errors)
      std::cout << ", " << rule_errors + load_errors << " rule error"
                << (rule_errors + load_errors == 1 ? "" : "s");
    std::cout << "\n";
  }
  if (errors || rule_errors || load_errors) return kUsage;
  return total ? kFindings : kClean;
}

}  // namespace tally::cli
