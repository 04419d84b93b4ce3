#pragma once
// What a .tally.yml turns off or re-grades for one file, plus the caller's own disables: the
// same for the CLI, the library, the language server.
#include <string>
#include <vector>

#include "config/config.hpp"
#include "rules/checker.hpp"

namespace tally::service {

// `file` is the checked file's path, for the config's per-path ignores; "" when there is none.
rules::CheckSettings settings_for(const config::Config& config,
                                  const std::vector<std::string>& disable, const std::string& file);

}  // namespace tally::service
