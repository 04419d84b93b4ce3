#include "api.hpp"

#include <algorithm>

#include "parse/parse.hpp"
#include "report/json_format.hpp"
#include "rules/rule_ids.hpp"
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

bool rule_list(const json& value, const std::string& key, const rules::RuleSet& rules,
               std::vector<std::string>& out, std::string& error) {
  if (!value.is_array()) {
    error = "'" + key + "' must be a list of rule ids";
    return false;
  }
  for (const auto& v : value) {
    if (!v.is_string()) {
      error = "'" + key + "' must be a list of rule ids";
      return false;
    }
    auto id = v.get<std::string>();
    if (auto problem = rules::unknown_rule(id, rules); !problem.empty()) {
      error = "'" + key + "': " + problem + " (GET /v1/rules lists them)";
      return false;
    }
    out.push_back(id);
  }
  return true;
}

Reply check_v1(service::Engine& engine, std::string_view body) {
  json in;
  try {
    in = json::parse(body);
  } catch (const json::parse_error& e) {
    // The message names the byte (or line and column) of the problem.
    return bad("bad_json", std::string("request body is not JSON: ") + e.what());
  }
  if (!in.is_object()) return bad("bad_request", "request body must be a JSON object");
  static const char* known[] = {"text",         "filename", "language", "date",
                                "input_format", "rules",    "disable"};
  for (const auto& [key, value] : in.items())
    if (std::find(std::begin(known), std::end(known), key) == std::end(known))
      return bad("bad_request", "unknown field '" + key +
                                    "' (expected text, filename, language, date, input_format, "
                                    "rules, disable)");
  if (!in.contains("text") || !in["text"].is_string())
    return bad("bad_request", "'text' is required and must be a string");

  service::CheckRequest req;
  req.text = in["text"].get<std::string>();
  req.filename = "<text>";
  if (in.contains("filename")) {
    if (!in["filename"].is_string() || in["filename"].get<std::string>().empty())
      return bad("bad_request", "'filename' must be a non-empty string");
    req.filename = in["filename"].get<std::string>();
  }
  if (in.contains("language")) {
    auto lang = in["language"].is_string() ? in["language"].get<std::string>() : "?";
    if (lang != "zh" && lang != "en" && lang != "auto" && !lang.empty())
      return bad("bad_request", "'language' must be \"zh\", \"en\" or \"auto\"");
    req.language = lang == "auto" ? "" : lang;
  }
  if (in.contains("date") && !in["date"].is_null()) {
    auto s = in["date"].is_string() ? in["date"].get<std::string>() : "";
    if (!s.empty()) {
      req.date = parse::parse_iso_date(s);
      if (!req.date)
        return bad("bad_request", "'date' must be a date as YYYY-MM-DD, got " + in["date"].dump());
    }
  }
  if (in.contains("input_format")) {
    auto f = in["input_format"].is_string() ? in["input_format"].get<std::string>() : "?";
    if (!parse::parse_input_format(f, req.input_format))
      return bad("bad_request", std::string("'input_format' must be ") + parse::kInputFormatNames +
                                    ", not " + in["input_format"].dump());
  }
  auto rules = engine.rules_for(req.filename);
  std::string error;
  if (in.contains("rules") && !rule_list(in["rules"], "rules", *rules, req.only, error))
    return bad("bad_request", error);
  if (in.contains("disable") && !rule_list(in["disable"], "disable", *rules, req.disable, error))
    return bad("bad_request", error);

  auto out = engine.check(req);
  if (out.input_error) {
    json e = error_body("bad_text", out.input_error->message);
    e["error"]["offset"] = out.input_error->offset;
    return {422, e};
  }
  json files = json::array();
  size_t findings = 0, rule_errors = rules->errors.size();
  if (!out.ignored) {
    text::LineIndex index(req.text);
    json file = report::file_json(*out.document, out.findings, out.rule_errors, index);
    for (const auto& e : load_errors_json(*rules)) file["rule_errors"].push_back(e);
    findings = out.findings.size();
    rule_errors += out.rule_errors.size();
    files.push_back(std::move(file));
  }
  size_t checked = files.size();
  return {200,
          {{"version", report::kJsonSchemaVersion},
           {"files", std::move(files)},
           {"summary",
            {{"files", checked},
             {"findings", findings},
             {"baseline", 0},
             {"errors", 0},
             {"rule_errors", rule_errors}}}}};
}

Reply rules_v1(service::Engine& engine) {
  auto rules = engine.rules_for("<text>");
  auto settings = service::settings_for(engine.config_for("<text>"), {}, "");
  json arr = json::array();
  for (const auto& r : rules->infos) arr.push_back(report::rule_info_json(r, settings));
  return {200, {{"rules", std::move(arr)}, {"errors", load_errors_json(*rules)}}};
}

}  // namespace tally::http
