#pragma once
// Turning command-line paths into checked inputs: folders walked for drafts, each file loaded
// and validated, its configuration found.
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "config/config.hpp"
#include "parse/parse.hpp"
#include "rules/rule.hpp"
#include "text/source.hpp"

namespace tally::cli {

// Files named on the command line, and the .txt/.md files inside named folders, sorted.
// Paths that do not exist are returned as errors.
struct Expanded {
  std::vector<std::string> files;
  std::vector<text::InputError> errors;
};
Expanded expand_paths(const std::vector<std::string>& paths);

// Parse options for one file: --date, --input-format, --encoding, and the config found for it
// (or --config).
struct FileSetup {
  parse::ParseOptions options;
  std::string encoding;  // --encoding, else the config's `encoding:`; "" for UTF-8
  config::Config config;
  std::optional<std::string> config_error;
};
FileSetup setup_for(const std::string& file, const CommonOptions& opts,
                    const std::optional<parse::Date>& date);

// Validates --date; prints the error and returns false when it is not a date.
bool parse_date_option(const std::string& s, std::optional<parse::Date>& out);

void print_input_error(const text::InputError& e);
void print_rule_error(const rules::RuleError& e);

}  // namespace tally::cli
