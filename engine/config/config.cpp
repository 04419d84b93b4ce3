#include "config/config.hpp"

#include <fnmatch.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "config/yaml_load.hpp"
#include "parse/parse.hpp"
#include "text/encoding.hpp"
#include "text/read_file.hpp"
#include "text/suggest.hpp"

namespace tally::config {

namespace fs = std::filesystem;

namespace {
std::string where(const std::string& path, const YAML::Mark& m) {
  return path + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

// Every top-level key load_config reads.
const std::vector<std::string> kSettings = {
    "date",  "publication_date", "language", "input_format", "encoding",
    "rules", "disable",          "enable",   "severity",     "ignore"};

std::string settings_list() {
  std::string out;
  for (const auto& k : kSettings) out += (out.empty() ? "" : ", ") + k;
  return out;
}

void note_rule(Config& c, const YAML::Node& node, const std::string& id, const char* setting) {
  c.rule_refs.push_back({id, setting, node.Mark().line + 1, node.Mark().column + 1});
}
}  // namespace

ConfigResult load_config(const std::string& path) {
  ConfigResult r;
  r.config.path = path;
  try {
    std::string why;
    auto text = text::read_whole_file(path, why);
    if (!text) {
      r.error = path + ": cannot read: " + why;
      return r;
    }
    YAML::Node root = load_yaml(*text);
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
      } else if (key == "input_format") {
        auto v = kv.second.as<std::string>();
        if (!parse::parse_input_format(v, r.config.input_format)) {
          r.error = where(path, kv.second.Mark()) + ": input_format must be " +
                    parse::kInputFormatNames + ", not '" + v + "'";
          return r;
        }
      } else if (key == "encoding") {
        auto v = kv.second.as<std::string>();
        if (!text::encoding_known(v)) {
          r.error = where(path, kv.second.Mark()) + ": unknown encoding '" + v +
                    "' (gb18030, gbk, big5, utf-16 … as `iconv --list` names them)";
          return r;
        }
        r.config.encoding = v;
      } else if (key == "ignore") {
        if (!kv.second.IsSequence()) {
          r.error = where(path, kv.second.Mark()) + ": 'ignore' must be a list";
          return r;
        }
        for (const auto& x : kv.second) {
          if (!x.IsMap()) {
            r.config.ignore.push_back(x.as<std::string>());
            continue;
          }
          Config::PathRules pr;
          for (const auto& f : x) {
            auto k = f.first.as<std::string>();
            if (k == "path") {
              pr.glob = f.second.as<std::string>();
            } else if (k == "rules" && f.second.IsSequence()) {
              for (const auto& id : f.second) {
                pr.rules.push_back(id.as<std::string>());
                note_rule(r.config, id, pr.rules.back(), "ignore");
              }
            } else {
              r.error = where(path, f.first.Mark()) + ": an ignore entry has 'path' and a list " +
                        "of 'rules', not '" + k + "'";
              return r;
            }
          }
          if (pr.glob.empty() || pr.rules.empty()) {
            r.error = where(path, x.Mark()) + ": an ignore entry needs both 'path' and 'rules'";
            return r;
          }
          r.config.ignore_rules.push_back(std::move(pr));
        }
      } else if (key == "rules" || key == "disable" || key == "enable") {
        if (!kv.second.IsSequence()) {
          r.error = where(path, kv.second.Mark()) + ": '" + key + "' must be a list";
          return r;
        }
        std::vector<std::string> items;
        for (const auto& x : kv.second) {
          items.push_back(x.as<std::string>());
          if (key != "rules") note_rule(r.config, x, items.back(), key.c_str());
        }
        if (key == "rules") {
          fs::path base = fs::path(path).parent_path();
          for (auto& i : items)
            if (fs::path(i).is_relative()) i = (base / i).lexically_normal().string();
          r.config.rules = items;
        } else if (key == "disable") {
          r.config.disable = items;
        } else {
          r.config.enable = items;
        }
      } else if (key == "severity") {
        if (!kv.second.IsMap()) {
          r.error = where(path, kv.second.Mark()) + ": 'severity' maps rule ids to a severity";
          return r;
        }
        for (const auto& s : kv.second) {
          auto v = s.second.as<std::string>();
          if (v != "error" && v != "warning" && v != "info") {
            r.error = where(path, s.second.Mark()) + ": severity must be error, warning or info";
            return r;
          }
          auto id = s.first.as<std::string>();
          r.config.severity[id] = v;
          note_rule(r.config, s.first, id, "severity");
        }
      } else {
        r.error = where(path, kv.first.Mark()) + ": unknown setting '" + key + "'" +
                  text::did_you_mean(key, kSettings) + " (settings: " + settings_list() + ")";
        return r;
      }
    }
  } catch (const YAML::Exception& e) {
    r.error = where(path, e.mark) + ": " + e.msg;
  }
  return r;
}

std::string path_in_config(const Config& config, const std::string& file) {
  std::error_code ec;
  // Lexically, not through the file system: the draft may not exist (a name from an editor or
  // --stdin-filename), and a symlinked folder is checked under the name it was reached by.
  fs::path base = fs::absolute(fs::path(config.path), ec).lexically_normal().parent_path();
  fs::path abs = fs::absolute(fs::path(file), ec).lexically_normal();
  return abs.lexically_relative(base).string();
}

namespace {
// A glob matches the path relative to the config's folder, or the file name alone.
bool glob_matches(const std::string& glob, const std::string& rel, const std::string& file) {
  return fnmatch(glob.c_str(), rel.c_str(), 0) == 0 ||
         fnmatch(glob.c_str(), fs::path(file).filename().string().c_str(), 0) == 0;
}
}  // namespace

bool ignored(const Config& config, const std::string& file) {
  if (config.ignore.empty()) return false;
  auto rel = path_in_config(config, file);
  for (const auto& g : config.ignore)
    if (glob_matches(g, rel, file)) return true;
  return false;
}

std::vector<std::string> disabled_for(const Config& config, const std::string& file) {
  std::vector<std::string> out;
  if (config.ignore_rules.empty()) return out;
  auto rel = path_in_config(config, file);
  for (const auto& pr : config.ignore_rules)
    if (glob_matches(pr.glob, rel, file)) out.insert(out.end(), pr.rules.begin(), pr.rules.end());
  return out;
}

Located locate_config(const std::string& file) {
  std::error_code ec;
  fs::path dir = fs::absolute(fs::path(file), ec).parent_path();
  if (ec) return {};
  for (; !dir.empty(); dir = dir.parent_path()) {
    std::vector<std::string> found;
    for (const char* name : kConfigNames)
      if (fs::is_regular_file(dir / name, ec)) found.push_back((dir / name).string());
    if (found.size() == 1) return {found[0], ""};
    if (found.size() > 1)
      return {found[0],
              found[0] + " and " + found[1] + ": two config files in one folder; keep one"};
    if (dir == dir.root_path()) break;
  }
  return {};
}

std::string find_config(const std::string& file) {
  return locate_config(file).path;
}

}  // namespace tally::config
