#pragma once
// What a rule may need from a document before it can say anything (`requires:` in a YAML rule,
// `requires = …` in tally.rule{}). A rule whose need is not met is not run on that document,
// and the check reports one notice per unmet need, naming the rules it held back. New needs are
// added to the table in requirements.cpp.
#include <string>
#include <string_view>
#include <vector>

#include "parse/document.hpp"
#include "findings/notice.hpp"
#include "findings/rule_info.hpp"

namespace tally::rules {

struct Requirement {
  const char* name;       // as rules write it: "publication_date"
  const char* notice_id;  // the notice when it is missing: "no-publication-date"
  bool (*met)(const parse::Document& doc);
  const char* message_zh;  // "{rules}" stands for the ids of the rules held back
  const char* message_en;
};

const Requirement* find_requirement(std::string_view name);
// "publication_date" (every known name, comma-separated), for error messages.
std::string requirement_names();

// The language a notice about the whole document is written in: that of most of its articles
// (the first article's on a tie).
std::string document_language(const parse::Document& doc);

// The rules among `active` that cannot run on `doc`, with one notice per unmet requirement in
// the document's language. Nothing is held back from a document without articles: no rule
// would run on it anyway.
struct Gate {
  std::vector<std::string> held_back;  // rule ids, sorted
  std::vector<report::Notice> notices;
};
Gate gate_rules(const parse::Document& doc, const std::vector<const RuleInfo*>& active);

}  // namespace tally::rules
