#pragma once
// The `matches` of a LanguageTool reply, built in time and space linear in the text and the
// findings: UTF-16 offsets of every match from one pass over the text, a context of 40 units
// either side and a `sentence` of bounded length per match (a reply once repeated the whole
// line per match: 541 MB for a 128 KB line).
#include <nlohmann/json.hpp>
#include <string>

#include "lt_annotated.hpp"
#include "rules/rule_set.hpp"
#include "service/engine.hpp"

namespace tally::http {

// One match per finding (a fix of several edits that would touch markup becomes one match per
// edit; a single edit that would is offered without a replacement). `language` ("zh", "en")
// is for findings outside any article.
nlohmann::json lt_matches(const AnnotatedText& text, const service::CheckOutcome& outcome,
                          const rules::RuleSet& rules, const std::string& language);

// LanguageTool's context: up to 40 UTF-16 units either side of [begin, end) (byte offsets of
// `text`), "..." where the text goes on past them (as ContextTools has it: from 40 units in),
// newlines as spaces. `begin16`, `end16`, `total16` are the UTF-16 offsets of begin, end and
// the text's end. Exposed for tests.
nlohmann::json lt_context(std::string_view text, size_t begin, size_t end, size_t begin16,
                          size_t end16, size_t total16);

// The sentence around [begin, end) of `text`: from after the previous sentence end to the next
// one, at most 150 characters either side of the match (and 1,000 of the match), trimmed.
std::string lt_sentence(std::string_view text, size_t begin, size_t end);

}  // namespace tally::http
