#pragma once
// What a check says about itself rather than about the text: a family of rules that could not
// run on a document because it lacks something they need (no publication date: date.future
// did not run). Every output carries these beside the findings, so that silence is never
// mistaken for a clean result. Also a rule that reached its per-document cap of findings
// ("findings-capped"): the rest of its findings were not listed.
#include <string>
#include <vector>

namespace tally::report {

struct Notice {
  std::string id;                  // stable, for tools: "no-publication-date"
  std::string requirement;         // what was missing, as rules name it: "publication_date";
                                   // for a cap, the limit reached: "findings_per_rule"
  std::string message;             // in the document's language
  std::vector<std::string> rules;  // the rules that did not run (or were capped), sorted
};

}  // namespace tally::report
