#pragma once
// Turning command-line arguments into the files to read, the way ripgrep and other linters do:
// a file named is always read; a folder is walked for drafts (.txt, .md, .markdown in any case),
// skipping hidden entries, node_modules and what .gitignore, .ignore and .git/info/exclude
// exclude (libgit2 decides, not hand-written matching); a quoted glob ('drafts/**/*.md') is
// expanded by Tally itself. Output is sorted, so runs are reproducible.
#include <string>
#include <vector>

#include "text/source.hpp"

namespace tally::cli {

struct WalkOptions {
  // --no-ignore sets this false: ignore files are not read, hidden entries and node_modules are
  // walked. .git folders are never entered (nothing in them is a draft).
  bool use_ignores = true;
};

struct Expanded {
  std::vector<std::string> files;
  std::vector<text::InputError> errors;  // paths that do not exist, globs that match nothing
};
Expanded expand_paths(const std::vector<std::string>& args, const WalkOptions& options = {});

// Whether a folder walk reads a file of this name: .txt, .md or .markdown, in any case.
bool is_draft_name(const std::string& name);

// Whether an argument is a glob Tally expands (it has *, ? or [ and is not an existing path).
bool is_glob(const std::string& arg);

// Matches a path, split at '/', against a glob split likewise: each part as fnmatch(3) does
// with FNM_PERIOD (a leading '.' is matched only by a '.'), and a part "**" standing for any
// number of folders, none included. With `folder` set, the path is a folder and the answer is
// whether something inside it could match.
bool glob_matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                  bool folder = false);

}  // namespace tally::cli
