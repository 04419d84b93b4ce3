#pragma once
// Known findings to leave out (`tally check --baseline FILE`, written by --write-baseline), so CI
// can gate new problems in copy that already has old ones. A finding is matched by file, rule,
// its text and the text of its line, never by line number: edits above it do not bring it back,
// and a changed line is checked afresh. Identical findings are counted, so a second copy of a
// known problem is still reported.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "report/file_report.hpp"

namespace tally::report {

struct Baseline {
  std::string folder;  // paths in the file are relative to it
  std::map<std::tuple<std::string, std::string, std::string, std::string>, int> counts;
};

// Reads a baseline; on failure returns nothing and sets `error` ("file: message").
std::optional<Baseline> load_baseline(const std::string& path, std::string& error);
// A baseline's JSON already in memory (the C API's tally_fix_with), its paths relative to
// `folder`; on failure returns nothing and sets `error` ("NAME: message").
std::optional<Baseline> parse_baseline(std::string_view text, const std::string& folder,
                                       const std::string& name, std::string& error);
// Writes the findings of `files` as a baseline, whole or not at all (text/atomic_write.hpp); on
// failure the old file is untouched and `error` is "PATH: cause".
bool write_baseline(const std::string& path, const std::vector<FileReport>& files,
                    std::string& error);
// One known finding as the baseline records it (`path` relative to the baseline's folder), with
// how many identical ones it now knows.
struct BaselineEntry {
  std::string path, rule, text, line;
  int count = 0;
};
// Adds one finding of the file `file` to the baseline at `path`, which is made when missing:
// what the checking page's Ignore writes (docs/http.md). The file is rewritten whole or not at
// all; on failure nothing is returned and `error` says why. Callers serialise their calls.
std::optional<BaselineEntry> add_to_baseline(const std::string& path, const std::string& file,
                                             const LocatedFinding& finding, std::string& error);
// Removes from `file` the findings the baseline knows (each known one once); returns how many.
size_t apply_baseline(Baseline& baseline, FileReport& file);
// Which of `findings` (of the file at `path`) the baseline knows, matched as apply_baseline
// matches them (each known one once) but without using up its counts: a fix pass asks afresh
// of every text it checks (service/fix_text.hpp).
std::vector<bool> known_findings(const Baseline& baseline, const std::string& path,
                                 const std::vector<LocatedFinding>& findings);

}  // namespace tally::report
