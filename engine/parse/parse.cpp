#include "parse/parse.hpp"

#include <cctype>

#include "parse/markdown_parser.hpp"
#include "parse/page_parser.hpp"
#include "parse/pdf_parser.hpp"
#include "parse/pdf_reader.hpp"
#include "parse/publication_date.hpp"

namespace tally::parse {

namespace {
// Case-insensitive: editors on Windows save "DRAFT.MD".
bool ends_with(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
      return false;
  return true;
}
}  // namespace

Document parse_document(const text::Source& src, const ParseOptions& opts) {
  bool markdown = opts.format ? *opts.format == Format::Markdown
                              : ends_with(src.path, ".md") || ends_with(src.path, ".markdown");
  std::optional<bool> wrapped;
  if (opts.format && !markdown) wrapped = *opts.format == Format::Page;
  // A PDF loaded by load_pdf: read again with its layout (the bytes are its extracted text).
  std::optional<Document> pdf;
  if (!markdown && src.pdf) pdf = parse_pdf(src);
  if (opts.memo) opts.memo->next_parse();
  Document doc = pdf        ? std::move(*pdf)
                 : markdown ? parse_markdown(src)
                            : parse_page(src, wrapped, opts.memo);
  resolve_publication_date(doc, opts.date, opts.config_date);
  if (!opts.language.empty())
    for (auto& a : doc.articles) a.language = opts.language;
  return doc;
}

bool parse_input_format(std::string_view name, std::optional<Format>& out) {
  if (name == "auto")
    out = std::nullopt;
  else if (name == "page")
    out = Format::Page;
  else if (name == "plain")
    out = Format::Lines;
  else if (name == "markdown")
    out = Format::Markdown;
  else
    return false;
  return true;
}

}  // namespace tally::parse
