#include "cli/docs_base.hpp"

#include <cstdlib>
#include <filesystem>

#include "text/uri.hpp"

namespace fs = std::filesystem;

namespace tally::cli {

std::string folder_url(const std::string& folder) {
  std::error_code ec;
  fs::path p = fs::absolute(folder, ec);
  std::string s = (ec ? fs::path(folder) : p).lexically_normal().generic_string();
  if (s.empty() || s.back() != '/') s += '/';
  return "file://" + text::percent_encode_path(s);
}

namespace {

bool has_docs(const fs::path& folder) {
  std::error_code ec;
  return fs::is_regular_file(folder / "docs" / "rules.md", ec);
}

}  // namespace

std::string docs_base() {
  if (const char* env = std::getenv("TALLY_DOCS_BASE"); env && *env) {
    std::string v = env;
    if (v.find("://") != std::string::npos) return v.back() == '/' ? v : v + '/';
    return folder_url(v);
  }
  std::error_code ec;
  const fs::path exe_dir = fs::canonical("/proc/self/exe", ec).parent_path();
  if (ec) return "";
  // TALLY_DOCS_FROM_BIN is the install docdir relative to the install bindir (../share/doc/tally).
  if (fs::path installed = (exe_dir / TALLY_DOCS_FROM_BIN).lexically_normal(); has_docs(installed))
    return folder_url(installed.string());
  if (fs::equivalent(exe_dir, fs::path(TALLY_BUILD_DIR), ec) && has_docs(TALLY_SOURCE_DIR))
    return folder_url(TALLY_SOURCE_DIR);
  return "";
}

std::string resolve_link(const std::string& link) {
  if (link.empty() || link.find("://") != std::string::npos) return link;
  std::string base = docs_base();
  return base.empty() ? link : base + link;
}

}  // namespace tally::cli
