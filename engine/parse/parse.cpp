#include "parse/parse.hpp"

#include "parse/markdown_parser.hpp"
#include "parse/page_parser.hpp"
#include "parse/publication_date.hpp"

namespace tally::parse {

namespace {
bool ends_with(const std::string& s, const char* suffix) {
  std::string x(suffix);
  return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}
}  // namespace

Document parse_document(const text::Source& src, const ParseOptions& opts) {
  bool markdown = opts.format ? *opts.format == Format::Markdown
                              : ends_with(src.path, ".md") || ends_with(src.path, ".markdown");
  Document doc = markdown ? parse_markdown(src) : parse_page(src);
  resolve_publication_date(doc, opts.date, opts.config_date);
  if (!opts.language.empty())
    for (auto& a : doc.articles) a.language = opts.language;
  return doc;
}

}  // namespace tally::parse
