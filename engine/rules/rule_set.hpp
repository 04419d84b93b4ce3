#pragma once
// The rules in force: the packs embedded in the binary, then rule folders in the order given.
// A rule in a later source with the id of an earlier one replaces it, so a newsroom overrides a
// shipped rule by dropping a file with the same id in its folder. Loaded once, shared read-only
// by every Checker (and so every thread).
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "findings/rule_info.hpp"
#include "rules/lua_sandbox.hpp"
#include "rules/yaml_rule.hpp"

namespace tally::rules {

struct SourceFile {
  std::string path;    // shown in errors and `tally rules`
  std::string folder;  // where its require() looks
  std::string text;
  int source = 0;  // 0 embedded, 1… the folders in order
  // For an embedded file, its chunk compiled at build time (static storage); else empty.
  std::string_view bytecode;
};

class LuaRules;

// The Lua state load_rules read the rule files into: the same state a Checker would build by
// loading them again, handed to the first Checker of the set instead (a page checked in its own
// process loads every rule file once, not twice). Copies of a set share it; it is taken once.
struct SpareLua {
  std::mutex taking;
  std::unique_ptr<LuaRules> lua;
};

struct RuleSet {
  std::vector<SourceFile> lua_files;
  std::vector<YamlRule> yaml;                // only the versions in force
  std::vector<RuleInfo> infos;               // every rule in force, sorted by id
  std::map<std::string, std::string> owner;  // rule id -> file of the version in force
  std::vector<RuleError> errors;
  // What loads but should be fixed: a house rule whose id does not name its folder and file, or
  // whose family is not declared (findings/families.hpp). The CLI prints them; nothing fails.
  std::vector<RuleError> warnings;
  std::vector<std::string> test_files;  // NAME.test.yaml beside the rules, in source order
  LuaLimits limits;
  std::shared_ptr<SpareLua> spare_lua;  // set by load_rules

  const RuleInfo* find(const std::string& id) const;
  // The spare Lua state, to its first taker; null after (or for a set not from load_rules).
  std::unique_ptr<LuaRules> take_spare_lua() const;
};

// `folders` are searched recursively for *.yaml (rules), *.test.yaml (their tests) and *.lua.
RuleSet load_rules(const std::vector<std::string>& folders, bool embedded, LuaLimits limits = {});

// How require() finds modules: on disk, or among the embedded files.
ModuleLookup module_lookup();

// Reads a file that may be embedded ("<embedded>/…") or on disk.
std::optional<std::string> read_rule_file(const std::string& path);
// The .yaml, .yml and .lua files under `dir` (links to folders not followed), sorted. A folder
// that cannot be listed is added to `errors` with the reason, and the walk goes on.
std::vector<std::string> find_rule_files(const std::string& dir, std::vector<RuleError>& errors);

}  // namespace tally::rules
