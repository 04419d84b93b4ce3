#pragma once
// The stretches of text a YAML rule looks at one at a time: the whole document, an article, a
// headline, a paragraph, a sentence, the inside of a quotation, a caption.
#include <optional>
#include <string>
#include <vector>

#include "rules/input.hpp"

namespace tally::rules {

enum class Scope { Document, Article, Headline, Paragraph, Sentence, Quote, Caption };
std::optional<Scope> parse_scope(const std::string& s);

// A piece of one block's logical text.
struct Piece {
  int article = 0;
  size_t block = 0;
  uint32_t lbegin = 0, lend = 0;
};

struct Unit {
  int article = 0;  // -1 for the document scope
  std::vector<Piece> pieces;
};

std::vector<Unit> units_of(const DocumentInput& in, Scope scope);

}  // namespace tally::rules
