#include "service/request_json.hpp"

#include <algorithm>
#include <iterator>

#include "parse/parse.hpp"
#include "rules/rule_ids.hpp"
#include "rules/rule_set.hpp"
#include "text/json_depth.hpp"
#include "text/suggest.hpp"

namespace tally::service {

using nlohmann::json;

namespace {

RequestError invalid(std::string message) {
  return {RequestError::Invalid, std::move(message), 0};
}

std::string unknown_field(const std::string& key) {
  std::vector<std::string> fields(std::begin(kRequestFields), std::end(kRequestFields));
  std::string all;
  for (const auto& f : fields) all += (all.empty() ? "" : ", ") + f;
  return "unknown field '" + key + "'" + text::did_you_mean(key, fields) + " (a request has " +
         all + ")";
}

// A list of rule ids or "prefix.*": an unknown id is an error with the nearest id suggested,
// since a typo would otherwise silently turn rules off (or, in "rules", every rule).
std::string rule_list(const json& value, const std::string& key, const rules::RuleSet& rules,
                      std::vector<std::string>& out) {
  if (!value.is_array()) return "'" + key + "' must be a list of rule ids";
  for (const auto& v : value) {
    if (!v.is_string()) return "'" + key + "' must be a list of rule ids";
    auto id = v.get<std::string>();
    if (auto problem = rules::unknown_rule(id, rules); !problem.empty())
      return "'" + key + "': " + problem + " (`tally rules` and GET /v1/rules list them)";
    out.push_back(id);
  }
  return "";
}

}  // namespace

RequestError read_request(std::string_view body, Engine& engine, CheckRequest& req, json& id) {
  id = nullptr;
  json in;
  if (auto e = parse_request_json(body, in)) return e;
  return read_request(in, engine, req, id);
}

RequestError parse_request_json(std::string_view body, json& in) {
  if (auto deep = text::json_too_deep(body))
    return {RequestError::NotJson,
            "JSON nested deeper than " + std::to_string(text::kMaxJsonDepth) + " levels at byte " +
                std::to_string(*deep),
            *deep};
  try {
    in = json::parse(body);
  } catch (const json::parse_error& e) {
    // The message names the line and column of the problem.
    return {RequestError::NotJson, std::string("not JSON: ") + e.what(),
            e.byte > 0 ? e.byte - 1 : 0};
  } catch (const json::exception& e) {
    // Valid JSON the reader cannot hold: a number past a double's range (1e400) is out_of_range,
    // not a parse_error, and would otherwise end a whole --jsonl run.
    return {RequestError::NotJson, std::string("unreadable JSON: ") + e.what(), 0};
  }
  return {};
}

RequestError read_request(const json& in, Engine& engine, CheckRequest& req, json& id) {
  id = nullptr;
  if (!in.is_object()) return invalid("a check request must be a JSON object {\"text\": …}");
  if (auto it = in.find("id"); it != in.end()) id = *it;
  for (const auto& item : in.items()) {
    const std::string& key = item.key();  // not a structured binding: clang 14 cannot capture one
    if (std::find_if(std::begin(kRequestFields), std::end(kRequestFields),
                     [&](const char* f) { return key == f; }) == std::end(kRequestFields))
      return invalid(unknown_field(key));
  }
  auto text = in.find("text");
  if (text == in.end() || !text->is_string())
    return invalid("'text' is required and must be a string");
  req.text = text->get<std::string>();
  if (auto f = in.find("filename"); f != in.end()) {
    if (!f->is_string() || f->get<std::string>().empty())
      return invalid("'filename' must be a non-empty string");
    req.filename = f->get<std::string>();
  }
  if (auto l = in.find("language"); l != in.end()) {
    auto lang = l->is_string() ? l->get<std::string>() : "?";
    if (lang != "zh" && lang != "en" && lang != "auto" && !lang.empty())
      return invalid("'language' must be \"zh\", \"en\" or \"auto\"");
    req.language = lang == "auto" ? "" : lang;
  }
  if (auto d = in.find("date"); d != in.end() && !d->is_null() && *d != "") {
    auto date = d->is_string() ? parse::parse_iso_date(d->get<std::string>()) : std::nullopt;
    if (!date) return invalid("'date' must be a date as YYYY-MM-DD, got " + d->dump());
    req.date = date;
  }
  if (auto f = in.find("input_format"); f != in.end()) {
    auto name = f->is_string() ? f->get<std::string>() : "?";
    if (!parse::parse_input_format(name, req.input_format))
      return invalid(std::string("'input_format' must be ") + parse::kInputFormatNames + ", not " +
                     f->dump());
  }
  bool rules = in.contains("rules"), disable = in.contains("disable"),
       enable = in.contains("enable");
  if (rules || disable || enable) {
    auto set = engine.rules_for(req.filename);
    std::string error;
    if (rules) error = rule_list(in["rules"], "rules", *set, req.only);
    if (error.empty() && disable) error = rule_list(in["disable"], "disable", *set, req.disable);
    if (error.empty() && enable) error = rule_list(in["enable"], "enable", *set, req.enable);
    if (!error.empty()) return invalid(error);
  }
  return {};
}

}  // namespace tally::service
