#include "parse/parse.hpp"

#include "parse/markdown_parser.hpp"
#include "parse/page_parser.hpp"
#include "parse/publication_date.hpp"

namespace tally::parse {

namespace {
// ASCII case ignored: drafts saved as NOTES.MD or Story.Markdown are Markdown too.
bool ends_with(const std::string& s, const char* suffix) {
  std::string x(suffix);
  if (s.size() < x.size()) return false;
  for (size_t i = 0, at = s.size() - x.size(); i < x.size(); ++i) {
    char c = s[at + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != x[i]) return false;
  }
  return true;
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
