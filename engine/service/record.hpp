#pragma once
// One record of a JSON-lines archive checked into one result line: what `tally check --jsonl`
// writes for each line (docs/batch.md) and what tally_check_record returns to tally.dask, so
// that both give the same results, bad lines included.
#include <optional>
#include <string>
#include <string_view>

#include "findings/finding.hpp"
#include "service/engine.hpp"

namespace tally::service {

struct RecordResult {
  std::string json;   // the result line, without a newline; empty for a blank line
  bool bad = false;   // not a valid record: `json` has "error" set and no findings
  std::string error;  // what was wrong with it
  size_t findings = 0, rule_errors = 0, notices = 0;
  std::optional<report::Severity> worst;  // the most severe finding's
};

// `line` is the record's text (a trailing "\n" or "\r\n" is ignored); `defaults` the caller's
// date, language, input format and rule ids to disable (its text and filename are not used);
// `number` the line number written as "line" (0 leaves it out).
RecordResult check_record(Engine& engine, std::string_view line, const CheckRequest& defaults,
                          size_t number);
// The result for a line longer than text::kMaxInputBytes, which a reader may skip without
// holding it.
RecordResult record_too_long(size_t number);

}  // namespace tally::service
