#include "report/baseline.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "text/atomic_write.hpp"
#include "text/read_file.hpp"

namespace tally::report {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string key_path(const std::string& folder, const std::string& file) {
  std::error_code ec;
  auto rel = fs::absolute(file, ec).lexically_normal().lexically_relative(folder);
  return rel.empty() ? file : rel.generic_string();
}

std::string folder_of(const std::string& baseline) {
  std::error_code ec;
  return fs::absolute(baseline, ec).parent_path().lexically_normal().string();
}

using Counts = std::map<std::tuple<std::string, std::string, std::string, std::string>, int>;

bool write_counts(const std::string& path, const Counts& counts, std::string& error) {
  json arr = json::array();
  for (const auto& [k, n] : counts)
    arr.push_back({{"path", std::get<0>(k)},
                   {"rule", std::get<1>(k)},
                   {"text", std::get<2>(k)},
                   {"line", std::get<3>(k)},
                   {"count", n}});
  // Paths, texts and lines are the drafts' bytes: invalid UTF-8 (a file name) is replaced, not
  // an exception that loses the run.
  std::string bytes =
      json{{"version", 1}, {"findings", arr}}.dump(2, ' ', false, json::error_handler_t::replace);
  bytes += '\n';
  return text::write_file_atomically(path, bytes, error);
}

}  // namespace

std::optional<Baseline> load_baseline(const std::string& path, std::string& error) {
  std::string why;
  auto text = text::read_whole_file(path, why);
  if (!text) {
    error = path + ": cannot read baseline: " + why;
    return std::nullopt;
  }
  return parse_baseline(*text, folder_of(path), path, error);
}

std::optional<Baseline> parse_baseline(std::string_view text, const std::string& folder,
                                       const std::string& name, std::string& error) {
  Baseline b;
  std::error_code ec;
  auto dir = fs::absolute(folder, ec).lexically_normal();
  if (!dir.has_filename() && dir != dir.root_path()) dir = dir.parent_path();  // "d/." is "d/"
  b.folder = dir.string();
  try {
    json j = json::parse(text);
    if (!j.is_object() || j.value("version", 0) != 1 || !j.contains("findings") ||
        !j["findings"].is_array()) {
      error = name + ": not a tally baseline (version 1 with a findings list)";
      return std::nullopt;
    }
    for (const auto& f : j["findings"])
      b.counts[{f.at("path").get<std::string>(), f.at("rule").get<std::string>(),
                f.at("text").get<std::string>(), f.at("line").get<std::string>()}] +=
          f.value("count", 1);
  } catch (const json::exception& e) {
    error = name + ": " + e.what();
    return std::nullopt;
  }
  return b;
}

bool write_baseline(const std::string& path, const std::vector<FileReport>& files,
                    std::string& error) {
  std::string folder = folder_of(path);
  Counts counts;
  for (const auto& file : files)
    for (const auto& f : file.findings)
      ++counts[{key_path(folder, file.path), f.finding.rule, f.text, f.line}];
  return write_counts(path, counts, error);
}

std::optional<BaselineEntry> add_to_baseline(const std::string& path, const std::string& file,
                                             const LocatedFinding& finding, std::string& error) {
  Baseline known;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    auto loaded = load_baseline(path, error);
    if (!loaded) return std::nullopt;
    known = std::move(*loaded);
  } else {
    known.folder = folder_of(path);
  }
  BaselineEntry e{key_path(known.folder, file), finding.finding.rule, finding.text, finding.line};
  e.count = ++known.counts[{e.path, e.rule, e.text, e.line}];
  if (!write_counts(path, known.counts, error)) return std::nullopt;
  return e;
}

size_t apply_baseline(Baseline& baseline, FileReport& file) {
  std::string p = key_path(baseline.folder, file.path);
  size_t before = file.findings.size();
  std::erase_if(file.findings, [&](const LocatedFinding& f) {
    auto it = baseline.counts.find({p, f.finding.rule, f.text, f.line});
    if (it == baseline.counts.end() || it->second == 0) return false;
    --it->second;
    return true;
  });
  return before - file.findings.size();
}

std::vector<bool> known_findings(const Baseline& baseline, const std::string& path,
                                 const std::vector<LocatedFinding>& findings) {
  std::string p = key_path(baseline.folder, path);
  std::vector<bool> known(findings.size(), false);
  Counts used;
  for (size_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    auto key = std::make_tuple(p, f.finding.rule, f.text, f.line);
    auto it = baseline.counts.find(key);
    if (it == baseline.counts.end()) continue;
    int& n = used[key];
    if (n < it->second) {
      ++n;
      known[i] = true;
    }
  }
  return known;
}

}  // namespace tally::report
