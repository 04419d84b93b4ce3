#include "service/record.hpp"

#include "report/json_format.hpp"
#include "service/request_json.hpp"
#include "text/line_index.hpp"

namespace tally::service {

using nlohmann::json;

namespace {

std::string dumped(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

RecordResult bad_record(size_t number, const json& id, const std::string& message, size_t offset) {
  RecordResult r;
  r.bad = true;
  r.error = message;
  json out = {{"id", id},
              {"error", {{"message", message}, {"offset", offset}}},
              {"findings", json::array()}};
  if (number > 0) out["line"] = number;
  r.json = dumped(out);
  return r;
}

int rank(report::Severity s) {
  return s == report::Severity::Error ? 3 : s == report::Severity::Warning ? 2 : 1;
}

}  // namespace

RecordResult record_too_long(size_t number) {
  return bad_record(number, nullptr, "line longer than the 8 MiB limit for one article", 0);
}

namespace {

RecordResult checked_record(Engine& engine, std::string_view line, const CheckRequest& defaults,
                            size_t number, json& id) {
  CheckRequest req;
  req.filename = "<jsonl>";
  req.date = defaults.date;
  req.language = defaults.language;
  req.disable = defaults.disable;
  req.enable = defaults.enable;
  req.input_format = defaults.input_format;
  if (auto e = read_request(line, engine, req, id))
    return bad_record(number, id, e.message, e.offset);
  auto outcome = engine.check(req);
  if (outcome.input_error)
    return bad_record(number, id, "text: " + outcome.input_error->message,
                      outcome.input_error->offset);
  RecordResult r;
  if (outcome.ignored) {  // the config's ignore globs name its filename
    json out = {{"id", id}, {"error", nullptr}, {"ignored", true}, {"findings", json::array()}};
    if (number > 0) out["line"] = number;
    r.json = dumped(out);
    return r;
  }
  text::LineIndex index(req.text);
  // Written as text like the findings (most of a batch run's output).
  report::append_record_json(r.json, *outcome.document, outcome.findings, outcome.rule_errors,
                             outcome.notices, index, dumped(id), number);
  r.findings = outcome.findings.size();
  r.rule_errors = outcome.rule_errors.size();
  r.notices = outcome.notices.size();
  for (const auto& f : outcome.findings)
    if (!r.worst || rank(f.severity) > rank(*r.worst)) r.worst = f.severity;
  return r;
}

}  // namespace

RecordResult check_record(Engine& engine, std::string_view line, const CheckRequest& defaults,
                          size_t number) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // Blank lines (a trailing newline, spacing) are skipped, not errors.
  if (line.find_first_not_of(" \t") == std::string_view::npos) return {};
  if (line.size() > text::kMaxInputBytes) return record_too_long(number);
  json id;
  // Whatever goes wrong with one record is that record's error: an archive run (and a Dask
  // partition) keeps every other line's results.
  try {
    return checked_record(engine, line, defaults, number, id);
  } catch (const std::exception& e) {
    return bad_record(number, id, std::string("internal error: ") + e.what(), 0);
  }
}

}  // namespace tally::service
