#pragma once
// A newsroom's list of findings it has looked at and let stand: `.tally-ignore`, a baseline
// (report/baseline.hpp) that plain `tally check` reads without a flag and the checking page's
// Ignore writes. Found as .gitignore-style tools find theirs: the nearest one in the checked
// file's folder or a parent, up to the root of the Git repository the file is in (the folder
// holding `.git`), so a checkout never picks up a list from outside it; outside a repository the
// search goes up to the file system's root, as the `.tally.yml` search does.
#include <map>
#include <string>

#include "report/baseline.hpp"

namespace tally::report {

inline constexpr const char* kIgnoreFileName = ".tally-ignore";

// The `.tally-ignore` that applies to the file at `file` (standard input: a name in the current
// folder), or "" when there is none.
std::string find_ignore_file(const std::string& file);

// Where `tally serve` keeps its ignore list when started in `folder`: the one that applies there,
// else a new `.tally-ignore` in `folder` itself. Given relative to `folder` when it is inside or
// above it ("../.tally-ignore"), so the page can name it.
std::string ignore_file_for_folder(const std::string& folder);

// The ignore lists of a run, each read once (a list is shared by the files below it and counts
// down as their findings use its entries, as one --baseline does).
struct IgnoreLists {
  std::map<std::string, std::string> by_folder;   // a checked file's folder -> its list, or ""
  std::map<std::string, std::string> by_written;  // the folder as the file's path writes it -> same
  std::map<std::string, Baseline> loaded;         // by the list's path
  std::map<std::string, std::string> unreadable;  // the list's path -> why
};
// The list for `file`, or nullptr when none applies or it cannot be read; `error` is set
// ("PATH: cause") the first time a list cannot be read, so the caller says it once.
Baseline* ignore_list_for(IgnoreLists& lists, const std::string& file, std::string& error);

}  // namespace tally::report
