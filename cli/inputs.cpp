#include "cli/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "parse/pdf_parser.hpp"
#include "parse/pdf_reader.hpp"
#include "rules/rule_ids.hpp"

namespace tally::cli {

Expanded expand_inputs(const CommonOptions& opts) {
  WalkOptions w;
  w.use_ignores = !opts.no_ignore;
  return expand_paths(opts.paths, w);
}

bool check_stdin_filename(const CommonOptions& opts) {
  if (opts.stdin_filename.empty() ||
      std::find(opts.paths.begin(), opts.paths.end(), "-") != opts.paths.end())
    return true;
  std::cerr << "tally: --stdin-filename names standard input; give '-' among the paths\n";
  return false;
}

std::string config_name(const std::string& file, const CommonOptions& opts) {
  if (file != "-") return file;
  return opts.stdin_filename.empty() ? "./-" : opts.stdin_filename;
}

text::LoadResult load_input(const std::string& file, const CommonOptions& opts,
                            const std::string& encoding) {
  if (file != "-" && parse::is_pdf_path(file)) return parse::load_pdf(file);
  if (file != "-") return text::load_file(file, encoding);
  // A PDF is read from its file (poppler reads it twice, the text and then the layout): on
  // standard input it is refused, saying so, not taken for text in some legacy encoding.
  std::ostringstream in;
  in << std::cin.rdbuf();
  std::string bytes = std::move(in).str();
  text::LoadResult loaded;
  if (parse::looks_like_pdf(bytes))
    loaded.error = text::InputError{
        "<stdin>", 0,
        "a PDF is not read from standard input: give its file name (tally check page.pdf)"};
  else
    loaded = text::decode_source("<stdin>", std::move(bytes), encoding);
  if (!opts.stdin_filename.empty()) {
    if (loaded.source) loaded.source->path = opts.stdin_filename;
    if (loaded.error) loaded.error->path = opts.stdin_filename;
  }
  return loaded;
}

bool check_disable(const std::vector<std::string>& disable, const std::vector<std::string>& enable,
                   const std::vector<std::shared_ptr<const rules::RuleSet>>& sets) {
  bool ok = check_rule_ids("--disable", disable, sets);
  return check_rule_ids("--enable", enable, sets) && ok;
}

bool check_rule_ids(const std::string& flag, const std::vector<std::string>& patterns,
                    const std::vector<std::shared_ptr<const rules::RuleSet>>& sets) {
  bool ok = true;
  for (const auto& pattern : patterns) {
    if (sets.empty()) break;
    bool known = std::any_of(sets.begin(), sets.end(), [&](const auto& set) {
      return rules::unknown_rule(pattern, *set).empty();
    });
    if (known) continue;
    std::cerr << "tally: " << flag << ": " << rules::unknown_rule(pattern, *sets.front()) << "\n";
    ok = false;
  }
  return ok;
}

bool parse_date_option(const std::string& s, std::optional<parse::Date>& out) {
  if (s.empty()) return true;
  out = parse::parse_iso_date(s);
  if (!out) std::cerr << "tally: --date: '" << s << "' is not a date (YYYY-MM-DD)\n";
  return out.has_value();
}

FileSetup setup_for(const std::string& file, const CommonOptions& opts,
                    const std::optional<parse::Date>& date) {
  // Configs are read once per path; a folder of drafts shares one.
  static std::map<std::string, config::ConfigResult> cache;
  FileSetup s;
  s.options.date = date;
  static std::map<std::string, config::Located> located;  // folder -> its config
  config::Located found{opts.config, ""};
  if (found.path.empty()) {
    auto name = config_name(file, opts);
    std::error_code ec;
    auto folder = std::filesystem::absolute(name, ec).parent_path().string();
    auto at = located.find(folder);
    if (at == located.end()) at = located.emplace(folder, config::locate_config(name)).first;
    found = at->second;
  }
  if (!found.error.empty()) {
    s.config_error = found.error;
    return s;
  }
  const std::string& path = found.path;
  parse::parse_input_format(opts.input_format, s.options.format);
  s.encoding = opts.encoding;
  if (path.empty()) return s;
  auto it = cache.find(path);
  if (it == cache.end()) it = cache.emplace(path, config::load_config(path)).first;
  if (!it->second.error.empty())
    s.config_error = it->second.error;
  else {
    s.options.config_date = it->second.config.date;
    s.options.language = it->second.config.language;
    if (!s.options.format) s.options.format = it->second.config.input_format;
    if (s.encoding.empty()) s.encoding = it->second.config.encoding;
    s.config = it->second.config;
  }
  return s;
}

void print_input_error(const text::InputError& e) {
  std::cerr << e.path << ": error: " << e.message << "\n";
}

void print_rule_error(const rules::RuleError& e) {
  std::cerr << e.str() << "\n";
}

void print_rule_problems(const rules::RuleSet& set) {
  for (const auto& e : set.errors) print_rule_error(e);
  for (const auto& w : set.warnings) std::cerr << "warning: " << w.str() << "\n";
}

size_t jobs_for(size_t requested) {
  return requested ? requested : std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace tally::cli
