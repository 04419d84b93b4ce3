#include "envelope.hpp"

#include <limits>

namespace tally::lsp {

using nlohmann::json;

namespace {

// JSON-RPC ids are strings or integers (LSP: integer | string).
bool usable_id(const json& id) {
  return id.is_string() || id.is_number_integer();
}

std::string field_name(const std::string& where, const char* key) {
  return where.empty() ? std::string(key) : where + "." + key;
}

const char* type_name(const json& v) {
  return v.is_null() ? "null" : v.type_name();
}

}  // namespace

Envelope classify(const json& m) {
  Envelope e;
  if (m.is_array()) {
    e.error = "a batch (a JSON array) is not supported: send each message on its own";
    return e;
  }
  if (!m.is_object()) {
    e.error = std::string("a message must be a JSON object, not ") + type_name(m);
    return e;
  }
  auto id = m.find("id");
  bool has_id = id != m.end();
  if (has_id && !usable_id(*id) && !id->is_null()) {
    e.error = std::string("\"id\" must be a string or an integer, not ") + type_name(*id);
    return e;
  }
  if (has_id) e.id = *id;
  auto method = m.find("method");
  if (method == m.end()) {
    // A client's answer to a request of ours (client/registerCapability): nothing to do.
    if (has_id && (m.contains("result") || m.contains("error"))) {
      e.kind = Envelope::Response;
      return e;
    }
    e.error = "a message needs a \"method\" (or, as a response, a \"result\" or an \"error\")";
    return e;
  }
  if (!method->is_string()) {
    e.error = std::string("\"method\" must be a string, not ") + type_name(*method);
    return e;
  }
  e.method = method->get<std::string>();
  if (auto p = m.find("params"); p != m.end() && !p->is_null()) {
    if (!p->is_object() && !p->is_array()) {
      e.error = std::string("\"params\" must be an object or an array, not ") + type_name(*p);
      return e;
    }
    e.params = *p;
  }
  if (has_id && id->is_null()) {
    e.error = "a request's \"id\" must be a string or an integer, not null";
    return e;
  }
  e.kind = has_id ? Envelope::Request : Envelope::Notification;
  return e;
}

const json& object_field(const json& obj, const char* key, const std::string& where) {
  static const json null_value;
  if (!obj.is_object())
    throw InvalidParams((where.empty() ? std::string("params") : where) + " must be an object");
  auto it = obj.find(key);
  const json& v = it == obj.end() ? null_value : *it;
  if (!v.is_object())
    throw InvalidParams(field_name(where, key) + " must be an object, not " +
                        (it == obj.end() ? "missing" : type_name(v)));
  return v;
}

std::string string_field(const json& obj, const char* key, const std::string& where) {
  auto it = obj.is_object() ? obj.find(key) : obj.end();
  if (!obj.is_object() || it == obj.end() || !it->is_string())
    throw InvalidParams(field_name(where, key) + " must be a string");
  return it->get<std::string>();
}

std::optional<int32_t> optional_int_field(const json& obj, const char* key,
                                          const std::string& where) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  // Read as the JSON's own integer type before narrowing: a float or 1e300 converted straight
  // to int is undefined behaviour.
  bool fits = it->is_number_unsigned()
                  ? it->get<uint64_t>() <= uint64_t{std::numeric_limits<int32_t>::max()}
              : it->is_number_integer()
                  ? it->get<int64_t>() >= std::numeric_limits<int32_t>::min() &&
                        it->get<int64_t>() <= std::numeric_limits<int32_t>::max()
                  : false;
  if (!fits) throw InvalidParams(field_name(where, key) + " must be a 32-bit integer");
  return static_cast<int32_t>(it->get<int64_t>());
}

std::vector<std::string> string_list_field(const json& obj, const char* key,
                                           const std::string& where) {
  std::vector<std::string> out;
  if (!obj.is_object()) return out;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) throw InvalidParams(field_name(where, key) + " must be a list of strings");
  for (const auto& s : *it) {
    if (!s.is_string()) throw InvalidParams(field_name(where, key) + " must be a list of strings");
    out.push_back(s.get<std::string>());
  }
  return out;
}

namespace {

uint32_t uinteger(const json& obj, const char* key, const std::string& where) {
  auto it = obj.find(key);
  bool ok =
      it != obj.end() && ((it->is_number_unsigned() &&
                           it->get<uint64_t>() <= uint64_t{std::numeric_limits<int32_t>::max()}) ||
                          (it->is_number_integer() && it->get<int64_t>() >= 0 &&
                           it->get<int64_t>() <= std::numeric_limits<int32_t>::max()));
  if (!ok) throw InvalidParams(field_name(where, key) + " must be an integer from 0 to 2^31-1");
  return static_cast<uint32_t>(it->get<uint64_t>());
}

}  // namespace

LspPosition position_field(const json& obj, const char* key, const std::string& where) {
  const json& p = object_field(obj, key, where);
  std::string name = field_name(where, key);
  return {uinteger(p, "line", name), uinteger(p, "character", name)};
}

LspRange range_field(const json& obj, const char* key, const std::string& where) {
  const json& r = object_field(obj, key, where);
  std::string name = field_name(where, key);
  return {position_field(r, "start", name), position_field(r, "end", name)};
}

}  // namespace tally::lsp
