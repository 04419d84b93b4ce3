#include "report/writer.hpp"

namespace tally::report {

// Each format's file defines its writer.
std::unique_ptr<Writer> make_text_writer(std::ostream&, const WriterOptions&);
std::unique_ptr<Writer> make_json_writer(std::ostream&, const WriterOptions&);
std::unique_ptr<Writer> make_jsonl_writer(std::ostream&, const WriterOptions&);
std::unique_ptr<Writer> make_sarif_writer(std::ostream&, const WriterOptions&);
std::unique_ptr<Writer> make_github_writer(std::ostream&, const WriterOptions&);
std::unique_ptr<Writer> make_junit_writer(std::ostream&, const WriterOptions&);
std::unique_ptr<Writer> make_checkstyle_writer(std::ostream&, const WriterOptions&);
std::unique_ptr<Writer> make_html_writer(std::ostream&, const WriterOptions&);

const std::vector<OutputFormat>& output_formats() {
  static const std::vector<OutputFormat> formats = {
      {"text", "findings with the source line underlined, for people", make_text_writer},
      {"json", "one JSON object for the run (docs/json.md)", make_json_writer},
      {"jsonl", "one JSON object per file, a line each, as files are checked", make_jsonl_writer},
      {"sarif", "SARIF 2.1.0, for code scanning", make_sarif_writer},
      {"github", "GitHub Actions workflow commands (annotations)", make_github_writer},
      {"junit", "JUnit XML, a test case per file", make_junit_writer},
      {"checkstyle", "checkstyle XML", make_checkstyle_writer},
      {"html", "one self-contained HTML page for people (docs/report.md)", make_html_writer},
  };
  return formats;
}

const OutputFormat* find_output_format(std::string_view name) {
  for (const auto& f : output_formats())
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> output_format_names() {
  std::vector<std::string> out;
  for (const auto& f : output_formats()) out.emplace_back(f.name);
  return out;
}

void RunTotals::count(const Finding& f) {
  ++by_severity[static_cast<int>(f.severity)];
  ++by_rule[f.rule];
}

}  // namespace tally::report
