#pragma once
// What the long-running faces (the language server, the HTTP server) poll to notice that a rule
// file or a .tally.yml changed on disk, so a newsroom's edited rules apply without a restart.
#include <string>
#include <vector>

namespace tally::service {

// Paths, sizes and modification times of the given configs and of every .yaml/.yml/.lua file
// under the given folders and the folders those configs name. Equal strings: nothing changed.
std::string rule_files_signature(const std::vector<std::string>& configs,
                                 std::vector<std::string> folders);

}  // namespace tally::service
