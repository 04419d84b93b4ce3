#pragma once
// Inside the PDF module only (tally_pdf.so): the rules each page draws, read with poppler's core
// (pdf_rules_poppler.cpp) after its text has been read with poppler-cpp (pdf_poppler.cpp).
#include <string>
#include <vector>

#include "parse/pdf_reader.hpp"

namespace tally::parse {

// Fills each page's `rules` from the PDF at `path`; pages it cannot read keep none.
void read_rules(const std::string& path, std::vector<PdfPage>& pages);

}  // namespace tally::parse
