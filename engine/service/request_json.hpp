#pragma once
// A check request written as JSON: the body of POST /v1/check (docs/http.md), one line of
// `tally check --jsonl` (docs/batch.md) and a record given to tally_check_record (tally.dask).
// One reader for all of them, so that they accept the same fields and reject the same mistakes
// with the same words. The fields are documented in docs/json.md ("Check requests").
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "service/engine.hpp"

namespace tally::service {

// Every field a request may carry, in the order the docs list them.
inline constexpr const char* kRequestFields[] = {
    "id", "text", "filename", "language", "date", "input_format", "rules", "disable", "enable"};

struct RequestError {
  enum Kind { None, NotJson, Invalid } kind = None;
  std::string message;  // names the field; for NotJson, the parser's line and column
  size_t offset = 0;    // byte of the request where a NotJson problem was found
  explicit operator bool() const { return kind != None; }
};

// Parses `body` and fills `req` from it. `req` comes in with the caller's defaults (a date from
// --date, an input format from --input-format, rule ids from --disable, a filename): "date"
// replaces the default when it is neither null nor "", "input_format" replaces it, "disable"
// and "enable" (rules off by default) add to it, "rules" runs only the rules named. Rule ids are
// checked against the rules in force for the request's filename. `id` receives the "id" field (any
// JSON value; null when absent), even when the request is otherwise invalid.
RequestError read_request(std::string_view body, Engine& engine, CheckRequest& req,
                          nlohmann::json& id);
// The parsing step of the above alone: `body` as JSON (its nesting bounded), or NotJson with
// where it went wrong. For callers that take fields of their own off the request first.
RequestError parse_request_json(std::string_view body, nlohmann::json& out);
// The same for a request already parsed.
RequestError read_request(const nlohmann::json& in, Engine& engine, CheckRequest& req,
                          nlohmann::json& id);

}  // namespace tally::service
