#include "report/ignore_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace tally::report {

namespace fs = std::filesystem;

namespace {

// A list decides which findings nobody sees: one that another user could have planted or can
// change (in /tmp, say) is not read, as git refuses a repository another user owns.
bool trusted(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return false;
  return (st.st_uid == ::geteuid() || st.st_uid == 0) && !(st.st_mode & S_IWOTH);
}

// The nearest `.tally-ignore` from `dir` upward, stopping after the folder that holds `.git`
// (outside a repository, after the home folder).
fs::path search_from(fs::path dir) {
  std::error_code ec;
  const char* home_env = std::getenv("HOME");
  const fs::path home = home_env && *home_env ? fs::path(home_env).lexically_normal() : fs::path();
  for (; !dir.empty(); dir = dir.parent_path()) {
    fs::path candidate = dir / kIgnoreFileName;
    if (fs::is_regular_file(candidate, ec)) return trusted(candidate) ? candidate : fs::path();
    // `.git` is a folder in a clone and a file in a worktree or submodule: either ends the search.
    if (fs::exists(dir / ".git", ec) || dir == dir.root_path() || dir == home) break;
  }
  return {};
}

}  // namespace

std::string find_ignore_file(const std::string& file) {
  std::error_code ec;
  fs::path abs = fs::absolute(fs::path(file), ec);
  if (ec) return "";
  return search_from(abs.lexically_normal().parent_path()).string();
}

std::string ignore_file_for_folder(const std::string& folder) {
  std::error_code ec;
  fs::path dir = fs::absolute(fs::path(folder), ec).lexically_normal();
  if (ec) return kIgnoreFileName;
  fs::path found = search_from(dir);
  if (found.empty()) found = dir / kIgnoreFileName;
  fs::path rel = found.lexically_relative(dir);
  return rel.empty() ? found.string() : rel.generic_string();
}

Baseline* ignore_list_for(IgnoreLists& lists, const std::string& file, std::string& error) {
  // By the folder as written first (all before the last '/'): files written with the same
  // folder are in the same folder, and making the path absolute (a getcwd and a normalisation)
  // for every file of a folder cost as much as the report of a file without findings.
  auto slash = file.rfind('/');
  std::string written = slash == std::string::npos ? std::string() : file.substr(0, slash + 1);
  auto w = lists.by_written.find(written);
  if (w == lists.by_written.end()) {
    std::error_code ec;
    std::string folder = fs::absolute(fs::path(file), ec).lexically_normal().parent_path().string();
    auto at = lists.by_folder.find(folder);
    if (at == lists.by_folder.end())
      at = lists.by_folder.emplace(folder, find_ignore_file(file)).first;
    w = lists.by_written.emplace(std::move(written), at->second).first;
  }
  const std::string& path = w->second;
  if (path.empty() || lists.unreadable.count(path)) return nullptr;
  if (auto it = lists.loaded.find(path); it != lists.loaded.end()) return &it->second;
  auto read = load_baseline(path, error);
  if (!read) {
    lists.unreadable[path] = error;
    return nullptr;
  }
  return &lists.loaded.emplace(path, std::move(*read)).first->second;
}

}  // namespace tally::report
