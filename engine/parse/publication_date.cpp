#include "parse/publication_date.hpp"

namespace tally::parse {

void resolve_publication_date(Document& doc, std::optional<Date> option,
                              std::optional<Date> config) {
  if (doc.header && doc.header->date) {
    doc.publication_date = doc.header->date;
    doc.date_source = "page-header";
  } else if (option) {
    doc.publication_date = option;
    doc.date_source = "option";
  } else if (config) {
    doc.publication_date = config;
    doc.date_source = "config";
  } else {
    doc.publication_date.reset();
    doc.date_source.clear();
  }
}

}  // namespace tally::parse
