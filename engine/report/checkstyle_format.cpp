#include <fmt/format.h>

#include "report/ci_formats.hpp"
#include "report/writer.hpp"

namespace tally::report {

void write_checkstyle(std::ostream& out, const std::vector<FileReport>& files) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  for (const auto& f : files) {
    out << "  <file name=\"" << xml_escape(f.path) << "\">\n";
    if (f.error)
      out << "    <error line=\"1\" severity=\"error\" message=\"" << xml_escape(f.error->message)
          << "\" source=\"tally.input\"/>\n";
    for (const auto& e : f.rule_errors)
      out << "    <error line=\"1\" severity=\"error\" message=\"" << xml_escape(e.str())
          << "\" source=\"tally.rule-error\"/>\n";
    for (const auto& x : f.findings)
      out << fmt::format(
          "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>\n",
          x.start.line, x.start.column, severity_name(x.finding.severity),
          xml_escape(x.finding.message), xml_escape("tally." + x.finding.rule));
    out << "  </file>\n";
  }
  out << "</checkstyle>\n";
}

namespace {

// The whole run at the end: the format has one document for all files.
class CheckstyleWriter : public Writer {
 public:
  CheckstyleWriter(std::ostream& out, const WriterOptions&) : out_(out) {}
  void file(const CheckedFile& f) override { files_.push_back(f.report); }
  void finish(const RunTotals&) override { write_checkstyle(out_, files_); }

 private:
  std::ostream& out_;
  std::vector<FileReport> files_;
};

}  // namespace

std::unique_ptr<Writer> make_checkstyle_writer(std::ostream& out, const WriterOptions& o) {
  return std::make_unique<CheckstyleWriter>(out, o);
}

}  // namespace tally::report
