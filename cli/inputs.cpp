#include "cli/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

namespace tally::cli {

namespace fs = std::filesystem;

Expanded expand_paths(const std::vector<std::string>& paths) {
  Expanded out;
  for (const auto& p : paths) {
    if (p == "-") {
      out.files.push_back(p);
      continue;
    }
    std::error_code ec;
    auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      out.errors.push_back({p, 0, "no such file or directory"});
    } else if (fs::is_directory(st)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(
               p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        auto ext = it->path().extension().string();
        if (ext == ".txt" || ext == ".md" || ext == ".markdown")
          found.push_back(it->path().string());
      }
      if (ec) out.errors.push_back({p, 0, "cannot read directory: " + ec.message()});
      std::sort(found.begin(), found.end());
      out.files.insert(out.files.end(), found.begin(), found.end());
    } else {
      out.files.push_back(p);
    }
  }
  return out;
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
  parse::parse_input_format(opts.input_format, s.options.format);
  s.encoding = opts.encoding;
  std::string path =
      !opts.config.empty() ? opts.config : config::find_config(file == "-" ? "./-" : file);
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

size_t jobs_for(size_t requested) {
  return requested ? requested : std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace tally::cli
