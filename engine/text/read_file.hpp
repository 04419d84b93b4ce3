#pragma once
// Reading a whole small file (a config, a baseline) with every failure an error message, never an
// exception: libstdc++'s filebuf throws std::ios_base::failure on a read error (a folder opened as
// a file is one), which ended the run when a config or baseline path named a folder.
#include <optional>
#include <string>

namespace tally::text {

// The file's bytes, or nothing with `error` set to the cause ("is a folder", "Permission
// denied", "Input/output error").
std::optional<std::string> read_whole_file(const std::string& path, std::string& error);

}  // namespace tally::text
