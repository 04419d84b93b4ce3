#pragma once
// What a JSON-RPC message is (request, notification, a response from the client, or not a valid
// message at all) and typed reads of its params. Everything a client sends goes through here
// before the server acts on it, so a value of the wrong type becomes an error for that message
// (-32600 or -32602, docs/lsp.md "Bad messages"), never an exception that ends the server or an
// out-of-range conversion.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tally::lsp {

struct Envelope {
  enum Kind { Request, Notification, Response, Invalid } kind = Invalid;
  std::string method;
  nlohmann::json id;      // a request's id; for an invalid message, its id when usable, else null
  nlohmann::json params;  // an object or array; null when absent
  std::string error;      // Invalid: why (the -32600 message)
};

Envelope classify(const nlohmann::json& message);

// A param is missing or of the wrong type: -32602 for a request, a logged and ignored
// notification. The message names the field ("textDocument.uri must be a string").
struct InvalidParams : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `obj[key]`, which must be an object; `where` names obj in messages ("" for params itself).
const nlohmann::json& object_field(const nlohmann::json& obj, const char* key,
                                   const std::string& where);
std::string string_field(const nlohmann::json& obj, const char* key, const std::string& where);
// An LSP integer (-2^31 .. 2^31-1); nullopt when absent or null.
std::optional<int32_t> optional_int_field(const nlohmann::json& obj, const char* key,
                                          const std::string& where);
// A list of strings; empty when absent or null.
std::vector<std::string> string_list_field(const nlohmann::json& obj, const char* key,
                                           const std::string& where);

// An LSP Position: non-negative integer line and character (uinteger: 0 .. 2^31-1).
struct LspPosition {
  uint32_t line = 0, character = 0;
  bool operator<(const LspPosition& o) const {
    return line < o.line || (line == o.line && character < o.character);
  }
};
LspPosition position_field(const nlohmann::json& obj, const char* key, const std::string& where);
struct LspRange {
  LspPosition start, end;
};
LspRange range_field(const nlohmann::json& obj, const char* key, const std::string& where);

}  // namespace tally::lsp
