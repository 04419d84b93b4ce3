#pragma once
// The closed set of rule families, declared once with their Chinese and English names (like
// LanguageTool's Categories). A rule's family is the first word of its id ("percent" for
// percent.recompute) and the folder its file lives in (rules/percent/recompute.yaml); the family
// is what the LanguageTool category, SARIF's rule tags and `tally rules` show. A new family is
// one line in families.cpp.
#include <span>
#include <string>
#include <string_view>

namespace tally::rules {

struct Family {
  const char* id;  // "percent": the id prefix and the rules/ folder
  const char* zh;  // "百分比"
  const char* en;  // "Percentages"
};

// Every family, in the order `tally rules` lists them.
std::span<const Family> families();

// The family named `id`, or nullptr.
const Family* find_family(std::string_view id);

// The family of a rule id: the word before the first dot ("" when there is no dot). The family
// need not be declared (a house rule's id is checked when it loads, not here).
std::string_view family_of(std::string_view rule_id);

// The family's name in `language` ("zh" or "en"; English otherwise); the id itself for a family
// that is not declared.
std::string family_name(std::string_view id, std::string_view language);

// "percent, count, …": every family id, for error messages.
std::string family_ids();

}  // namespace tally::rules
