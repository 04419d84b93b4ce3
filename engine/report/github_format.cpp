#include <fmt/format.h>

#include "report/ci_formats.hpp"
#include "report/writer.hpp"

namespace tally::report {

namespace {

// Workflow command escaping: data escapes % CR LF; property values also : and ,.
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

const char* command(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "notice";
  }
  return "notice";
}

}  // namespace

void write_github_file(std::ostream& out, const FileReport& file) {
  std::string path = escape_property(file.path);
  if (file.error) {
    out << "::error file=" << path << ",title=tally::" << escape_data(file.error->message) << "\n";
    return;
  }
  for (const auto& e : file.rule_errors)
    out << "::error file=" << path << ",title=" << escape_property("tally rule error")
        << "::" << escape_data(e.str()) << "\n";
  for (const auto& f : file.findings)
    out << fmt::format("::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                       command(f.finding.severity), path, f.start.line, f.start.column, f.end.line,
                       f.end.column, escape_property(f.finding.rule),
                       escape_data(f.finding.message));
  for (const auto& n : file.notices)
    out << "::notice file=" << path << ",title=" << escape_property("tally " + n.id)
        << "::" << escape_data(n.message) << "\n";
}

namespace {

class GithubWriter : public Writer {
 public:
  explicit GithubWriter(std::ostream& out) : out_(out) {}
  void file(const CheckedFile& f) override { write_github_file(out_, f.report); }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Writer> make_github_writer(std::ostream& out, const WriterOptions&) {
  return std::make_unique<GithubWriter>(out);
}

}  // namespace tally::report
