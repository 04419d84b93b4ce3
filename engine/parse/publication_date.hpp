#pragma once
#include <optional>

#include "parse/document.hpp"

namespace tally::parse {

// The page header's date wins (it is what was printed), then --date, then the config's.
void resolve_publication_date(Document& doc, std::optional<Date> option,
                              std::optional<Date> config);

}  // namespace tally::parse
