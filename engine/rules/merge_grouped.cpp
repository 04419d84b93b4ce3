#include "rules/merge_grouped.hpp"

#include <algorithm>

#include "findings/rule_info.hpp"
#include "rules/message.hpp"

namespace tally::rules {

void merge_grouped(const parse::Document& doc, const std::vector<LuaRule>& rules,
                   std::vector<report::Finding>& findings, const std::string& messages) {
  for (const auto& rule : rules) {
    if (rule.merge_message.empty()) continue;
    std::vector<size_t> grouped;
    for (size_t i = 0; i < findings.size(); ++i) {
      const auto& f = findings[i];
      if (f.rule == rule.info.id && f.fix && !f.fix->more.empty()) grouped.push_back(i);
    }
    if (grouped.size() < 2) continue;
    merge_into_first(
        findings, std::move(grouped),
        [&](const report::Finding& first, size_t edits, size_t articles) {
          std::string lang = messages;
          if (lang.empty() && first.article >= 0 &&
              static_cast<size_t>(first.article) < doc.articles.size())
            lang = doc.articles[first.article].language;
          return fill(pick_language(rule.merge_message, lang),
                      {{"count", std::to_string(edits)}, {"articles", std::to_string(articles)}});
        });
  }
}

void merge_into_first(
    std::vector<report::Finding>& findings, std::vector<size_t> grouped,
    const std::function<std::string(const report::Finding&, size_t, size_t)>& message) {
  std::stable_sort(grouped.begin(), grouped.end(), [&](size_t a, size_t b) {
    return findings[a].span.begin < findings[b].span.begin;
  });
  std::vector<report::Edit> edits;
  for (size_t i : grouped)
    for (auto& e : findings[i].fix->edits()) edits.push_back(std::move(e));
  std::stable_sort(edits.begin(), edits.end(), [](const report::Edit& a, const report::Edit& b) {
    return a.span.begin < b.span.begin;
  });
  report::Finding& first = findings[grouped.front()];
  first.message = message(first, edits.size(), grouped.size());
  first.article = -1;  // the document's
  first.fix = report::Fix{edits.front().span, edits.front().replacement, {}};
  first.fix->more.assign(edits.begin() + 1, edits.end());
  std::vector<bool> drop(findings.size(), false);
  for (size_t k = 1; k < grouped.size(); ++k) drop[grouped[k]] = true;
  size_t at = 0;
  for (size_t i = 0; i < findings.size(); ++i)
    if (!drop[i]) {
      if (at != i) findings[at] = std::move(findings[i]);
      ++at;
    }
  findings.resize(at);
}

}  // namespace tally::rules
