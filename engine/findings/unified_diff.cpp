#include "findings/unified_diff.hpp"

#include <algorithm>

namespace tally::report {

namespace {

constexpr size_t kContext = 3;

// Where each line starts; a last line without a line break counts too.
std::vector<size_t> line_starts(std::string_view s) {
  std::vector<size_t> starts;
  if (s.empty()) return starts;
  starts.push_back(0);
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\n' && i + 1 < s.size()) starts.push_back(i + 1);
  return starts;
}

// 0-based index of the line holding byte `at` (the last line for the end of the text).
size_t line_of(const std::vector<size_t>& starts, size_t at) {
  auto it = std::upper_bound(starts.begin(), starts.end(), at);
  return it == starts.begin() ? 0 : static_cast<size_t>(it - starts.begin()) - 1;
}

// The lines of `s`, each with its line break.
std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t at = 0;
  while (at < s.size()) {
    size_t nl = s.find('\n', at);
    size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
    lines.push_back(s.substr(at, end - at));
    at = end;
  }
  return lines;
}

// One line with `mark` before it; a last line without "\n" gets patch's marker.
void emit_line(std::string& out, std::string_view line, char mark) {
  out += mark;
  out.append(line);
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

size_t count_lines(std::string_view s) {
  size_t n = static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
  return n + (!s.empty() && s.back() != '\n' ? 1 : 0);
}

std::string range(size_t start, size_t count) {
  // diff -u: a range of no lines names the line before it.
  return std::to_string(count ? start : start - 1) +
         (count == 1 ? "" : "," + std::to_string(count));
}

}  // namespace

std::string unified_diff(const std::string& path, std::string_view bytes,
                         const std::vector<Edit>& edits) {
  if (edits.empty()) return "";
  auto starts = line_starts(bytes);
  if (starts.empty()) starts.push_back(0);  // an empty file: one empty line to edit
  const size_t n = starts.size();
  auto line_end = [&](size_t line) { return line + 1 < n ? starts[line + 1] : bytes.size(); };
  auto last_line = [&](const Span& s) {
    return line_of(starts, s.end > s.begin ? s.end - 1 : s.begin);
  };
  // Hunks: runs of lines [first, last] around edits [e0, e1), merged when their context meets.
  struct Hunk {
    size_t first, last, e0, e1;
  };
  std::vector<Hunk> hunks;
  for (size_t i = 0; i < edits.size(); ++i) {
    const auto& s = edits[i].span;
    size_t a = line_of(starts, s.begin);
    size_t b = last_line(s);
    size_t first = a >= kContext ? a - kContext : 0, last = std::min(n - 1, b + kContext);
    if (!hunks.empty() && first <= hunks.back().last + 1) {
      hunks.back().last = std::max(hunks.back().last, last);
      hunks.back().e1 = i + 1;
    } else {
      hunks.push_back({first, last, i, i + 1});
    }
  }
  std::string out = "--- " + path + "\n+++ " + path + "\n";
  long shift = 0;  // lines the hunks before have added
  for (const auto& h : hunks) {
    size_t from = starts[h.first], to = line_end(h.last);
    std::string_view old_text = bytes.substr(from, to - from);
    std::string new_text;
    size_t at = from;
    for (size_t i = h.e0; i < h.e1; ++i) {
      new_text.append(bytes.substr(at, edits[i].span.begin - at));
      new_text += edits[i].replacement;
      at = edits[i].span.end;
    }
    new_text.append(bytes.substr(at, to - at));
    size_t old_count = count_lines(old_text), new_count = count_lines(new_text);
    size_t old_start = h.first + 1;
    size_t new_start = static_cast<size_t>(static_cast<long>(old_start) + shift);
    out += "@@ -" + range(old_start, old_count) + " +" + range(new_start, new_count) + " @@\n";
    // Lines no edit touches are context; each run of touched lines is written as its old lines
    // then its new ones, as diff -u writes a change.
    size_t line = h.first;
    for (size_t i = h.e0; i < h.e1;) {
      size_t a = line_of(starts, edits[i].span.begin), b = last_line(edits[i].span);
      size_t j = i + 1;
      while (j < h.e1 && line_of(starts, edits[j].span.begin) <= b + 1)
        b = std::max(b, last_line(edits[j++].span));
      for (; line < a; ++line)
        emit_line(out, bytes.substr(starts[line], line_end(line) - starts[line]), ' ');
      size_t from_b = starts[a], to_b = line_end(b);
      std::string changed;
      size_t at = from_b;
      for (size_t k = i; k < j; ++k) {
        changed.append(bytes.substr(at, edits[k].span.begin - at));
        changed += edits[k].replacement;
        at = edits[k].span.end;
      }
      changed.append(bytes.substr(at, to_b - at));
      // An edit that took a line break out joins the next line to the change.
      while (!changed.empty() && changed.back() != '\n' && b + 1 < n) {
        ++b;
        changed.append(bytes.substr(to_b, line_end(b) - to_b));
        to_b = line_end(b);
      }
      for (auto l : split_lines(bytes.substr(from_b, to_b - from_b))) emit_line(out, l, '-');
      for (auto l : split_lines(changed)) emit_line(out, l, '+');
      line = b + 1;
      i = j;
    }
    for (; line <= h.last; ++line)
      emit_line(out, bytes.substr(starts[line], line_end(line) - starts[line]), ' ');
    shift += static_cast<long>(new_count) - static_cast<long>(old_count);
  }
  return out;
}

}  // namespace tally::report
