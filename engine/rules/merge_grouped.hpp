#pragma once
// One finding per document for a fault of the whole page. A Lua rule may give one finding for
// an article that shows many marks of the same fault, with a fix of several edits (an article
// set with ASCII punctuation throughout). When several articles of one document get such a
// finding from a rule that declares `merge = {zh = …, en = …}`, they are one fault of the page
// (it went through one typesetting path): they become one finding for the document, at the
// first mark, with every edit, and the rule's merge message with {count} (edits) and
// {articles} filled in.
#include <functional>
#include <string>
#include <vector>

#include "findings/finding.hpp"
#include "parse/document.hpp"
#include "rules/lua_rules.hpp"

namespace tally::rules {

// `messages`: the language of the merged message (CheckSettings::messages); "" for the article's.
void merge_grouped(const parse::Document& doc, const std::vector<LuaRule>& rules,
                   std::vector<report::Finding>& findings, const std::string& messages = "");

// The merge itself, for any rule that groups (the YAML kind `halfwidth` too): the findings at
// `grouped` (two or more, each with a fix) become one for the document, the first in the text,
// with every edit in text order and `message(first, edits, articles)` as its message; the
// others are removed from `findings`.
void merge_into_first(
    std::vector<report::Finding>& findings, std::vector<size_t> grouped,
    const std::function<std::string(const report::Finding&, size_t, size_t)>& message);

}  // namespace tally::rules
