#pragma once
// .tally.yml: settings found upward from the checked file, or given with --config.
#include <optional>
#include <string>

#include "parse/document.hpp"

namespace tally::config {

struct Config {
  std::string path;                 // the file it came from; empty for defaults
  std::optional<parse::Date> date;  // publication date
  std::string language;             // "zh", "en", or "" to detect per article
};

struct ConfigResult {
  Config config;
  std::string error;  // "file:line:column: message" when the file could not be used
};

ConfigResult load_config(const std::string& path);
// The nearest .tally.yml in the folder of `file` or above it; empty when there is none.
std::string find_config(const std::string& file);

}  // namespace tally::config
