#include "report/suppress.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <sstream>

#include "findings/rule_info.hpp"

namespace tally::report {

namespace {

bool names(const Directive& d, const std::string& rule) {
  if (d.rules.empty()) return true;
  for (const auto& r : d.rules)
    if (rules::rule_matches(r, rule)) return true;
  return false;
}

}  // namespace

std::vector<Directive> find_directives(std::string_view bytes, const text::LineIndex& index) {
  static const RE2 re(
      R"(<!--\s*tally-(disable-next-line|disable-line|disable|enable)\b((?s:.*?))-->)");
  std::vector<Directive> out;
  re2::StringPiece input(bytes.data(), bytes.size());
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
    d.line = index.position(static_cast<uint32_t>(end)).line;
    out.push_back(std::move(d));
    pos = end;
  }
  return out;
}

void apply_suppressions(const parse::Document& doc, std::string_view bytes,
                        std::vector<Finding>& findings) {
  if (doc.format != parse::Format::Markdown || bytes.find("tally-") == std::string_view::npos)
    return;
  text::LineIndex index(bytes);
  auto directives = find_directives(bytes, index);
  if (directives.empty()) return;
  // Whether `rule` is turned off at byte `at`.
  auto off_at = [&](const std::string& rule, uint32_t at) {
    size_t line = index.position(at).line;
    bool off = false;
    for (const auto& d : directives) {
      if (d.kind == Directive::DisableNextLine) {
        if (line == d.line + 1 && names(d, rule)) return true;
      } else if (d.kind == Directive::DisableLine) {
        if (line == d.line && names(d, rule)) return true;
      } else if (d.offset < at && names(d, rule)) {
        off = d.kind == Directive::Disable;
      }
    }
    return off;
  };
  bool moved = false;
  for (auto& f : findings) {
    if (!f.fix || f.fix->more.empty()) continue;
    // A grouped finding (one for many marks): the marks where its rule is off leave its fix,
    // and it moves to the first mark left; none left, and it goes with the rest below.
    auto edits = f.fix->edits();
    std::erase_if(edits, [&](const Edit& e) { return off_at(f.rule, e.span.begin); });
    if (edits.empty() || edits.size() == f.fix->more.size() + 1) continue;
    if (off_at(f.rule, f.span.begin)) {
      f.span = edits.front().span;
      moved = true;
    }
    f.fix = Fix{edits.front().span, edits.front().replacement, {}};
    f.fix->more.assign(edits.begin() + 1, edits.end());
  }
  std::erase_if(findings, [&](const Finding& f) { return off_at(f.rule, f.span.begin); });
  if (moved) sort_findings(findings);
}

}  // namespace tally::report
