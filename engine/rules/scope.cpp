#include "rules/scope.hpp"

namespace tally::rules {

namespace {

using parse::BlockType;

// Bylines, page headers and sign-offs are layout, not copy a rule should judge.
bool is_copy(BlockType t) {
  return t == BlockType::Headline || t == BlockType::Subheadline || t == BlockType::Kicker ||
         t == BlockType::Subhead || t == BlockType::Paragraph || t == BlockType::Caption;
}

Piece whole(int article, size_t b, const parse::Block& block) {
  return {article, b, 0, static_cast<uint32_t>(block.text.text.size())};
}

}  // namespace

std::optional<Scope> parse_scope(const std::string& s) {
  if (s == "document") return Scope::Document;
  if (s == "article") return Scope::Article;
  if (s == "headline") return Scope::Headline;
  if (s == "paragraph") return Scope::Paragraph;
  if (s == "sentence") return Scope::Sentence;
  if (s == "quote") return Scope::Quote;
  if (s == "caption") return Scope::Caption;
  return std::nullopt;
}

std::vector<Unit> units_of(const DocumentInput& in, Scope scope) {
  std::vector<Unit> out;
  for (const auto& ai : in.articles) {
    const auto& blocks = ai.article->blocks;
    Unit article{ai.index, {}};
    for (size_t b = 0; b < blocks.size(); ++b) {
      const auto& block = blocks[b];
      if (!is_copy(block.type)) continue;
      switch (scope) {
        case Scope::Document:
        case Scope::Article:
          article.pieces.push_back(whole(ai.index, b, block));
          break;
        case Scope::Headline:
          if (block.type == BlockType::Headline || block.type == BlockType::Subheadline)
            out.push_back({ai.index, {whole(ai.index, b, block)}});
          break;
        case Scope::Paragraph:
          if (block.type == BlockType::Paragraph || block.type == BlockType::Subhead)
            out.push_back({ai.index, {whole(ai.index, b, block)}});
          break;
        case Scope::Caption:
          if (block.type == BlockType::Caption)
            out.push_back({ai.index, {whole(ai.index, b, block)}});
          break;
        case Scope::Sentence:
          for (const auto& s : ai.facts->blocks[b].sentences)
            out.push_back({ai.index, {{ai.index, b, s.begin, s.end}}});
          break;
        case Scope::Quote:
          for (const auto& at : ai.facts->pairs) {
            const auto& p = at.fact;
            if (at.block == b && (p.kind == "“" || p.kind == "「" || p.kind == "\"" ||
                                  p.kind == "‘" || p.kind == "『"))
              out.push_back({ai.index, {{ai.index, b, p.open + p.open_len, p.close}}});
          }
          break;
      }
    }
    if (scope == Scope::Article) out.push_back(std::move(article));
    if (scope == Scope::Document) {
      if (out.empty()) out.push_back({-1, {}});
      for (auto& p : article.pieces) out[0].pieces.push_back(p);
    }
  }
  return out;
}

}  // namespace tally::rules
