#pragma once
// Machine-readable output; the schema is documented in docs/json.md.
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "findings/finding.hpp"
#include "findings/notice.hpp"
#include "findings/rule_info.hpp"
#include "findings/settings.hpp"
#include "parse/document.hpp"
#include "report/json_text.hpp"  // append_json_string
#include "report/other_files.hpp"
#include "report/writer.hpp"
#include "text/line_index.hpp"
#include "text/source.hpp"

namespace tally::report {

// 2: `summary` counts findings by severity and by rule, and names unreadable inputs
// `input_errors` (version 1 called them `errors`, which read as error findings).
inline constexpr int kJsonSchemaVersion = 2;

nlohmann::json position_json(const text::Position& p);
nlohmann::json span_json(Span s, const text::LineIndex& index);
// `others`: the edition's other files, for related spans in them (their `file` and positions).
// `doc`, when given and read from a PDF, adds each finding's "pdf": {"page", "bbox"}.
nlohmann::json findings_json(const std::vector<Finding>& findings, const text::LineIndex& index,
                             const OtherFiles* others = nullptr,
                             const parse::Document* doc = nullptr);
// Appends exactly what findings_json(findings, index).dump() prints, written as text: a dense
// page has hundreds of findings, and a JSON tree of them cost more than a third of checking it
// (a batch run writes one such array per article).
void append_findings_json(std::string& out, const std::vector<Finding>& findings,
                          const text::LineIndex& index, const OtherFiles* others = nullptr,
                          const parse::Document* doc = nullptr);
// `j` as text, invalid UTF-8 (a file name, a house rule's description) replaced by U+FFFD rather
// than thrown: nlohmann's plain dump() raises type_error 316 and would end the whole run. Every
// JSON Tally prints goes through here or through the append_… functions below.
std::string dump_json(const nlohmann::json& j, int indent = -1);
nlohmann::json rule_errors_json(const std::vector<rules::RuleError>& errors);
nlohmann::json notices_json(const std::vector<Notice>& notices);
// One entry of `files` in `tally check --format json` (docs/json.md).
nlohmann::json file_json(const parse::Document& doc, const std::vector<Finding>& findings,
                         const std::vector<rules::RuleError>& rule_errors,
                         const std::vector<Notice>& notices, const text::LineIndex& index,
                         const OtherFiles* others = nullptr);
// file_json(...).dump(), written as text (the C API's result JSON, one per checked text).
void append_file_json(std::string& out, const parse::Document& doc,
                      const std::vector<Finding>& findings,
                      const std::vector<rules::RuleError>& rule_errors,
                      const std::vector<Notice>& notices, const text::LineIndex& index,
                      const OtherFiles* others = nullptr);
// The same object with "id" (`id_json`, already JSON) and "line" in place of "path": a result
// line of `tally check --jsonl` (docs/batch.md). `line` 0 leaves "line" out (a record checked
// on its own, as tally.dask does).
void append_record_json(std::string& out, const parse::Document& doc,
                        const std::vector<Finding>& findings,
                        const std::vector<rules::RuleError>& rule_errors,
                        const std::vector<Notice>& notices, const text::LineIndex& index,
                        std::string_view id_json, size_t line);
// One entry of `tally rules --format json` and of the HTTP server's GET /v1/rules, with the
// severity and on/off state the settings give it.
nlohmann::json rule_info_json(const rules::RuleInfo& rule, const rules::CheckSettings& settings);
// A rule family as {"id": "percent", "name": {"zh": "百分比", "en": "Percentages"}}.
nlohmann::json family_json(std::string_view id);
nlohmann::json input_error_json(const text::InputError& e);
// The `summary` of `tally check --format json` and of POST /v1/check.
nlohmann::json summary_json(const RunTotals& totals, size_t notices);
nlohmann::json document_json(const parse::Document& doc, const text::LineIndex& index);

}  // namespace tally::report
