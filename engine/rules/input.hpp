#pragma once
// What rules look at: the parsed document, its bytes, and each article's facts.
#include <string>
#include <string_view>
#include <vector>

#include "facts/extract.hpp"
#include "parse/document.hpp"

namespace tally::rules {

struct ArticleInput {
  const parse::Article* article = nullptr;
  const facts::ArticleFacts* facts = nullptr;
  int index = 0;  // 0-based
};

struct DocumentInput {
  const parse::Document* doc = nullptr;
  std::string_view bytes;
  // Every article of `doc` in order (prepare_input), or, for an editor's re-check of the
  // per-article YAML rules, the articles an edit touched only: `index` is always the article's
  // place in `doc`.
  std::vector<ArticleInput> articles;
  std::string messages;  // CheckSettings::messages: the language findings are worded in, or ""
};

// `facts` must outlive the result (one entry per article of `doc`).
DocumentInput prepare_input(const parse::Document& doc, std::string_view bytes,
                            const std::vector<facts::ArticleFacts>& facts);

}  // namespace tally::rules
