#pragma once
// Tally's own HTTP API (docs/http.md), free of any HTTP library so it is tested directly:
// POST /v1/check and GET /v1/rules turn a request body into a status and a JSON body.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "service/engine.hpp"

namespace tally::http {

struct Reply {
  int status = 200;
  nlohmann::json body;
};

// {"error": {"code": code, "message": message}}: every 4xx and 5xx the server sends.
nlohmann::json error_body(const std::string& code, const std::string& message);

// POST /v1/check with {"text", "filename"?, "language"?, "date"?, "rules"?, "disable"?}.
Reply check_v1(service::Engine& engine, std::string_view body);
// GET /v1/rules: every rule in force, and rule files that failed to load.
Reply rules_v1(service::Engine& engine);

// Reads the optional list of rule ids or "prefix.*" named `key`; an unknown id is an error
// (a typo would otherwise silently turn every rule off).
bool rule_list(const nlohmann::json& value, const std::string& key, const rules::RuleSet& rules,
               std::vector<std::string>& out, std::string& error);

}  // namespace tally::http
