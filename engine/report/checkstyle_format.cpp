#include <fmt/format.h>

#include "report/ci_formats.hpp"

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

}  // namespace tally::report
