#pragma once
// Machine-readable output; the schema is documented in docs/json.md.
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "parse/document.hpp"
#include "report/finding.hpp"
#include "text/line_index.hpp"

namespace tally::report {

inline constexpr int kJsonSchemaVersion = 1;

nlohmann::json position_json(const text::Position& p);
nlohmann::json span_json(Span s, const text::LineIndex& index);
nlohmann::json findings_json(const std::vector<Finding>& findings, const text::LineIndex& index);
nlohmann::json document_json(const parse::Document& doc, const text::LineIndex& index);

}  // namespace tally::report
