#pragma once
// Output of `tally facts`: every fact with its type, values and span. Schema in docs/facts.md.
#include <nlohmann/json.hpp>
#include <ostream>

#include "facts/extract.hpp"
#include "parse/document.hpp"
#include "text/line_index.hpp"

namespace tally::report {

nlohmann::json facts_json(const parse::Document& doc, const std::vector<facts::ArticleFacts>& facts,
                          const text::LineIndex& index);

// One line per fact: "line:col  type  as-written  key=value …".
void write_facts_text(std::ostream& out, const parse::Document& doc,
                      const std::vector<facts::ArticleFacts>& facts, std::string_view bytes,
                      const text::LineIndex& index);

}  // namespace tally::report
