// The language server from its input bytes: Content-Length framing, JSON, the JSON-RPC envelope,
// params of every type, the lifecycle, document sync (loss of sync included), diagnostics, code
// actions and hovers. The server runs synchronously (each document checked as it changes, with
// one small rule) so one input is one deterministic session. It must end at end of input, never
// crash, every frame it writes must be a JSON-RPC object, and every request (and every bad
// frame or message) must get exactly one reply (docs/lsp.md "Bad messages").
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "envelope.hpp"
#include "fuzz_assert.hpp"
#include "jsonrpc.hpp"
#include "server.hpp"
#include "small_rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tally::lsp::ServerOptions options;
  options.rule_folders = {tally::fuzz::small_rules_folder()};
  options.embedded_rules = false;
  options.search_config = false;
  options.synchronous = true;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::ostringstream out;
  int code = tally::lsp::serve(in, out, options);
  FUZZ_REQUIRE(code == 0 || code == 1, std::to_string(code));
  // Every request, every frame that is not JSON and every invalid message up to `exit` gets
  // exactly one reply (a message without "method"); notifications and the client's own
  // responses get none.
  std::istringstream again(std::string(reinterpret_cast<const char*>(data), size));
  size_t expected = 0;
  while (true) {
    auto msg = tally::lsp::read_message(again);
    if (msg.eof) break;
    if (!msg.message) {
      ++expected;
      continue;
    }
    auto e = tally::lsp::classify(*msg.message);
    if (e.kind == tally::lsp::Envelope::Invalid || e.kind == tally::lsp::Envelope::Request)
      ++expected;
    if (e.kind == tally::lsp::Envelope::Notification && e.method == "exit") break;
  }
  size_t replies = 0;
  std::istringstream written(out.str());
  while (true) {
    auto msg = tally::lsp::read_message(written);
    if (msg.eof) break;
    FUZZ_REQUIRE(msg.message && msg.message->is_object() && msg.message->contains("jsonrpc"),
                 msg.error);
    if (!msg.message->contains("method")) ++replies;
  }
  FUZZ_REQUIRE(replies == expected, std::to_string(replies) + " replies to " +
                                        std::to_string(expected) + " requests\n" + out.str());
  return 0;
}
