#include "service/rule_files.hpp"

#include <filesystem>
#include <set>

#include "config/config.hpp"
#include "rules/rule_set.hpp"

namespace tally::service {

namespace fs = std::filesystem;

std::string rule_files_signature(const std::vector<std::string>& configs,
                                 std::vector<std::string> folders) {
  std::string sig;
  std::error_code ec;
  auto stamp = [&](const fs::path& p) {
    auto t = fs::last_write_time(p, ec);
    auto size = fs::file_size(p, ec);
    sig += p.string() + ':' + std::to_string(t.time_since_epoch().count()) + ':' +
           std::to_string(size) + '\n';
  };
  std::set<std::string> all(folders.begin(), folders.end());
  for (const auto& c : std::set<std::string>(configs.begin(), configs.end())) {
    stamp(c);
    for (const auto& f : config::load_config(c).config.rules) all.insert(f);
  }
  for (const auto& folder : all) {
    // The same walk as loading: a folder it cannot read is an error there, and here a part of
    // the signature (it changes when the folder becomes readable).
    std::vector<rules::RuleError> unreadable;
    for (const auto& p : rules::find_rule_files(folder, unreadable)) stamp(p);
    for (const auto& e : unreadable) sig += e.file + ": " + e.message + '\n';
  }
  return sig;
}

}  // namespace tally::service
