#include <iostream>

#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "facts/extract.hpp"
#include "report/facts_format.hpp"
#include "report/json_format.hpp"
#include "text/line_index.hpp"

namespace tally::cli {

int run_facts(const CommonOptions& opts) {
  std::optional<parse::Date> date;
  if (!parse_date_option(opts.date, date) || !check_stdin_filename(opts)) return kUsage;
  auto expanded = expand_inputs(opts);
  bool failed = !expanded.errors.empty();
  for (const auto& e : expanded.errors) print_input_error(e);
  nlohmann::json docs = nlohmann::json::array();
  for (const auto& file : expanded.files) {
    auto setup = setup_for(file, opts, date);
    if (setup.config_error) {
      std::cerr << *setup.config_error << "\n";
      failed = true;
      continue;
    }
    auto loaded = load_input(file, opts, setup.encoding);
    if (!loaded.source) {
      print_input_error(*loaded.error);
      failed = true;
      continue;
    }
    const auto& src = *loaded.source;
    auto doc = parse::parse_document(src, setup.options);
    auto facts = facts::extract_document_facts(doc);
    text::LineIndex index(src.bytes);
    if (opts.format == "json")
      docs.push_back(report::facts_json(doc, facts, index));
    else
      report::write_facts_text(std::cout, doc, facts, src.bytes, index);
  }
  if (opts.format == "json")
    std::cout << report::dump_json(
                     nlohmann::json{{"version", report::kJsonSchemaVersion}, {"documents", docs}},
                     2)
              << "\n";
  return failed ? kUsage : kClean;
}

}  // namespace tally::cli
