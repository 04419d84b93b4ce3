#include "jsonrpc.hpp"

#include <istream>
#include <ostream>

#include "text/json_depth.hpp"

namespace tally::lsp {

// Headers larger than this, or bodies larger than the input limit, are refused.
constexpr size_t kMaxBody = size_t{256} << 20;

Incoming read_message(std::istream& in) {
  Incoming r;
  size_t length = 0;
  bool have_length = false;
  std::string line;
  while (true) {
    if (!std::getline(in, line)) {
      r.eof = true;
      return r;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "content-length") {
      try {
        length = std::stoul(line.substr(colon + 1));
        have_length = true;
      } catch (...) {
        r.error = "bad Content-Length: " + line;
      }
    }
  }
  if (!have_length || length > kMaxBody) {
    if (r.error.empty()) r.error = have_length ? "message too large" : "missing Content-Length";
    if (have_length) in.ignore(static_cast<std::streamsize>(length));
    return r;
  }
  std::string body(length, '\0');
  in.read(body.data(), static_cast<std::streamsize>(length));
  if (static_cast<size_t>(in.gcount()) != length) {
    r.eof = true;
    return r;
  }
  // Copying a value recurses: a message nested a million levels deep would end the server.
  if (auto deep = text::json_too_deep(body)) {
    r.error = "JSON nested deeper than " + std::to_string(text::kMaxJsonDepth) +
              " levels at byte " + std::to_string(*deep);
    return r;
  }
  try {
    r.message = nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception& e) {
    r.error = std::string("parse error: ") + e.what();
  }
  return r;
}

void Writer::send(const nlohmann::json& message) {
  send_raw(message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Writer::send_raw(const std::string& body) {
  std::lock_guard lock(mu_);
  out_ << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out_.flush();
}

}  // namespace tally::lsp
