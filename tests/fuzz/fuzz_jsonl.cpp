// `tally check --jsonl` from its input bytes: the archive reader (service/jsonl_lines, checked
// against a plain split at "\n") and each line through service::check_record (what the CLI and
// tally_check_record run). Every non-blank line gets one result line that is JSON on one line,
// numbered, marked bad with a reason (too long, not JSON, a field of the wrong type) or carrying
// its findings; a bad line never ends the run (docs/batch.md, docs/robustness.md "No abort").
// Checked against one small rule (small_rules.hpp): the check itself is fuzz_check's.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_assert.hpp"
#include "service/jsonl_lines.hpp"
#include "service/record.hpp"
#include "small_rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static tally::service::Engine engine([] {
    tally::service::EngineOptions o;
    o.rule_folders = {tally::fuzz::small_rules_folder()};
    o.embedded = false;
    o.search_config = false;
    return o;
  }());
  static const tally::service::CheckRequest defaults;
  // The archive reader with a limit of 4 KiB instead of 8 MiB, so that inputs of fuzzing size
  // reach the too-long path too.
  constexpr size_t kMax = 4096;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  std::stringbuf buf(bytes);
  tally::service::JsonlLines lines(&buf, kMax);
  tally::service::JsonlLine line;
  std::string_view rest(bytes);
  while (lines.next(line)) {
    // Against a plain split at "\n": the same lines, numbered in order, the long ones dropped.
    auto nl = rest.find('\n');
    auto raw = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    // The limit is on the line without its CRLF's '\r'.
    size_t length = raw.size() - (!raw.empty() && raw.back() == '\r');
    FUZZ_REQUIRE(line.too_long == (length > kMax), std::to_string(raw.size()));
    if (!line.too_long)
      FUZZ_REQUIRE(line.text == raw.substr(0, raw.size() - (!raw.empty() && raw.back() == '\r')),
                   std::string(raw));
    auto r = line.too_long ? tally::service::record_too_long(line.number)
                           : tally::service::check_record(engine, line.text, defaults, line.number);
    // Blank (spaces and tabs, then a "\r" check_record drops too): skipped, no result line.
    auto content = std::string_view(line.text);
    if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
    bool blank = !line.too_long && content.find_first_not_of(" \t") == std::string_view::npos;
    FUZZ_REQUIRE(r.json.empty() == blank, line.text);
    if (blank) continue;
    // A throw nobody foresaw, caught by check_record's last resort.
    FUZZ_REQUIRE(r.error.rfind("internal error", 0) != 0, r.error);
    FUZZ_REQUIRE(r.json.find('\n') == std::string::npos, r.json);
    auto parsed = nlohmann::json::parse(r.json, nullptr, false);
    FUZZ_REQUIRE(!parsed.is_discarded() && parsed.is_object(), r.json);
    FUZZ_REQUIRE(r.bad == !parsed["error"].is_null() && (!r.bad || !r.error.empty()), r.json);
    FUZZ_REQUIRE(parsed["line"] == line.number, r.json);
  }
  FUZZ_REQUIRE(rest.empty(), std::string(rest));
  return 0;
}
