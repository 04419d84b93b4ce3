#pragma once
// What Tally tells an editor: one finding per problem, pointing at the original bytes.
#include <optional>
#include <string>
#include <vector>

#include "text/line_index.hpp"
#include "text/span.hpp"

namespace tally::report {

enum class Severity { Error, Warning, Info };
const char* severity_name(Severity s);

// One replacement: the bytes of `span` become `replacement`.
struct Edit {
  Span span;
  std::string replacement;
};

// A suggested fix: one edit, or several applied together when one finding stands for many marks
// of the same slip (an article set with ASCII punctuation throughout gets one finding whose fix
// replaces every mark). `span`/`replacement` is the first edit; `more` the rest, in file order,
// none overlapping another.
struct Fix {
  Span span;                // bytes to replace
  std::string replacement;  // with this text
  std::vector<Edit> more;   // further edits applied with the first; empty for most fixes

  // Every edit, the first included, in file order.
  std::vector<Edit> edits() const;
  // The extent from the first edit's start to the last one's end.
  Span extent() const;
};

// A span a finding was computed from (the part and the whole of a rate), with a short label in
// the article's language ("分子", "whole").
struct Related {
  Span span;
  std::string label;
  std::string file;  // another file of the edition; empty when the span is in the finding's own file
};

struct Finding {
  std::string rule;  // "artifact.doubled-text"
  Severity severity = Severity::Warning;
  std::string message;  // in the article's language
  Span span;
  std::optional<Fix> fix;
  int article = -1;              // index of the article it was found in, -1 for the document
  std::vector<Related> related;  // the spans it was computed from, in the order the rule gave
};

// A finding with its span resolved to editor positions.
struct Located {
  const Finding* finding;
  text::Position start, end;
};

std::vector<Located> locate(const std::vector<Finding>& findings, const text::LineIndex& index);

// Orders findings by position, then rule id, so output is stable.
void sort_findings(std::vector<Finding>& findings);

}  // namespace tally::report
