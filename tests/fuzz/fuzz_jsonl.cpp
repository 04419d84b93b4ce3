// `tally check --jsonl` one line at a time: any bytes split at "\n" as the archive reader splits
// them, each line through service::check_record (what the CLI and tally_check_record run). Every
// line gets one result line that is JSON on one line, marked bad with a reason or carrying its
// findings; a bad line never ends the run (docs/batch.md, docs/robustness.md "No abort").
// Checked against one small rule (small_rules.hpp): the check itself is fuzz_check's.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz_assert.hpp"
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
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t number = 0;
  while (!in.empty()) {
    auto nl = in.find('\n');
    auto line = in.substr(0, nl);
    in.remove_prefix(nl == std::string_view::npos ? in.size() : nl + 1);
    auto r = tally::service::check_record(engine, line, defaults, ++number);
    // Blank (spaces and tabs, then an optional "\r"): skipped, no result line.
    auto content = line.substr(0, line.size() - (!line.empty() && line.back() == '\r'));
    bool blank = content.find_first_not_of(" \t") == std::string_view::npos;
    FUZZ_REQUIRE(r.json.empty() == blank, std::string(line));
    if (blank) continue;
    // A throw nobody foresaw, caught by check_record's last resort.
    FUZZ_REQUIRE(r.error.rfind("internal error", 0) != 0, r.error);
    FUZZ_REQUIRE(r.json.find('\n') == std::string::npos, r.json);
    auto parsed = nlohmann::json::parse(r.json, nullptr, false);
    FUZZ_REQUIRE(!parsed.is_discarded() && parsed.is_object(), r.json);
    FUZZ_REQUIRE(r.bad == !parsed["error"].is_null() && (!r.bad || !r.error.empty()), r.json);
  }
  return 0;
}
