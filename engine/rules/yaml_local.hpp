#pragma once
// Whether a YAML rule's findings on an article depend on that article alone (its blocks, facts,
// index and language, the document's date and the language messages are worded in): then an
// editor's re-check reuses them for the articles an edit did not touch (rules/article_memo.hpp)
// and runs the rule on the others only. A rule of document scope reads every article as one
// stretch of text; a kind not known here is taken to possibly look across articles, so it runs
// on the whole document on every re-check (still exact, only slower).
#include "rules/yaml_rule.hpp"

namespace tally::rules {

bool yaml_rule_per_article(const YamlRule& rule);

}  // namespace tally::rules
