#include "config/yaml_depth.hpp"

#include <vector>

namespace tally::config {

std::optional<YamlDepthAt> yaml_too_deep(std::string_view t, size_t limit) {
  std::vector<size_t> block;  // columns of the open block collections
  size_t flow = 0;            // open flow collections ('[' '{')
  size_t line = 0, line_start = 0;
  long scalar_indent = -1;  // lines indented deeper than this belong to a block scalar
  auto at = [&](size_t i) { return YamlDepthAt{line, i - line_start, i}; };
  size_t i = 0;
  while (i < t.size()) {
    // One line per turn; i is at its first byte.
    size_t end = t.find('\n', i);
    if (end == std::string_view::npos) end = t.size();
    size_t p = i;
    while (p < end && t[p] == ' ') ++p;
    size_t indent = p - i;
    bool blank = p == end || t[p] == '#' || t[p] == '\r';
    if (scalar_indent >= 0 && (blank || static_cast<long>(indent) > scalar_indent)) {
      i = end + 1, ++line, line_start = i;
      continue;
    }
    scalar_indent = -1;
    if (blank && flow == 0) {
      i = end + 1, ++line, line_start = i;
      continue;
    }
    if (flow == 0) {
      while (!block.empty() && block.back() > indent) block.pop_back();
      if (block.empty() || block.back() < indent) block.push_back(indent);
      if (block.size() + flow > limit) return at(p);
      // "- - - x", "? - x": each indicator opens a collection one level deeper.
      while (p + 1 <= end && (t[p] == '-' || t[p] == '?') &&
             (p + 1 == end || t[p + 1] == ' ' || t[p + 1] == '\r')) {
        ++p;
        while (p < end && t[p] == ' ') ++p;
        block.push_back(p - i);
        if (block.size() + flow > limit) return at(p);
      }
    }
    // The rest of the line: flow brackets where a value may start (or anywhere inside a flow
    // collection), quoted scalars, comments, and "key: |" opening a block scalar.
    bool value_start = true;  // at the start of a value: a '[' or '{' here opens a collection
    for (; p < end; ++p) {
      char c = t[p];
      if (c == '#' && (p == i || t[p - 1] == ' ' || t[p - 1] == '\t')) break;
      if ((c == '"' || c == '\'') && (value_start || flow > 0)) {
        // A quoted scalar, perhaps over several lines; "" inside '' and \" inside "" escape.
        size_t q = p + 1;
        for (; q < t.size(); ++q) {
          if (t[q] == '\n') ++line, line_start = q + 1;
          if (c == '"' && t[q] == '\\') {
            ++q;
            if (q < t.size() && t[q] == '\n') ++line, line_start = q + 1;
            continue;
          }
          if (t[q] == c) {
            if (c == '\'' && q + 1 < t.size() && t[q + 1] == '\'') {
              ++q;
              continue;
            }
            break;
          }
        }
        p = q;
        if (p >= end) {  // the scalar ran over lines: go on from its end
          end = t.find('\n', std::min(p, t.size()));
          if (end == std::string_view::npos) end = t.size();
          if (p >= t.size()) break;
        }
        value_start = false;
        continue;
      }
      if ((c == '[' || c == '{') && (value_start || flow > 0)) {
        if (++flow + block.size() > limit) return at(p);
        value_start = true;
        continue;
      }
      if ((c == ']' || c == '}') && flow > 0) {
        --flow;
        continue;
      }
      if (c == ',' && flow > 0) {
        value_start = true;
        continue;
      }
      if (c == ':' && (p + 1 == end || t[p + 1] == ' ' || t[p + 1] == '\r' || flow > 0)) {
        value_start = true;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') continue;
      if ((c == '|' || c == '>') && value_start && flow == 0) {
        scalar_indent = static_cast<long>(block.empty() ? 0 : block.back());
        break;
      }
      if (c == '-' && value_start && flow == 0 && (p + 1 == end || t[p + 1] == ' ')) continue;
      value_start = false;
    }
    i = end + 1, ++line, line_start = i;
  }
  return std::nullopt;
}

}  // namespace tally::config
