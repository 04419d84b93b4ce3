// Built instead of pdf_rules_poppler.cpp when poppler's core headers (libpoppler-private-dev)
// are not installed: pages are read without their rules, and the layout does without them.
#include "parse/pdf_rules_poppler.hpp"

namespace tally::parse {

void read_rules(const std::string&, std::vector<PdfPage>&) {}

}  // namespace tally::parse
