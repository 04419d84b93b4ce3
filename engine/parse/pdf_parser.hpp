#pragma once
// The PDF path's entry: a PDF read and laid out (pdf_reader, pdf_layout) becomes the extracted
// text every span indexes (page furniture first, then each article's blocks in reading order,
// one printed line per text line) and a Document with the articles and every line's place on
// its page.
#include <string>

#include "parse/document.hpp"
#include "text/source.hpp"

namespace tally::parse {

// The PDF at `path` as a Source whose bytes are its extracted text; an InputError when poppler
// cannot read it.
text::LoadResult load_pdf(const std::string& path);

// The document of a Source made by load_pdf (the PDF is read again and laid out the same way);
// nullopt when the file is gone or no longer gives these bytes.
std::optional<Document> parse_pdf(const text::Source& src);

}  // namespace tally::parse
