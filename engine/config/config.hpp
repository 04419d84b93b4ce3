#pragma once
// .tally.yml (or .tally.yaml): settings found upward from the checked file, or given with
// --config.
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
  std::vector<std::string> enable;   // rules that are off by default to turn on: ids, "prefix.*"
  std::map<std::string, std::string> severity;  // rule id -> error | warning | info
  std::vector<std::string> ignore;  // path globs (relative to the config's folder) not checked
  // `ignore: [{path: GLOB, rules: [ID...]}]`: these rules are off for the files matching GLOB.
  struct PathRules {
    std::string glob;
    std::vector<std::string> rules;
  };
  std::vector<PathRules> ignore_rules;
  // Each rule id the file names (disable, severity, ignore rules) and where, so that one naming
  // no rule is reported at its line and column once the rules are known.
  struct RuleRef {
    std::string id;
    std::string setting;  // "disable", "enable", "severity", "ignore"
    int line = 0, column = 0;
  };
  std::vector<RuleRef> rule_refs;
};

// Rules the config's path-and-rule ignores turn off for `file`.
std::vector<std::string> disabled_for(const Config& config, const std::string& file);

// True when `file` matches one of the config's ignore globs. The path is made absolute and
// normalised lexically ("a/./b", "a/../b") before it is taken relative to the config's folder,
// so how it was written on the command line does not matter.
bool ignored(const Config& config, const std::string& file);

struct ConfigResult {
  Config config;
  std::string error;  // "file:line:column: message" when the file could not be used
};

ConfigResult load_config(const std::string& path);

// The names a config may have; both in one folder is an error rather than a silent choice.
inline constexpr const char* kConfigNames[] = {".tally.yml", ".tally.yaml"};

struct Located {
  std::string path;   // the nearest config in the folder of `file` or above; "" when none
  std::string error;  // set when that folder holds both names
};
Located locate_config(const std::string& file);
// locate_config(file).path.
std::string find_config(const std::string& file);

// `file` relative to the config's folder, after making both absolute and normalising them
// lexically: what ignore globs are matched against.
std::string path_in_config(const Config& config, const std::string& file);

}  // namespace tally::config
