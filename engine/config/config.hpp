#pragma once
// .tally.yml: settings found upward from the checked file, or given with --config.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parse/document.hpp"

namespace tally::config {

struct Config {
  std::string path;                 // the file it came from; empty for defaults
  std::optional<parse::Date> date;  // publication date
  std::string language;             // "zh", "en", or "" to detect per article
  // `input_format:` (nullopt for auto) and `encoding:` of drafts that are not UTF-8 (an iconv
  // name; "" for none).
  std::optional<parse::Format> input_format;
  std::string encoding;
  std::vector<std::string> rules;    // rule folders to add, absolute or relative to the config
  std::vector<std::string> disable;  // rule ids, or "prefix.*"
  std::map<std::string, std::string> severity;  // rule id -> error | warning | info
  std::vector<std::string> ignore;  // path globs (relative to the config's folder) not checked
  // `ignore: [{path: GLOB, rules: [ID...]}]`: these rules are off for the files matching GLOB.
  struct PathRules {
    std::string glob;
    std::vector<std::string> rules;
  };
  std::vector<PathRules> ignore_rules;
};

// Rules the config's path-and-rule ignores turn off for `file`.
std::vector<std::string> disabled_for(const Config& config, const std::string& file);

// True when `file` matches one of the config's ignore globs.
bool ignored(const Config& config, const std::string& file);

struct ConfigResult {
  Config config;
  std::string error;  // "file:line:column: message" when the file could not be used
};

ConfigResult load_config(const std::string& path);
// The nearest .tally.yml in the folder of `file` or above it; empty when there is none.
std::string find_config(const std::string& file);

}  // namespace tally::config
