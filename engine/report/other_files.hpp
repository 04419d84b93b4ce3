#pragma once
// The other files of an edition (tally check --edition), for the related spans a finding has in
// them (Related::file): each file's bytes and line index, by path. The formats that print a
// related span's line and column look its file up here.
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "findings/finding.hpp"
#include "text/line_index.hpp"

namespace tally::report {

struct OtherFile {
  std::string_view bytes;
  const text::LineIndex* index = nullptr;
};

using OtherFiles = std::map<std::string, OtherFile, std::less<>>;

// The bytes and index a related span is in: the finding's own (`own`) when `r.file` is empty,
// else its file's from `others`; nullptr index when that file is not known.
inline OtherFile file_of(const Related& r, OtherFile own, const OtherFiles* others) {
  if (r.file.empty()) return own;
  if (others)
    if (auto it = others->find(r.file); it != others->end()) return it->second;
  return {};
}

}  // namespace tally::report
