#include "report/suppress.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <sstream>

namespace tally::report {

namespace {

size_t line_of(std::string_view bytes, size_t offset) {
  return 1 + static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

bool names(const Directive& d, const std::string& rule) {
  if (d.rules.empty()) return true;
  for (const auto& r : d.rules) {
    if (r == rule) return true;
    if (r.size() > 2 && r.compare(r.size() - 2, 2, ".*") == 0 &&
        rule.compare(0, r.size() - 1, r, 0, r.size() - 1) == 0)
      return true;
  }
  return false;
}

}  // namespace

std::vector<Directive> find_directives(std::string_view bytes) {
  static const RE2 re(
      R"(<!--\s*tally-(disable-next-line|disable-line|disable|enable)\b((?s:.*?))-->)");
  std::vector<Directive> out;
  re2::StringPiece input(bytes.data(), bytes.size());
  std::string kind, args;
  re2::StringPiece whole;
  size_t pos = 0;
  while (pos < bytes.size()) {
    re2::StringPiece m[3];
    if (!re.Match(input, pos, bytes.size(), RE2::UNANCHORED, m, 3)) break;
    Directive d;
    size_t begin = static_cast<size_t>(m[0].data() - bytes.data());
    size_t end = begin + m[0].size();
    std::string k(m[1]);
    d.kind = k == "disable"        ? Directive::Disable
             : k == "enable"       ? Directive::Enable
             : k == "disable-line" ? Directive::DisableLine
                                   : Directive::DisableNextLine;
    std::istringstream words{std::string(m[2])};
    for (std::string w; words >> w;) {
      w.erase(std::remove(w.begin(), w.end(), ','), w.end());
      if (!w.empty()) d.rules.push_back(w);
    }
    d.offset = begin;
    d.line = line_of(bytes, end);
    out.push_back(std::move(d));
    pos = end;
  }
  return out;
}

void apply_suppressions(const parse::Document& doc, std::string_view bytes,
                        std::vector<Finding>& findings) {
  if (doc.format != parse::Format::Markdown || bytes.find("tally-") == std::string_view::npos)
    return;
  auto directives = find_directives(bytes);
  if (directives.empty()) return;
  std::erase_if(findings, [&](const Finding& f) {
    size_t line = line_of(bytes, f.span.begin);
    bool off = false;
    for (const auto& d : directives) {
      if (d.kind == Directive::DisableNextLine) {
        if (line == d.line + 1 && names(d, f.rule)) return true;
      } else if (d.kind == Directive::DisableLine) {
        if (line == d.line && names(d, f.rule)) return true;
      } else if (d.offset < f.span.begin && names(d, f.rule)) {
        off = d.kind == Directive::Disable;
      }
    }
    return off;
  });
}

}  // namespace tally::report
