#pragma once
// Writing a file whole or not at all: every file Tally writes (baselines, and fixed drafts when
// `--fix` lands) goes through here, so that a full disk, a quota or a killed process never leaves
// a target half written (docs/robustness.md, "Writing files").
#include <string>
#include <string_view>

namespace tally::text {

// Writes `bytes` to `path`. A regular file (or a new one) is written to a temporary file in the
// same folder, flushed to disk, closed and checked, given the old file's permissions (a new file
// gets 0666 less the umask), then renamed over the target; a symbolic link is followed, so the
// file it names is replaced and the link kept. A target that exists and is not a regular file (a
// device such as /dev/stdout or /dev/full, a pipe) cannot be replaced by renaming: it is written
// directly, every write checked. A file we may not write is refused, though the rename would
// replace it. On failure returns false with `error` naming the path and the cause ("PATH: No
// space left on device"); the old file is then untouched and no temporary file is left behind.
bool write_file_atomically(const std::string& path, std::string_view bytes, std::string& error);

// write_file_atomically, unless the file no longer holds `expected` (what was read before the
// new bytes were made from it): someone saved it meanwhile, and their work must not be lost.
// Then returns false with `error` = "changed on disk since it was read", the file untouched.
// (A save in the moment between the comparison and the rename is not caught.)
bool replace_if_unchanged(const std::string& path, std::string_view expected,
                          std::string_view bytes, std::string& error);

}  // namespace tally::text
