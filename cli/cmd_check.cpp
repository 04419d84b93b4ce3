#include <iostream>

#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "report/artifacts.hpp"
#include "report/json_format.hpp"
#include "report/text_format.hpp"
#include "text/line_index.hpp"

namespace tally::cli {

int run_check(const CommonOptions& opts) {
  std::optional<parse::Date> date;
  if (!parse_date_option(opts.date, date)) return kUsage;
  auto expanded = expand_paths(opts.paths);
  nlohmann::json files = nlohmann::json::array();
  size_t total = 0, errors = 0;
  auto record_error = [&](const text::InputError& e) {
    ++errors;
    if (opts.format == "json")
      files.push_back({{"path", e.path},
                       {"error", {{"message", e.message}, {"offset", e.offset}}},
                       {"findings", nlohmann::json::array()}});
    else
      print_input_error(e);
  };
  for (const auto& e : expanded.errors) record_error(e);
  for (const auto& file : expanded.files) {
    // Each file stands alone: a bad one is reported and the others are still checked.
    auto loaded = file == "-" ? text::load_stdin() : text::load_file(file);
    if (!loaded.source) {
      record_error(*loaded.error);
      continue;
    }
    const auto& src = *loaded.source;
    auto setup = setup_for(file, opts, date);
    if (setup.config_error) {
      record_error({src.path, 0, "config: " + *setup.config_error});
      continue;
    }
    auto doc = parse::parse_document(src, setup.options);
    auto findings = report::artifact_findings(doc, src.bytes);
    total += findings.size();
    text::LineIndex index(src.bytes);
    if (opts.format == "json")
      files.push_back(
          {{"path", src.path},
           {"error", nullptr},
           {"articles", doc.articles.size()},
           {"publication_date", doc.publication_date ? nlohmann::json(doc.publication_date->iso())
                                                     : nlohmann::json(nullptr)},
           {"findings", report::findings_json(findings, index)}});
    else
      report::write_findings_text(std::cout, src.path, src.bytes, index, findings);
  }
  if (opts.format == "json") {
    std::cout << nlohmann::json{{"version", report::kJsonSchemaVersion},
                                {"files", files},
                                {"summary",
                                 {{"files", expanded.files.size()},
                                  {"findings", total},
                                  {"errors", errors}}}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << total << " finding" << (total == 1 ? "" : "s") << " in " << expanded.files.size()
              << " file" << (expanded.files.size() == 1 ? "" : "s");
    if (errors) std::cout << ", " << errors << " input error" << (errors == 1 ? "" : "s");
    std::cout << "\n";
  }
  if (errors) return kUsage;
  return total ? kFindings : kClean;
}

}  // namespace tally::cli
