#pragma once
// JSON written as text, byte for byte what nlohmann's dump() (compact) or dump(indent) prints
// for the same tree, without building the tree: the report of a page with a grouped finding of
// hundreds of edits spent more in nlohmann's objects (a std::map each) than the check of the
// page itself. The caller gives the members of an object in nlohmann's order (sorted by key).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace tally::report {

// A JSON string literal as nlohmann's dump writes it: UTF-8 kept, control characters escaped,
// invalid UTF-8 replaced by U+FFFD (through nlohmann itself, so that the replacement is its own).
void append_json_string(std::string& out, std::string_view s);

class JsonText {
 public:
  // `indent` < 0: compact, as dump(); else as dump(indent), the value starting on a line
  // indented by `base` spaces (a member of a larger tree printed piece by piece).
  explicit JsonText(std::string& out, int indent = -1, int base = 0)
      : out_(out), indent_(indent), base_(base) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // The next member of the open object; its value follows.
  void key(std::string_view k);
  void string(std::string_view s) {
    before_value();
    append_json_string(out_, s);
  }
  void number(int64_t v) {
    before_value();
    out_ += std::to_string(v);
  }
  void null() { raw("null"); }
  void boolean(bool v) { raw(v ? "true" : "false"); }
  // A value nlohmann prints (numbers with decimals: the PDF boxes).
  void value(const nlohmann::json& j);
  // A value already written as JSON.
  void raw(std::string_view s) {
    before_value();
    out_ += s;
  }

 private:
  void open(char c) {
    before_value();
    out_ += c;
    counts_.push_back(0);
  }
  void close(char c);
  // Before an element of an array: its comma and line; a member's value follows its key.
  void before_value();
  void newline(size_t depth);

  std::string& out_;
  int indent_, base_;
  std::vector<size_t> counts_;  // elements or members written, per open container
  bool after_key_ = false;
};

}  // namespace tally::report
