#pragma once
// The output formats of `tally check`, behind one interface after ripgrep's Sink: a writer is
// told about each input in the order the paths were given (`file`), then once about the run
// (`finish`). Streaming formats (text, JSON lines, GitHub) write as inputs arrive; whole-run
// formats (JSON, SARIF, JUnit, checkstyle) keep what they need and write at the end. The table
// of formats (output_formats) is the one list of names: --format's choices, its help, the
// completions and the error for an unknown name all come from it.
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "findings/rule_info.hpp"
#include "parse/document.hpp"
#include "report/file_report.hpp"
#include "report/other_files.hpp"
#include "text/line_index.hpp"

namespace tally::report {

// One input of the run: checked (its document, bytes and line index are set) or not readable
// (`report.error` is set and the rest is empty).
struct CheckedFile {
  const FileReport& report;  // findings located, the baseline already applied
  const parse::Document* document = nullptr;
  std::string_view bytes;
  const text::LineIndex* index = nullptr;
  // An edition's other files, for related spans in them (Related::file); nullptr outside one.
  const OtherFiles* others = nullptr;
};

// What only the whole run knows.
struct RunTotals {
  size_t files = 0;        // checked
  size_t findings = 0;     // reported (after the baseline)
  size_t baseline = 0;     // left out as known
  size_t errors = 0;       // inputs that could not be read or configured
  size_t rule_errors = 0;  // rules that failed to load or stopped with an error
  // The findings reported, by severity (indexed by Severity: error, warning, info) and by rule
  // id, for the summaries at the end of the text and JSON output.
  size_t by_severity[3] = {0, 0, 0};
  std::map<std::string, size_t> by_rule;
  void count(const Finding& f);
};

struct WriterOptions {
  std::ostream* err = nullptr;         // where text output puts errors (stderr)
  bool color = false;                  // ANSI colours, for text on a terminal
  bool group = false;                  // text: one entry per rule and article (--group)
  std::vector<rules::RuleInfo> rules;  // the rules in force, for formats that list them
};

class Writer {
 public:
  virtual ~Writer() = default;
  virtual void file(const CheckedFile& f) = 0;
  virtual void finish(const RunTotals&) {}
};

struct OutputFormat {
  std::string_view name;
  std::string_view description;
  std::unique_ptr<Writer> (*make)(std::ostream& out, const WriterOptions& options);
};

// Every format, in the order --help lists them; the first is the default.
const std::vector<OutputFormat>& output_formats();
const OutputFormat* find_output_format(std::string_view name);
std::vector<std::string> output_format_names();

}  // namespace tally::report
