#include "rules/requirements.hpp"

#include <algorithm>
#include <map>

namespace tally::rules {

namespace {

bool has_publication_date(const parse::Document& doc) {
  return doc.publication_date.has_value();
}

const Requirement kRequirements[] = {
    {"publication_date", "no-publication-date", has_publication_date,
     "没有出版日期，以下规则未运行：{rules}（用 --date 或 .tally.yml 的 date: 指定出版日期）",
     "No publication date, so these rules did not run: {rules} (give one with --date or date: "
     "in .tally.yml)"},
};

std::string fill(std::string templ, const std::string& rules) {
  if (auto p = templ.find("{rules}"); p != std::string::npos) templ.replace(p, 7, rules);
  return templ;
}

}  // namespace

const Requirement* find_requirement(std::string_view name) {
  for (const auto& r : kRequirements)
    if (name == r.name) return &r;
  return nullptr;
}

std::string requirement_names() {
  std::string out;
  for (const auto& r : kRequirements) out += (out.empty() ? "" : ", ") + std::string(r.name);
  return out;
}

std::string document_language(const parse::Document& doc) {
  std::map<std::string, size_t> count;
  for (const auto& a : doc.articles) ++count[a.language];
  std::string best = doc.articles.empty() ? "en" : doc.articles.front().language;
  for (const auto& [lang, n] : count)
    if (n > count[best]) best = lang;
  return best;
}

Gate gate_rules(const parse::Document& doc, const std::vector<const RuleInfo*>& active) {
  Gate gate;
  if (doc.articles.empty()) return gate;
  std::string language;
  for (const auto& req : kRequirements) {
    if (req.met(doc)) continue;
    std::vector<std::string> held;
    for (const auto* r : active)
      if (std::find(r->needs.begin(), r->needs.end(), req.name) != r->needs.end())
        held.push_back(r->id);
    if (held.empty()) continue;
    std::sort(held.begin(), held.end());
    std::string list;
    for (const auto& id : held) list += (list.empty() ? "" : ", ") + id;
    if (language.empty()) language = document_language(doc);
    gate.notices.push_back({req.notice_id, req.name,
                            fill(language == "zh" ? req.message_zh : req.message_en, list), held});
    gate.held_back.insert(gate.held_back.end(), held.begin(), held.end());
  }
  std::sort(gate.held_back.begin(), gate.held_back.end());
  gate.held_back.erase(std::unique(gate.held_back.begin(), gate.held_back.end()),
                       gate.held_back.end());
  return gate;
}

}  // namespace tally::rules
