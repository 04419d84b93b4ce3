#include "config/config.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>

namespace tally::config {

namespace fs = std::filesystem;

namespace {
std::string where(const std::string& path, const YAML::Mark& m) {
  return path + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}
}  // namespace

ConfigResult load_config(const std::string& path) {
  ConfigResult r;
  r.config.path = path;
  try {
    YAML::Node root = YAML::LoadFile(path);
    if (!root || root.IsNull()) return r;
    if (!root.IsMap()) {
      r.error = where(path, root.Mark()) + ": expected a mapping of settings";
      return r;
    }
    for (const auto& kv : root) {
      auto key = kv.first.as<std::string>();
      if (key == "date" || key == "publication_date") {
        auto v = kv.second.as<std::string>();
        auto d = parse::parse_iso_date(v);
        if (!d) {
          r.error = where(path, kv.second.Mark()) + ": '" + v + "' is not a date (YYYY-MM-DD)";
          return r;
        }
        r.config.date = d;
      } else if (key == "language") {
        auto v = kv.second.as<std::string>();
        if (v != "zh" && v != "en" && v != "auto") {
          r.error = where(path, kv.second.Mark()) + ": language must be zh, en or auto";
          return r;
        }
        r.config.language = v == "auto" ? "" : v;
      }
      // Other keys belong to the rules stage (rule folders, disabled rules, severities).
    }
  } catch (const YAML::Exception& e) {
    r.error = where(path, e.mark) + ": " + e.msg;
  }
  return r;
}

std::string find_config(const std::string& file) {
  std::error_code ec;
  fs::path dir = fs::absolute(fs::path(file), ec).parent_path();
  if (ec) return {};
  for (; !dir.empty(); dir = dir.parent_path()) {
    auto candidate = dir / ".tally.yml";
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    if (dir == dir.root_path()) break;
  }
  return {};
}

}  // namespace tally::config
