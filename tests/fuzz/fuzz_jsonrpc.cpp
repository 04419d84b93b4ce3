// The language server's reader: Content-Length framing and JSON over arbitrary bytes. Every
// call returns a message, an error, or the end of input, and consumes input, so a server loop
// over it always ends.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "jsonrpc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  for (size_t calls = 0;; ++calls) {
    auto before = in.tellg();
    auto msg = tally::lsp::read_message(in);
    if (msg.eof) break;
    if (!msg.message && msg.error.empty()) __builtin_trap();
    if (in.good() && in.tellg() == before) __builtin_trap();  // no progress: a server would spin
    if (calls > size + 1) __builtin_trap();
  }
  return 0;
}
