#pragma once
// Turning command-line paths into checked inputs: folders walked for drafts, each file loaded
// and validated, its configuration found.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/walk.hpp"
#include "config/config.hpp"
#include "findings/rule_info.hpp"
#include "parse/parse.hpp"
#include "rules/rule_set.hpp"
#include "text/source.hpp"

namespace tally::cli {

// The files the command's paths stand for: folders walked and globs expanded (cli/walk.hpp),
// with --no-ignore.
Expanded expand_inputs(const CommonOptions& opts);

// --stdin-filename names what '-' reads: without '-' among the paths it is a usage error
// (printed; false returned).
bool check_stdin_filename(const CommonOptions& opts);

// The name a path goes by for config lookup and ignores: the path itself; for standard input
// --stdin-filename, or "./-" (the current folder's config) without it.
std::string config_name(const std::string& file, const CommonOptions& opts);

// Reads a file, or standard input for "-" (named by --stdin-filename when given, so that output
// shows that name and Markdown is recognised by it), converting from `encoding` ("" for UTF-8).
text::LoadResult load_input(const std::string& file, const CommonOptions& opts,
                            const std::string& encoding);

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

// Whether every pattern given to `flag` names a rule of at least one of `sets` (the rules in
// force for the files at hand); else prints "tally: --disable: no rule 'x'; did you mean 'y'?"
// and returns false.
bool check_rule_ids(const std::string& flag, const std::vector<std::string>& patterns,
                    const std::vector<std::shared_ptr<const rules::RuleSet>>& sets);
// check_rule_ids for --disable and for --enable.
bool check_disable(const std::vector<std::string>& disable, const std::vector<std::string>& enable,
                   const std::vector<std::shared_ptr<const rules::RuleSet>>& sets);

// Validates --date; prints the error and returns false when it is not a date.
bool parse_date_option(const std::string& s, std::optional<parse::Date>& out);

void print_input_error(const text::InputError& e);
void print_rule_error(const rules::RuleError& e);
// The set's load errors, then its warnings ("warning: file:line: rule x: …"), which fail nothing.
void print_rule_problems(const rules::RuleSet& set);

}  // namespace tally::cli
