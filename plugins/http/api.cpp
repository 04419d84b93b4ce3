#include "api.hpp"

#include "report/json_format.hpp"
#include "service/request_json.hpp"
#include "service/settings.hpp"
#include "text/line_index.hpp"

namespace tally::http {

using nlohmann::json;

json error_body(const std::string& code, const std::string& message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

namespace {

Reply bad(const std::string& code, const std::string& message, int status = 400) {
  return {status, error_body(code, message)};
}

json load_errors_json(const rules::RuleSet& rules) {
  return report::rule_errors_json(rules.errors);
}

}  // namespace

Reply check_v1(service::Engine& engine, std::string_view body) {
  service::CheckRequest req;
  req.filename = "<text>";
  json id;
  if (auto e = service::read_request(body, engine, req, id)) {
    // The message names the field (or the byte, line and column of bad JSON).
    return bad(e.kind == service::RequestError::NotJson ? "bad_json" : "bad_request", e.message);
  }
  auto rules = engine.rules_for(req.filename);
  auto out = engine.check(req);
  if (out.input_error) {
    json e = error_body("bad_text", out.input_error->message);
    e["error"]["offset"] = out.input_error->offset;
    return {422, e};
  }
  json files = json::array();
  report::RunTotals totals;
  totals.rule_errors = rules->errors.size();
  if (!out.ignored) {
    text::LineIndex index(req.text);
    json file = report::file_json(*out.document, out.findings, out.rule_errors, out.notices, index);
    for (const auto& e : load_errors_json(*rules)) file["rule_errors"].push_back(e);
    if (!id.is_null()) file["id"] = id;
    totals.findings = out.findings.size();
    for (const auto& f : out.findings) totals.count(f);
    totals.rule_errors += out.rule_errors.size();
    files.push_back(std::move(file));
  }
  totals.files = files.size();
  return {200,
          {{"version", report::kJsonSchemaVersion},
           {"files", std::move(files)},
           {"summary", report::summary_json(totals, out.notices.size())}}};
}

Reply rules_v1(service::Engine& engine) {
  auto rules = engine.rules_for("<text>");
  auto settings = service::settings_for(engine.config_for("<text>"), {}, "");
  json arr = json::array();
  for (const auto& r : rules->infos) arr.push_back(report::rule_info_json(r, settings));
  return {200, {{"rules", std::move(arr)}, {"errors", load_errors_json(*rules)}}};
}

}  // namespace tally::http
