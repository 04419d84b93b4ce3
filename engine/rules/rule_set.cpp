#include "rules/rule_set.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rules/embedded.hpp"
#include "rules/embedded_bytecode.hpp"
#include "rules/lua_rules.hpp"

namespace tally::rules {

namespace fs = std::filesystem;

namespace {

// "<embedded>/": the start of every embedded file's path.
const std::string kEmbeddedPrefix = std::string(kEmbeddedRoot) + "/";

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct Found {
  std::string path, folder, text;
  int source;
};

void collect_embedded(std::vector<Found>& out) {
  for (const auto& f : embedded_files()) {
    std::string path = std::string(kEmbeddedRoot) + "/" + f.path;
    out.push_back({path, fs::path(path).parent_path().string(), std::string(f.data, f.size), 0});
  }
}

void collect_folder(const std::string& dir, int source, std::vector<Found>& out,
                    std::vector<RuleError>& errors) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    errors.push_back({dir, 0, 0, "", "rule folder not found"});
    return;
  }
  for (const auto& p : find_rule_files(dir, errors)) {
    errno = 0;
    auto text = read_rule_file(p);
    if (!text) {
      int err = errno;  // set by the failed open (no permission, gone since the walk)
      errors.push_back({p, 0, 0, "",
                        err ? "cannot read the file: " + std::string(std::strerror(err))
                            : std::string("cannot read the file")});
      continue;
    }
    out.push_back({p, fs::path(p).parent_path().string(), *text, source});
  }
}

// The shipped YAML rule files, compiled once per process (from the trees parsed at build time,
// rules/embedded_yaml.hpp): a language server that reloads its rules, or a run with several
// configs, compiles them once. Their rules share the
// compiled checks (immutable, like the rest of a RuleSet).
const YamlLoad* shipped_yaml(const std::string& path) {
  static const std::map<std::string, YamlLoad> loaded = [] {
    std::map<std::string, YamlLoad> m;
    for (const auto& f : embedded_files()) {
      std::string p = kEmbeddedPrefix + f.path;
      if (ends_with(p, ".yaml") && !ends_with(p, ".test.yaml"))
        m.emplace(p, load_shipped_yaml(p, f.path, std::string(f.data, f.size)));
    }
    return m;
  }();
  auto it = loaded.find(path);
  return it == loaded.end() ? nullptr : &it->second;
}

}  // namespace

std::vector<std::string> find_rule_files(const std::string& dir, std::vector<RuleError>& errors) {
  std::vector<std::string> paths;
  std::vector<fs::path> folders{dir};
  while (!folders.empty()) {
    fs::path folder = std::move(folders.back());
    folders.pop_back();
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code e;
      // Links to folders are not followed (no loops); links to files are read.
      if (it->symlink_status(e).type() == fs::file_type::directory) {
        folders.push_back(it->path());
        continue;
      }
      if (!it->is_regular_file(e)) continue;
      auto p = it->path().string();
      if (ends_with(p, ".yaml") || ends_with(p, ".yml") || ends_with(p, ".lua")) paths.push_back(p);
    }
    // Not skipped: its rules would be missing without a word and the check would pass.
    if (ec)
      errors.push_back({folder.string(), 0, 0, "", "cannot read the folder: " + ec.message()});
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

const RuleInfo* RuleSet::find(const std::string& id) const {
  for (const auto& i : infos)
    if (i.id == id) return &i;
  return nullptr;
}

std::optional<std::string> read_rule_file(const std::string& path) {
  std::string root = std::string(kEmbeddedRoot) + "/";
  if (path.compare(0, root.size(), root) == 0) {
    for (const auto& f : embedded_files())
      if (path.substr(root.size()) == f.path) return std::string(f.data, f.size);
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ModuleLookup module_lookup() {
  return [](const std::string& folder, const std::string& rel) {
    return read_rule_file(folder + "/" + rel);
  };
}

std::unique_ptr<LuaRules> RuleSet::take_spare_lua() const {
  if (!spare_lua) return nullptr;
  std::lock_guard<std::mutex> lock(spare_lua->taking);
  return std::move(spare_lua->lua);
}

RuleSet load_rules(const std::vector<std::string>& folders, bool embedded, LuaLimits limits) {
  RuleSet set;
  set.limits = limits;
  std::vector<Found> found;
  if (embedded) collect_embedded(found);
  for (size_t i = 0; i < folders.size(); ++i)
    collect_folder(folders[i], static_cast<int>(i + 1), found, set.errors);

  // Each rule id, in source order; a later source replaces an earlier one, a second definition
  // within one source is a mistake.
  struct Def {
    RuleInfo info;
    int source;
    int yaml = -1;  // index into `yamls`
  };
  std::vector<Def> defs;
  std::vector<YamlRule> yamls;
  auto lua = std::make_unique<LuaRules>(limits, module_lookup());
  for (auto& f : found) {
    if (ends_with(f.path, ".test.yaml") || ends_with(f.path, ".test.yml")) {
      set.test_files.push_back(f.path);
      continue;
    }
    if (ends_with(f.path, ".lua")) {
      // A module required by rule files declares nothing of its own: only files that call
      // tally.rule are rule files. Modules live in a lib/ folder.
      if (f.path.find("/lib/") != std::string::npos) continue;
      size_t before = lua->rules().size();
      std::string_view bytecode;
      if (f.source == 0)
        bytecode = bytecode_for(std::string_view(f.path).substr(kEmbeddedPrefix.size()), f.text);
      for (auto& e : lua->load_file(f.path, f.folder, f.text, bytecode)) set.errors.push_back(e);
      for (size_t k = before; k < lua->rules().size(); ++k)
        defs.push_back({lua->rules()[k].info, f.source});
      set.lua_files.push_back({f.path, f.folder, std::move(f.text), f.source, bytecode});
    } else {
      const YamlLoad* shipped = f.source == 0 ? shipped_yaml(f.path) : nullptr;
      auto loaded = shipped ? *shipped : load_yaml_rules(f.path, f.text);
      for (auto& e : loaded.errors) set.errors.push_back(e);
      for (auto& w : loaded.warnings) set.warnings.push_back(w);
      for (auto& r : loaded.rules) {
        defs.push_back({r.info, f.source, static_cast<int>(yamls.size())});
        yamls.push_back(std::move(r));
      }
    }
  }
  set.warnings.insert(set.warnings.end(), lua->warnings().begin(), lua->warnings().end());
  // Every file of set.lua_files, loaded in that order: what Checker would load (checker.cpp).
  set.spare_lua = std::make_shared<SpareLua>();
  set.spare_lua->lua = std::move(lua);
  std::map<std::string, size_t> chosen;  // id -> index into defs
  for (size_t i = 0; i < defs.size(); ++i) {
    const auto& d = defs[i];
    auto it = chosen.find(d.info.id);
    if (it != chosen.end() && defs[it->second].source == d.source) {
      set.errors.push_back({d.info.file, d.info.line, 0, d.info.id,
                            "rule id already defined in " + defs[it->second].info.file});
      continue;
    }
    chosen[d.info.id] = i;
  }
  for (const auto& [id, i] : chosen) {
    const auto& d = defs[i];
    set.owner[id] = d.info.file;
    set.infos.push_back(d.info);
    if (d.yaml >= 0) set.yaml.push_back(yamls[d.yaml]);
  }
  return set;
}

}  // namespace tally::rules
