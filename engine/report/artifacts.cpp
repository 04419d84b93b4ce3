#include "report/artifacts.hpp"

#include <set>

namespace tally::report {

namespace {

std::string quoted(std::string_view s, bool zh) {
  std::string q = zh ? "“" : "\"";
  std::string e = zh ? "”" : "\"";
  std::string t;
  // Keep messages one line: line breaks inside the span read as spaces.
  for (char c : s) t += (c == '\n' || c == '\r') ? ' ' : c;
  return q + t + e;
}

}  // namespace

std::vector<Finding> artifact_findings(const parse::Document& doc, std::string_view bytes) {
  std::vector<Finding> out;
  std::set<std::pair<uint32_t, uint32_t>> seen;  // a repair can surface in more than one block
  for (size_t a = 0; a < doc.articles.size(); ++a) {
    const auto& art = doc.articles[a];
    bool zh = art.language != "en";
    for (const auto& b : art.blocks) {
      for (const auto& r : b.text.repairs) {
        if (!seen.insert({r.original.begin, r.original.end}).second) continue;
        std::string_view orig = bytes.substr(r.original.begin, r.original.size());
        Finding f;
        f.span = r.original;
        f.article = static_cast<int>(a);
        f.severity = Severity::Warning;
        if (r.kind == text::RepairKind::DoubledText) {
          f.rule = "artifact.doubled-text";
          f.message =
              zh ? "文字重复（PDF 提取粗体时常见）：" + quoted(orig, zh) + " 应为 " +
                       quoted(r.repaired, zh)
                 : "Text doubled, as PDF extraction does to bold type: " + quoted(orig, zh) +
                       " should read " + quoted(r.repaired, zh);
        } else {
          f.rule = "artifact.spaced-chars";
          f.message = zh ? "字间多余空格（两端对齐排版所致）：" + quoted(orig, zh) + " 应为 " +
                               quoted(r.repaired, zh)
                         : "Characters spaced out by justified layout: " + quoted(orig, zh) +
                               " should read " + quoted(r.repaired, zh);
        }
        // A fix that spans a line break would join lines; offer it only within one line.
        if (orig.find('\n') == std::string_view::npos) f.fix = Fix{r.original, r.repaired};
        out.push_back(std::move(f));
      }
    }
  }
  sort_findings(out);
  return out;
}

}  // namespace tally::report
