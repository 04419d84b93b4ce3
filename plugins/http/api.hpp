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

// POST /v1/check with a check request (service/request_json.hpp: "text", "id"?, "filename"?,
// "language"?, "date"?, "rules"?, "disable"?), read as `tally check --jsonl` reads a line.
Reply check_v1(service::Engine& engine, std::string_view body);
// GET /v1/rules: every rule in force, and rule files that failed to load.
Reply rules_v1(service::Engine& engine);

}  // namespace tally::http
