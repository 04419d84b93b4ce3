#include "findings/families.hpp"

namespace tally::rules {

namespace {

constexpr Family kFamilies[] = {
    {"percent", "百分比", "Percentages"},
    {"count", "数量", "Counts"},
    {"growth", "增长", "Growth"},
    {"date", "日期", "Dates"},
    {"entity", "同一对象", "Entities"},
    {"headline", "标题", "Headlines"},
    {"edition", "版面", "Edition"},  // across the pages of an edition (tally check --edition)
    {"quote", "引号", "Quotations"},
    {"bracket", "括号", "Brackets"},
    {"punct", "标点", "Punctuation"},
    {"artifact", "排版残留", "Extraction artifacts"},
    // No rule ships in it: the family a newsroom's own rules take (house.wording), so that they
    // load without a warning and group under one name.
    {"house", "本社规范", "House style"},
};

}  // namespace

std::span<const Family> families() {
  return kFamilies;
}

const Family* find_family(std::string_view id) {
  for (const auto& f : kFamilies)
    if (id == f.id) return &f;
  return nullptr;
}

std::string_view family_of(std::string_view rule_id) {
  auto dot = rule_id.find('.');
  return dot == std::string_view::npos ? std::string_view() : rule_id.substr(0, dot);
}

std::string family_name(std::string_view id, std::string_view language) {
  const Family* f = find_family(id);
  if (!f) return std::string(id);
  return language == "zh" ? f->zh : f->en;
}

std::string family_ids() {
  std::string s;
  for (const auto& f : kFamilies) s += (s.empty() ? "" : ", ") + std::string(f.id);
  return s;
}

}  // namespace tally::rules
