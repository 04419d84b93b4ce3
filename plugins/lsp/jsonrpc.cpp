#include "jsonrpc.hpp"

#include <algorithm>
#include <istream>
#include <ostream>

#include "text/json_depth.hpp"

namespace tally::lsp {

// Bodies larger than this are refused (and skipped); header lines longer than kMaxHeaderLine are
// cut there (the rest of the line is skipped unread), so no message makes the server hold more
// than its body.
constexpr size_t kMaxBody = size_t{256} << 20;
constexpr size_t kMaxHeaderLine = 8192;

namespace {

// A header line up to "\n", at most kMaxHeaderLine bytes of it kept. False at end of input.
bool read_header_line(std::istream& in, std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  auto* buf = in.rdbuf();
  int c = buf->sbumpc();
  if (c == std::char_traits<char>::eof()) {
    in.setstate(std::ios::eofbit);
    return false;
  }
  for (; c != std::char_traits<char>::eof() && c != '\n'; c = buf->sbumpc()) {
    if (line.size() < kMaxHeaderLine)
      line.push_back(static_cast<char>(c));
    else
      too_long = true;
  }
  return true;
}

// Reads `length` bytes into `body` (nullptr: skips them) in pieces, so a Content-Length the
// input does not hold costs no allocation of its size. False when the input ends first.
bool read_body(std::istream& in, size_t length, std::string* body) {
  if (body) body->reserve(std::min(length, size_t{1} << 16));
  char chunk[1 << 14];
  for (size_t done = 0; done < length;) {
    auto want = std::min(length - done, sizeof chunk);
    in.read(chunk, static_cast<std::streamsize>(want));
    auto got = static_cast<size_t>(in.gcount());
    if (body) body->append(chunk, got);
    done += got;
    if (got != want) return false;
  }
  return true;
}

}  // namespace

Incoming read_message(std::istream& in) {
  Incoming r;
  size_t length = 0;
  bool have_length = false;
  std::string line;
  bool too_long = false;
  while (true) {
    if (!read_header_line(in, line, too_long)) {
      r.eof = true;
      return r;
    }
    if (too_long)
      r.error = "a header line longer than " + std::to_string(kMaxHeaderLine) + " bytes";
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "content-length") {
      // Digits only (stoul would take "-1" as 2^64-1 and "5x" as 5).
      auto value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(" \t"));
      value.erase(value.find_last_not_of(" \t") + 1);
      have_length = !value.empty() && value.size() <= 18 &&
                    value.find_first_not_of("0123456789") == std::string::npos;
      length = have_length ? std::stoull(value) : 0;
      if (!have_length) r.error = "bad Content-Length: " + line.substr(0, 200);
    }
  }
  if (!have_length || length > kMaxBody || !r.error.empty()) {
    if (r.error.empty()) r.error = have_length ? "message too large" : "missing Content-Length";
    // Skipped with read(), not ignore(): libstdc++'s ignore(n) peeks at the byte after the
    // n-th, which waits for the client's next message before this one is answered.
    if (have_length) read_body(in, length, nullptr);
    return r;
  }
  std::string body;
  if (!read_body(in, length, &body)) {
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
