#include <fmt/format.h>

#include "report/ci_formats.hpp"
#include "report/writer.hpp"

namespace tally::report {

// One test case per file: it fails with its findings listed, or errors when it could not be
// read or a rule failed on it. Notices (rules that could not run) do not fail it; they are
// its <system-out>, which CI test views show beside the case.
void write_junit(std::ostream& out, const std::vector<FileReport>& files) {
  size_t failures = 0, errors = 0;
  for (const auto& f : files) {
    if (f.error || !f.rule_errors.empty())
      ++errors;
    else if (!f.findings.empty())
      ++failures;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites name=\"tally\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                     files.size(), failures, errors);
  out << fmt::format("  <testsuite name=\"tally\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                     files.size(), failures, errors);
  for (const auto& f : files) {
    std::string name = xml_escape(f.path);
    out << "    <testcase classname=\"tally\" name=\"" << name << "\" file=\"" << name << "\"";
    if (!f.error && f.findings.empty() && f.rule_errors.empty() && f.notices.empty()) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    if (f.error)
      out << "      <error message=\"" << xml_escape(f.error->message) << "\" type=\"input\"/>\n";
    for (const auto& e : f.rule_errors)
      out << "      <error message=\"" << xml_escape(e.str()) << "\" type=\"rule\"/>\n";
    if (!f.findings.empty()) {
      out << fmt::format("      <failure message=\"{} finding{}\" type=\"tally\">",
                         f.findings.size(), f.findings.size() == 1 ? "" : "s");
      for (const auto& x : f.findings)
        out << xml_escape(fmt::format("{}:{}:{}: {} [{}] {}\n", f.path, x.start.line,
                                      x.start.column, severity_name(x.finding.severity),
                                      x.finding.rule, x.finding.message));
      out << "</failure>\n";
    }
    if (!f.notices.empty()) {
      out << "      <system-out>";
      for (const auto& n : f.notices)
        out << xml_escape(fmt::format("{}: notice [{}] {}\n", f.path, n.id, n.message));
      out << "</system-out>\n";
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

namespace {

// The whole run at the end: the format has one document for all files.
class JunitWriter : public Writer {
 public:
  JunitWriter(std::ostream& out, const WriterOptions&) : out_(out) {}
  void file(const CheckedFile& f) override { files_.push_back(f.report); }
  void finish(const RunTotals&) override { write_junit(out_, files_); }

 private:
  std::ostream& out_;
  std::vector<FileReport> files_;
};

}  // namespace

std::unique_ptr<Writer> make_junit_writer(std::ostream& out, const WriterOptions& o) {
  return std::make_unique<JunitWriter>(out, o);
}

}  // namespace tally::report
