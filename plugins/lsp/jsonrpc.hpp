#pragma once
// JSON-RPC 2.0 with LSP's Content-Length framing over a pair of streams.
#include <iosfwd>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace tally::lsp {

// Reads one message. Returns nothing at end of input; a framing or JSON error is returned as
// `error` so the server can answer with a parse error and go on.
struct Incoming {
  std::optional<nlohmann::json> message;
  std::string error;
  bool eof = false;
};
Incoming read_message(std::istream& in);

// Writes messages whole; safe to call from several threads.
class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}
  void send(const nlohmann::json& message);
  // A message already serialised (large notifications are built as text, not as a tree).
  void send_raw(const std::string& body);

 private:
  std::ostream& out_;
  std::mutex mu_;
};

}  // namespace tally::lsp
